package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads revision 1 of {@code AccountOpened} as revision 2. Revision 1 was written before accounts had an
 * overdraft, so it may lack {@code overdraftLimit}: such an account was opened with none, which is a limit of
 * zero in the account's currency. A revision 1 event that already carries the field keeps it.
 *
 * <p>Stored events never change, so this step describes stored data and is pinned to it: the type name is the
 * one in the store, not whatever the class is called now, and the revisions are literals.
 */
@Component
class AccountOpenedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = "dev.ledger.api.account.AccountOpened";
    private static final SerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, AccountOpenedUpcaster::withOverdraftLimit);
    }

    private static JsonNode withOverdraftLimit(JsonNode opened) {
        JsonNode currency = opened.path("currency");
        // Without a currency the event cannot be mended; left alone, it fails where any reader would notice.
        if (opened instanceof ObjectNode event && currency.isTextual() && !event.hasNonNull("overdraftLimit")) {
            event.putObject("overdraftLimit")
                    .put("minorUnits", 0L)
                    .put("currency", currency.asText());
        }
        return opened;
    }
}
