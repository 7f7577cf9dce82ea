package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision 2 of {@code TransferRequested} as revision 3. Revision 2 was written before transfers could be
 * captured later, so every such transfer moved its money at once: its {@code capture} is {@code AUTOMATIC}, and it
 * has no {@code expiresAt} (left absent, which reads as none). A revision 2 event that already names a capture mode
 * keeps it.
 *
 * <p>It runs after {@link TransferRequestedUpcaster}, so a revision 1 event arrives here as revision 2 and leaves as
 * revision 3: Axon applies the upcaster beans in their {@link Order}. Like every upcaster, it is pinned to stored
 * data: the type name and revisions are literals.
 */
@Component
@Order(TransferRequestedUpcaster.ORDER + 1)
class TransferRequestedRevisionTwoUpcaster extends SingleEventUpcaster {

    private static final String TYPE = "dev.ledger.api.transfer.TransferRequested";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return new SimpleSerializedType(TYPE, "2").equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(TYPE, "3"), JsonNode.class, requested -> {
            if (requested instanceof ObjectNode payload && !payload.hasNonNull("capture")) {
                payload.put("capture", "AUTOMATIC");
            }
            return requested;
        });
    }
}
