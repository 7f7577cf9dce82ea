package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import java.time.Instant;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class TransferRequestedUpcasterTest {

    private static final String TYPE = "dev.ledger.api.transfer.TransferRequested";
    private static final String REVISION_ONE = "{\"transferId\":{\"value\":\"t-1\"},"
            + "\"sourceAccountId\":{\"value\":\"a-1\"},\"destinationAccountId\":{\"value\":\"a-2\"},"
            + "\"amount\":{\"minorUnits\":700,\"currency\":\"EUR\"},\"reference\":\"rent\"}";
    private static final String REVISION_TWO = REVISION_ONE.substring(0, REVISION_ONE.length() - 1)
            + ",\"requestedBy\":{\"principal\":\"alice\",\"scope\":\"OWN_ACCOUNTS\"}}";

    private final TransferRequestedUpcaster upcaster = new TransferRequestedUpcaster();
    /** Both steps, in the order the application applies them. */
    private final EventUpcasterChain chain = new EventUpcasterChain(upcaster,
            new TransferRequestedRevisionTwoUpcaster());

    @Test
    void aRevisionOneRequestIsReadAsRevisionTwoRequestedByAnUnrecordedPrincipalThatMayDebitNothing() {
        IntermediateEventRepresentation upcast = StoredEvents.upcastOne(upcaster, TYPE, "1", REVISION_ONE);

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(upcast.getData(JsonNode.class).getData().path("requestedBy")
                .path("principal").asText()).isEqualTo(Requester.UNRECORDED);
        TransferRequested requested = StoredEvents.deserialize(StoredEvents.upcastOne(chain, TYPE, "1", REVISION_ONE));
        assertThat(requested.requestedBy()).isEqualTo(Requester.unrecorded());
        assertThat(requested.requestedBy().mayDebitAccountOf(Requester.UNRECORDED)).isFalse();
    }

    @Test
    void aRevisionOneRequestIsReadThroughBothStepsAsRevisionThreeMovingItsMoneyAtOnce() {
        IntermediateEventRepresentation upcast = StoredEvents.upcastOne(chain, TYPE, "1", REVISION_ONE);

        assertThat(upcast.getType().getRevision()).isEqualTo("3");
        assertThat((TransferRequested) StoredEvents.deserialize(upcast)).isEqualTo(new TransferRequested(
                new TransferId("t-1"), new AccountId("a-1"), new AccountId("a-2"), Money.of(700, "EUR"), "rent",
                Requester.unrecorded(), CaptureMode.AUTOMATIC, null));
    }

    @Test
    void aRevisionTwoRequestKeepsItsRequesterAndIsReadAsRevisionThreeMovingItsMoneyAtOnce() {
        IntermediateEventRepresentation upcast = StoredEvents.upcastOne(chain, TYPE, "2", REVISION_TWO);

        assertThat(upcast.getType().getRevision()).isEqualTo("3");
        assertThat(upcast.getData(JsonNode.class).getData().has("expiresAt"))
                .as("no expiry is made up").isFalse();
        TransferRequested requested = StoredEvents.deserialize(upcast);
        assertThat(requested.requestedBy()).isEqualTo(Requester.owner("alice"));
        assertThat(requested.capture()).isEqualTo(CaptureMode.AUTOMATIC);
        assertThat(requested.expiresAt()).isNull();
    }

    @Test
    void aRevisionThreeRequestIsLeftAsItWasStored() {
        String manual = REVISION_TWO.substring(0, REVISION_TWO.length() - 1)
                + ",\"capture\":\"MANUAL\",\"expiresAt\":\"2026-12-07T10:00:00Z\"}";

        IntermediateEventRepresentation upcast = StoredEvents.upcastOne(chain, TYPE, "3", manual);

        assertThat(upcast.getType().getRevision()).isEqualTo("3");
        TransferRequested requested = StoredEvents.deserialize(upcast);
        assertThat(requested.capture()).isEqualTo(CaptureMode.MANUAL);
        assertThat(requested.expiresAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    }
}
