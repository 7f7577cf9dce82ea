package dev.ledger.api.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void isACountOfMinorUnitsInACurrency() {
        Money amount = Money.of(1050, "EUR");

        assertThat(amount.minorUnits()).isEqualTo(1050);
        assertThat(amount.currency()).isEqualTo(EUR);
        assertThat(amount).hasToString("1050 EUR").isEqualTo(new Money(1050, EUR));
    }

    @Test
    void takesOnlyUpperCaseIsoCodesWithAMinorUnit() {
        assertThat(Money.of(5, "JPY").currency()).isEqualTo(JPY);
        assertThatThrownBy(() -> Money.currencyOf("eur")).hasMessage("Currency must be an upper-case ISO-4217 code");
        assertThatThrownBy(() -> Money.currencyOf(null)).hasMessage("Currency must be an upper-case ISO-4217 code");
        assertThatThrownBy(() -> Money.currencyOf("EURO")).hasMessage("Currency must be an upper-case ISO-4217 code");
        assertThatThrownBy(() -> Money.currencyOf("ZZZ")).hasMessage("Currency ZZZ is not an ISO-4217 code");
        assertThatThrownBy(() -> Money.currencyOf("XAU")).hasMessage("Currency XAU has no defined minor unit");
        assertThatThrownBy(() -> new Money(1, Currency.getInstance("XAU")))
                .hasMessage("Currency XAU has no defined minor unit");
        assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void addsSubtractsAndNegatesInTheSameCurrency() {
        Money ten = Money.of(10, "EUR");
        Money three = Money.of(3, "EUR");

        assertThat(ten.plus(three)).isEqualTo(Money.of(13, "EUR"));
        assertThat(ten.minus(three)).isEqualTo(Money.of(7, "EUR"));
        assertThat(three.minus(ten)).isEqualTo(Money.of(-7, "EUR"));
        assertThat(ten.negate()).isEqualTo(Money.of(-10, "EUR"));
        assertThat(Money.zero(EUR).isZero()).isTrue();
        assertThat(three.isLessThan(ten)).isTrue();
        assertThat(ten.isLessThan(ten)).isFalse();
        assertThat(ten.isPositive()).isTrue();
        assertThat(Money.zero(EUR).isPositive()).isFalse();
        assertThat(ten.isIn(EUR)).isTrue();
        assertThat(ten.isIn(JPY)).isFalse();
    }

    @Test
    void neverMixesCurrencies() {
        Money euros = Money.of(10, "EUR");
        Money yen = Money.of(10, "JPY");

        assertThatThrownBy(() -> euros.plus(yen)).hasMessage("Cannot combine EUR with JPY");
        assertThatThrownBy(() -> euros.minus(yen)).hasMessage("Cannot combine EUR with JPY");
        assertThatThrownBy(() -> euros.isLessThan(yen)).hasMessage("Cannot combine EUR with JPY");
    }

    @Test
    void neverOverflowsSilently() {
        Money most = new Money(Long.MAX_VALUE, EUR);
        Money least = new Money(Long.MIN_VALUE, EUR);

        assertThatThrownBy(() -> most.plus(Money.of(1, "EUR"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> least.minus(Money.of(1, "EUR"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(least::negate).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void requirePositiveRefusesZeroNegativeAndMissingAmounts() {
        Money one = Money.of(1, "EUR");

        assertThat(Money.requirePositive(one, "amount")).isSameAs(one);
        assertThatThrownBy(() -> Money.requirePositive(Money.zero(EUR), "amount")).hasMessage("amount must be positive");
        assertThatThrownBy(() -> Money.requirePositive(Money.of(-1, "EUR"), "amount"))
                .hasMessage("amount must be positive");
        assertThatThrownBy(() -> Money.requirePositive(null, "amount")).hasMessage("amount");
    }

    /** The laws the ledger's balances lean on, over seeded random amounts; a failure names its seed. */
    @Test
    void arithmeticFollowsTheLawsOfIntegers() {
        long seed = Long.getLong("ledger.money.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            // Bounded so that sums of three cannot overflow: overflow has its own test above.
            Money a = new Money(random.nextLong() / 4, EUR);
            Money b = new Money(random.nextLong() / 4, EUR);
            Money c = new Money(random.nextLong() / 4, EUR);
            String example = "seed " + seed + " (rerun with -Dledger.money.seed=" + seed + "): " + a + ", " + b + ", " + c;

            assertThat(a.plus(b)).as(example).isEqualTo(b.plus(a));
            assertThat(a.plus(b).plus(c)).as(example).isEqualTo(a.plus(b.plus(c)));
            assertThat(a.plus(b).minus(b)).as(example).isEqualTo(a);
            assertThat(a.minus(b)).as(example).isEqualTo(a.plus(b.negate()));
            assertThat(a.plus(Money.zero(EUR))).as(example).isEqualTo(a);
            assertThat(a.isLessThan(b)).as(example).isEqualTo(b.minus(a).isPositive());
        }
    }
}
