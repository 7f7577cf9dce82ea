package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads revision 1 of {@code TransferRequested} as revision 2. Revision 1 was written before the ledger had
 * callers to tell apart, so such a transfer's requester is {@link dev.ledger.api.access.Requester#unrecorded()}. That
 * fails closed: a saga still running from then has its debit refused, rather than taking money as staff would.
 *
 * <p>Like every upcaster, it is pinned to stored data: the type name and revisions are literals.
 */
@Component
class TransferRequestedUpcaster extends SingleEventUpcaster {

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
