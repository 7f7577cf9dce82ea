package dev.ledger.api.error;

import java.util.Objects;

/**
 * Thrown when a direct request breaks a business rule, such as a withdrawal beyond the balance plus
 * overdraft. It carries a stable {@link LedgerErrorCode}; the web layer turns it into problem+json. A saga
 * step that breaks a rule never throws this: it is recorded as a rejection event instead.
 */
public class LedgerRuleViolation extends RuntimeException {

    private final LedgerErrorCode code;

    public LedgerRuleViolation(LedgerErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public LedgerErrorCode code() {
        return code;
    }
}
