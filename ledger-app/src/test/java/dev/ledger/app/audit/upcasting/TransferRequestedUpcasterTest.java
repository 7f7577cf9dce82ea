package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class TransferRequestedUpcasterTest {

    private static final String TYPE = "dev.ledger.api.transfer.TransferRequested";
    private static final String REVISION_ONE = "{\"transferId\":{\"value\":\"t-1\"},"
            + "\"sourceAccountId\":{\"value\":\"a-1\"},\"destinationAccountId\":{\"value\":\"a-2\"},"
            + "\"amount\":{\"minorUnits\":700,\"currency\":\"EUR\"},\"reference\":\"rent\"}";

    private final TransferRequestedUpcaster upcaster = new TransferRequestedUpcaster();

    @Test
    void aRevisionOneRequestIsReadAsRevisionTwoRequestedByAnUnrecordedPrincipalThatMayDebitNothing() {
        IntermediateEventRepresentation upcast = StoredEvents.upcastOne(upcaster, TYPE, "1", REVISION_ONE);

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        TransferRequested requested = StoredEvents.deserialize(upcast);
        assertThat(requested).isEqualTo(new TransferRequested(new TransferId("t-1"), new AccountId("a-1"),
                new AccountId("a-2"), Money.of(700, "EUR"), "rent", Requester.unrecorded()));
        assertThat(requested.requestedBy().mayDebitAccountOf(Requester.UNRECORDED)).isFalse();
    }

    @Test
    void aRevisionTwoRequestKeepsItsRequester() {
        String revisionTwo = REVISION_ONE.substring(0, REVISION_ONE.length() - 1)
                + ",\"requestedBy\":{\"principal\":\"alice\",\"scope\":\"OWN_ACCOUNTS\"}}";

        TransferRequested requested = StoredEvents.deserialize(StoredEvents.upcastOne(upcaster, TYPE, "2", revisionTwo));

        assertThat(requested.requestedBy()).isEqualTo(Requester.owner("alice"));
    }
}
