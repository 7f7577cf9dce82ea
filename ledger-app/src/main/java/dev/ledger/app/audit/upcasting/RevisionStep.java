package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One step in the life of a stored event type: reads its payload at one revision as the next one, mending the JSON
 * object on the way. Stored events never change, so a step describes stored data and is pinned to it: the type
 * name is the one in the store, not whatever the class is called now, and the revisions are literals. A payload
 * that is not a JSON object cannot be mended; left alone, it fails where any reader would notice.
 */
abstract class RevisionStep extends SingleEventUpcaster {

    private final SerializedType from;
    private final SerializedType to;

    RevisionStep(String type, String fromRevision, String toRevision) {
        from = new SimpleSerializedType(type, fromRevision);
        to = new SimpleSerializedType(type, toRevision);
    }

    /** Brings a payload of the earlier revision to the later one, in place. */
    abstract void mend(ObjectNode payload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return from.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(to, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode object) {
                mend(object);
            }
            return payload;
        });
    }
}
