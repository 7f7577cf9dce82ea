package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision 1 of {@code TransferRequested} as revision 2. Revision 1 was written before the ledger had
 * callers to tell apart, so such a transfer's requester is {@link dev.ledger.api.access.Requester#unrecorded()}. That
 * fails closed: a saga still running from then has its debit refused, rather than taking money as staff would.
 *
 * <p>The first step of the chain to the current revision: {@link TransferRequestedRevisionTwoUpcaster} takes its
 * output on to revision 3, so it is ordered before that one. Like every upcaster, it is pinned to stored data: the
 * type name and revisions are literals.
 */
@Component
@Order(TransferRequestedUpcaster.ORDER)
class TransferRequestedUpcaster extends SingleEventUpcaster {

    /** Where the chain of {@code TransferRequested}'s steps starts among the upcasters, which Axon applies in order. */
    static final int ORDER = 100;

    private static final String TYPE = "dev.ledger.api.transfer.TransferRequested";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return new SimpleSerializedType(TYPE, "1").equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, requested -> {
            if (requested instanceof ObjectNode payload && !payload.hasNonNull("requestedBy")) {
                payload.putObject("requestedBy").put("principal", "unrecorded").put("scope", "OWN_ACCOUNTS");
            }
            return requested;
        });
    }
}
