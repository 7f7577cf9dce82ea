package dev.ledger.api.transfer;

import dev.ledger.api.OpaqueIds;
import java.util.UUID;

/**
 * Identifies one transfer between two accounts, and every leg (debit, credit, refund) it causes, so that a
 * repeated leg is recognised. Opaque to clients: generated, or supplied as {@code [A-Za-z0-9_-]{1,64}}.
 */
public record TransferId(String value) {

    public TransferId {
        OpaqueIds.requireValid(value, "transferId");
    }

    public static TransferId generate() {
        return new TransferId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
