package dev.ledger.app.security;

/**
 * The roles of the REST contract. A demo user has one; a JWT may carry several in its roles claim, as
 * {@code CUSTOMER}, {@code TELLER}, {@code AUDITOR} or {@code ADMIN}.
 */
public enum Role {
    /**
     * Opens accounts for itself, without an overdraft and under ids of its own, reads its own accounts and
     * transfers, transfers out of its own accounts.
     */
    CUSTOMER,
    /**
     * Opens accounts for any owner, with an overdraft; cash in, cash out, freeze, unfreeze and close on any
     * account; reads every account.
     */
    TELLER,
    /** Reads everything, the audit included; writes nothing. */
    AUDITOR,
    /** Everything, the operations under {@code /api/admin} and the actuator included. */
    ADMIN;

    /** The Spring Security authority that grants this role. */
    String authority() {
        return "ROLE_" + name();
    }
}
