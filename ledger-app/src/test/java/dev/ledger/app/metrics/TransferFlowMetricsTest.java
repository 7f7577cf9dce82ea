package dev.ledger.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransferFlowMetricsTest {

    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final TransferRequested REQUESTED = new TransferRequested(TRANSFER, new AccountId("alice-eur"),
            new AccountId("bob-eur"), Money.of(2500, "EUR"), "rent", Requester.owner("alice"));
    private static final Instant REQUESTED_AT = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant COMPLETED_AT = REQUESTED_AT.plusMillis(250);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final TransferFlowMetrics metrics = new TransferFlowMetrics(registry, eventStore);

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void timesATransferRequestedOnThisNodeWithoutReadingItsStream() {
        // The store stays empty: were the request looked up there, the duration would be unknown.
        metrics.on(REQUESTED, new GenericEventMessage<>("request", REQUESTED, MetaData.emptyInstance(), REQUESTED_AT));

        completes();

        assertThat(completedDurations().count()).isEqualTo(1);
        assertThat(completedDurations().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void timesATransferRequestedElsewhereFromItsStream() {
        eventStore.publish(new GenericDomainEventMessage<>("Transfer", TRANSFER.value(), 0, REQUESTED,
                MetaData.emptyInstance(), "request", REQUESTED_AT));

        completes();

        assertThat(completedDurations().count()).isEqualTo(1);
        assertThat(completedDurations().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void countsTheLegsAndTheSecondPhaseOfATwoPhaseTransferAndItsVoidedEnd() {
        AccountId alice = new AccountId("alice-eur");
        metrics.on(REQUESTED, new GenericEventMessage<>("request", REQUESTED, MetaData.emptyInstance(), REQUESTED_AT));
        metrics.on(new AccountFundsHeld(alice, TRANSFER, Money.of(2500, "EUR"), Money.of(0, "EUR")));
        metrics.on(new TransferAuthorized(TRANSFER, REQUESTED_AT.plusSeconds(3600)));
        metrics.on(new TransferVoidRequested(TRANSFER, Requester.owner("alice")));
        metrics.on(new AccountHoldReleased(alice, TRANSFER, Money.of(2500, "EUR"), Money.of(2500, "EUR")));
        TransferVoided voided = new TransferVoided(TRANSFER);
        metrics.on(voided, new GenericEventMessage<>("end", voided, MetaData.emptyInstance(), COMPLETED_AT));

        assertThat(registry.get("ledger.saga.steps").tags("step", "hold", "outcome", "accepted").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("ledger.saga.steps").tags("step", "release", "outcome", "accepted").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("ledger.transfers.authorized").counter().count()).isEqualTo(1);
        assertThat(registry.get("ledger.transfers.resolved").tag("resolution", "void").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("ledger.transfers.resolved").tag("resolution", "capture").counter().count())
                .isZero();
        assertThat(registry.get("ledger.transfers.ended").tag("outcome", "VOIDED").counter().count()).isEqualTo(1);
        assertThat(registry.get("ledger.transfer.duration").tag("outcome", "VOIDED").timer().count()).isEqualTo(1);
    }

    private void completes() {
        TransferCompleted completed = new TransferCompleted(TRANSFER);
        metrics.on(completed, new GenericEventMessage<>("end", completed, MetaData.emptyInstance(), COMPLETED_AT));
    }

    private Timer completedDurations() {
        return registry.get("ledger.transfer.duration").tag("outcome", "COMPLETED").timer();
    }
}
