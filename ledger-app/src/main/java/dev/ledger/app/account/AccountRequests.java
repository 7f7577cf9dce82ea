package dev.ledger.app.account;

import static dev.ledger.app.web.InvalidRequest.bodyField;

import dev.ledger.api.OpaqueIds;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.money.Money;
import dev.ledger.app.security.Caller;
import dev.ledger.app.web.InputError;
import dev.ledger.app.web.InvalidRequest;
import java.util.Currency;
import java.util.Optional;

/** The bodies clients send to the account endpoints, as in the REST contract. */
final class AccountRequests {

    /** The largest amount one request may name: far above any real payment, far below overflow. */
    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    private AccountRequests() {
    }

    /**
     * Opens an account. Staff name the owner, and may set an overdraft and choose any id. A customer opens for
     * itself: it may leave the owner out, and it sets no overdraft and chooses only ids of its own
     * ({@link #idNotAllowedFor(Requester)}); the controller refuses anything else with {@code PROPERTY_NOT_ALLOWED}.
     */
    record OpenAccountRequest(String owner, String currency, Long overdraftLimit, String accountId) {

        /** The opening as asked, on behalf of {@code caller}. */
        OpenAccount toCommand(Caller caller) {
            Requester opener = caller.opener();
            if (owner == null && opener.actsForTheBank()) {
                throw new InvalidRequest(InputError.body("owner",
                        "owner is missing: a teller or an admin names the owner of the account"));
            }
            String named = owner == null ? opener.principal()
                    : bodyField("owner", owner, () -> OpaqueIds.requireValid(owner, "owner"));
            return new OpenAccount(id(), named, unit(), overdraft(), opener);
        }

        /**
         * Why {@code opener} may not choose this request's id, if it may not. Staff choose any id. A customer's own
         * id is its principal, a dash and a suffix without one, such as {@code alice-eur}: everything before the
         * last dash is the owner, so no other customer can choose it, and refusing an id never depends on whether
         * someone holds it. Were ids anyone's to choose, {@code ACCOUNT_EXISTS} would reveal another customer's.
         */
        Optional<String> idNotAllowedFor(Requester opener) {
            if (accountId == null || opener.actsForTheBank() || isOwnId(accountId, opener.principal())) {
                return Optional.empty();
            }
            return Optional.of("accountId: a customer's own account id is its principal, a dash and letters, digits "
                    + "or underscores, such as " + opener.principal() + "-eur; leave accountId out to have one "
                    + "generated");
        }

        private static boolean isOwnId(String id, String principal) {
            int suffix = principal.length() + 1;
            return id.length() > suffix && id.startsWith(principal + "-") && id.indexOf('-', suffix) < 0;
        }

        private AccountId id() {
            return accountId == null ? AccountId.generate()
                    : bodyField("accountId", accountId, () -> new AccountId(accountId));
        }

        private Currency unit() {
            return bodyField("currency", currency, () -> Money.currencyOf(currency));
        }

        private Money overdraft() {
            long limit = overdraftLimit == null ? 0 : overdraftLimit;
            if (limit < 0 || limit > MAX_AMOUNT) {
                throw new InvalidRequest(InputError.body("overdraftLimit",
                        "overdraftLimit must be between 0 and " + MAX_AMOUNT));
            }
            return new Money(limit, unit());
        }
    }

    /**
     * Cash in or out. {@code currency} is optional: the account's own currency is assumed, and a different
     * one is refused with {@code CURRENCY_MISMATCH}.
     */
    record CashRequest(Long amount, String currency, String reference) {

        Money amountIn(Currency accountCurrency) {
            long minorUnits = InvalidRequest.amountField("amount", amount, MAX_AMOUNT);
            InvalidRequest.referenceField("reference", reference);
            return new Money(minorUnits, currency == null ? accountCurrency
                    : bodyField("currency", currency, () -> Money.currencyOf(currency)));
        }
    }
}
