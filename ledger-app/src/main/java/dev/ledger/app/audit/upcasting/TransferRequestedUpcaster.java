package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision 1 of {@code TransferRequested} as revision 2. Revision 1 was written before the ledger had
 * callers to tell apart, so such a transfer's requester is {@link dev.ledger.api.access.Requester#unrecorded()}. That
 * fails closed: a saga still running from then has its debit refused, rather than taking money as staff would.
 *
 * <p>The first step of the chain to the current revision: {@link TransferRequestedRevisionTwoUpcaster} takes its
 * output on to revision 3, so it is ordered before that one.
 */
@Component
@Order(TransferRequestedUpcaster.ORDER)
class TransferRequestedUpcaster extends RevisionStep {

    /** Where the chain of {@code TransferRequested}'s steps starts among the upcasters, which Axon applies in order. */
    static final int ORDER = 100;
    static final String TYPE = "dev.ledger.api.transfer.TransferRequested";

    TransferRequestedUpcaster() {
        super(TYPE, "1", "2");
    }

    @Override
    void mend(ObjectNode requested) {
        if (!requested.hasNonNull("requestedBy")) {
            requested.putObject("requestedBy").put("principal", "unrecorded").put("scope", "OWN_ACCOUNTS");
        }
    }
}
