package dev.ledger.api.account;

/** The lifecycle of an account: open, frozen (no debits or credits) or closed (for good, at zero). */
public enum AccountStatus {
    OPEN,
    FROZEN,
    CLOSED
}
