package dev.ledger.api.access;

import java.util.Objects;

/**
 * Who asked for a money movement or an account's opening, as far as the account that decides it needs to know:
 * the principal's opaque id, and whether that principal acts for itself or for the bank. It travels with the
 * request into the events and the saga's commands, so the account itself refuses a debit or an opening its
 * requester may not make, whatever route the command took. It holds no personal data: the principal is the
 * owner id accounts are opened under (a JWT subject, or a demo user's name).
 *
 * @param principal the requester's opaque id, never blank
 * @param scope     which accounts the requester may debit
 */
public record Requester(String principal, Scope scope) {

    /** The principal recorded for transfers requested before requesters were recorded. */
    public static final String UNRECORDED = "unrecorded";

    /** Which accounts a requester may take money out of. */
    public enum Scope {
        /** Only accounts whose owner is the requester's principal: a customer. */
        OWN_ACCOUNTS,
        /** Any account: staff acting for the bank, who also open accounts for any owner, with an overdraft. */
        ANY_ACCOUNT
    }

    public Requester {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(scope, "scope");
        if (principal.isBlank()) {
            throw new IllegalArgumentException("principal must not be blank");
        }
    }

    /** A customer, who may debit only its own accounts. */
    public static Requester owner(String principal) {
        return new Requester(principal, Scope.OWN_ACCOUNTS);
    }

    /** Staff, who may debit any account. */
    public static Requester staff(String principal) {
        return new Requester(principal, Scope.ANY_ACCOUNT);
    }

    /**
     * The requester of a transfer that was stored without one. It fails closed: it acts for nobody and owns no
     * account, so every debit it asks for is refused.
     */
    public static Requester unrecorded() {
        return new Requester(UNRECORDED, Scope.OWN_ACCOUNTS);
    }

    /** Whether this requester may take money out of an account that {@code owner} owns. */
    public boolean mayDebitAccountOf(String owner) {
        return actsForTheBank() || !principal.equals(UNRECORDED) && principal.equals(owner);
    }

    /** Whether this requester is staff: it may debit any account, and open one for any owner with an overdraft. */
    public boolean actsForTheBank() {
        return scope == Scope.ANY_ACCOUNT;
    }
}
