package dev.ledger.api.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: a signed count of a currency's minor units (cents for EUR, yen for JPY) plus the
 * ISO-4217 currency.
 *
 * <p>Invariants: the currency has a defined minor unit (so XAU and other units without one are refused), and
 * arithmetic never overflows silently and never mixes currencies; both throw instead. There is no
 * floating-point anywhere.
 */
public record Money(long minorUnits, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("Currency " + currency + " has no defined minor unit");
        }
    }

    /** Parses an upper-case ISO-4217 code; lower-case and unknown codes are refused. */
    public static Currency currencyOf(String isoCode) {
        if (isoCode == null || !isoCode.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("Currency must be an upper-case ISO-4217 code");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(isoCode);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("Currency " + isoCode + " is not an ISO-4217 code");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("Currency " + isoCode + " has no defined minor unit");
        }
        return currency;
    }

    public static Money of(long minorUnits, String isoCode) {
        return new Money(minorUnits, currencyOf(isoCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Returns {@code amount} if it is strictly positive, otherwise throws {@link IllegalArgumentException}. */
    public static Money requirePositive(Money amount, String name) {
        Objects.requireNonNull(amount, name);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return amount;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minorUnits, sameCurrency(other).minorUnits), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minorUnits, sameCurrency(other).minorUnits), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isLessThan(Money other) {
        return minorUnits < sameCurrency(other).minorUnits;
    }

    public boolean isIn(Currency other) {
        return currency.equals(other);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return minorUnits + " " + currency.getCurrencyCode();
    }
}
