package dev.ledger.app.metrics;

import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.app.caching.LeastRecentlyUsedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts what transfers do, as it happens. The handlers sit in a subscribing processor ({@value #PROCESSING_GROUP}):
 * they see each event once, on the node that stored it, and never during a replay, so the counters are
 * Prometheus counters in the proper sense (a rate over them is transfers per second, summed over nodes). A
 * meter is updated only once the event's transaction has committed, so a rolled-back step counts nothing.
 *
 * <ul>
 *   <li>{@code ledger.transfers.ended{outcome}}: transfers that reached a terminal status;</li>
 *   <li>{@code ledger.transfer.duration{outcome}}: from the request's event to the terminal event, with a
 *       percentile histogram;</li>
 *   <li>{@code ledger.saga.steps{step, outcome}}: the answers to the saga's legs ({@code debit}, {@code credit},
 *       {@code refund}, and for two-phase transfers {@code hold}, {@code capture} and {@code release};
 *       {@code accepted} or {@code rejected});</li>
 *   <li>{@code ledger.transfers.authorized}: two-phase transfers whose amount was held, and
 *       {@code ledger.transfers.resolved{resolution}}: how their second phase was decided ({@code capture},
 *       {@code void} or {@code lapse}, at the authorization's expiry); {@code VOIDED} and {@code EXPIRED} are
 *       outcomes of {@code ledger.transfers.ended} like the others;</li>
 *   <li>{@code ledger.saga.compensations{reason}}: refunds started because the credit was refused, by reason.</li>
 * </ul>
 *
 * The terminal outcome is also logged, with the request's correlation id in the logging context: at INFO for
 * anything but a completed transfer, at DEBUG for those.
 */
@Component
@ProcessingGroup(TransferFlowMetrics.PROCESSING_GROUP)
class TransferFlowMetrics {

    static final String PROCESSING_GROUP = "ledger-metrics";

    private static final Logger log = LoggerFactory.getLogger(TransferFlowMetrics.class);

    /** Far more transfers than are in flight at once; an entry is left behind only by a transfer another node ends. */
    private static final int REQUESTS_REMEMBERED = 100_000;

    private final MeterRegistry registry;
    private final EventStore eventStore;
    /**
     * When each transfer requested on this node was requested, so that its end is timed without reading the
     * transfer's stream on the saga's thread. The oldest entries go first once it is full.
     */
    private final Cache requestedHere = new LeastRecentlyUsedCache(REQUESTS_REMEMBERED);

    TransferFlowMetrics(MeterRegistry registry, EventStore eventStore) {
        this.registry = registry;
        this.eventStore = eventStore;
        // Registered up front, so a dashboard shows zeros rather than gaps before the first transfer.
        for (TransferStatus status : TransferStatus.values()) {
            if (status.hasStopped()) {
                endedCounter(status);
                durationTimer(status);
            }
        }
        authorizedCounter();
        List.of("capture", "void", "lapse").forEach(this::resolvedCounter);
        Arrays.stream(ReviewAction.values()).forEach(this::reviewsResolvedCounter);
    }

    @EventHandler
    void on(TransferRequested event, EventMessage<?> message) {
        AfterCommit.run(() -> requestedHere.put(event.transferId(), message.getTimestamp()));
    }

    @EventHandler
    void on(AccountDebited event) {
        step("debit", true);
    }

    @EventHandler
    void on(AccountDebitRejected event) {
        step("debit", false);
    }

    @EventHandler
    void on(AccountCredited event) {
        step("credit", true);
    }

    @EventHandler
    void on(AccountCreditRejected event) {
        step("credit", false);
        AfterCommit.run(() -> Counter.builder("ledger.saga.compensations")
                .description("Refunds the saga started because the credit was refused, by reason")
                .tag("reason", String.valueOf(event.reason()))
                .register(registry)
                .increment());
    }

    @EventHandler
    void on(AccountDebitRefunded event) {
        step("refund", true);
    }

    @EventHandler
    void on(AccountRefundRejected event) {
        step("refund", false);
    }

    @EventHandler
    void on(AccountFundsHeld event) {
        step("hold", true);
    }

    @EventHandler
    void on(AccountHoldRejected event) {
        step("hold", false);
    }

    @EventHandler
    void on(AccountHoldCaptured event) {
        step("capture", true);
    }

    @EventHandler
    void on(AccountCaptureRejected event) {
        step("capture", false);
    }

    @EventHandler
    void on(AccountHoldReleased event) {
        step("release", true);
    }

    @EventHandler
    void on(AccountReleaseRejected event) {
        step("release", false);
    }

    @EventHandler
    void on(TransferAuthorized event) {
        AfterCommit.run(authorizedCounter()::increment);
    }

    @EventHandler
    void on(TransferCaptureRequested event) {
        resolved("capture");
    }

    @EventHandler
    void on(TransferVoidRequested event) {
        resolved("void");
    }

    @EventHandler
    void on(TransferAuthorizationLapsed event) {
        resolved("lapse");
    }

    @EventHandler
    void on(TransferVoided event, EventMessage<?> message) {
        ended(event.transferId(), TransferStatus.VOIDED, null, message);
    }

    @EventHandler
    void on(TransferExpired event, EventMessage<?> message) {
        ended(event.transferId(), TransferStatus.EXPIRED, null, message);
    }

    @EventHandler
    void on(TransferCompleted event, EventMessage<?> message) {
        ended(event.transferId(), TransferStatus.COMPLETED, null, message);
    }

    @EventHandler
    void on(TransferFailed event, EventMessage<?> message) {
        ended(event.transferId(), TransferStatus.FAILED, event.reason(), message);
    }

    @EventHandler
    void on(TransferRefunded event, EventMessage<?> message) {
        ended(event.transferId(), TransferStatus.REFUNDED, event.reason(), message);
    }

    @EventHandler
    void on(TransferFlaggedForReview event, EventMessage<?> message) {
        ended(event.transferId(), TransferStatus.MANUAL_REVIEW, event.reason(), message);
    }

    @EventHandler
    void on(TransferReviewResolved event) {
        AfterCommit.run(() -> reviewsResolvedCounter(event.action()).increment());
    }

    private void step(String step, boolean accepted) {
        AfterCommit.run(() -> Counter.builder("ledger.saga.steps")
                .description("Answers to the transfer saga's legs")
                .tag("step", step)
                .tag("outcome", accepted ? "accepted" : "rejected")
                .register(registry)
                .increment());
    }

    private void resolved(String resolution) {
        AfterCommit.run(() -> resolvedCounter(resolution).increment());
    }

    private void ended(TransferId transferId, TransferStatus outcome, LedgerErrorCode reason, EventMessage<?> message) {
        Optional<Duration> took = requestedAt(transferId).map(requested -> Duration.between(requested,
                message.getTimestamp()));
        String duration = took.map(d -> d.toMillis() + " ms").orElse("an unknown time");
        if (outcome == TransferStatus.COMPLETED) {
            log.debug("Transfer {} ended {} {} after it was requested", transferId, outcome, duration);
        } else {
            log.info("Transfer {} ended {} ({}) {} after it was requested", transferId, outcome, reason, duration);
        }
        AfterCommit.run(() -> {
            endedCounter(outcome).increment();
            took.ifPresent(durationTimer(outcome)::record);
        });
    }

    /**
     * Remembered when the transfer was requested on this node. Otherwise (another node, or before a restart) its own
     * stream, which begins with its request: a few rows, read in the transaction at hand.
     */
    private Optional<Instant> requestedAt(TransferId transferId) {
        Instant remembered = requestedHere.get(transferId);
        if (remembered != null) {
            requestedHere.remove(transferId);
            return Optional.of(remembered);
        }
        DomainEventStream events = eventStore.readEvents(transferId.value(), 0);
        return events.hasNext() ? Optional.of(events.next().getTimestamp()) : Optional.empty();
    }

    private Counter authorizedCounter() {
        return Counter.builder("ledger.transfers.authorized")
                .description("Two-phase transfers whose amount was held on the source")
                .register(registry);
    }

    private Counter resolvedCounter(String resolution) {
        return Counter.builder("ledger.transfers.resolved")
                .description("Authorized transfers by how their second phase was decided: capture, void or lapse")
                .tag("resolution", resolution)
                .register(registry);
    }

    private Counter reviewsResolvedCounter(ReviewAction action) {
        return Counter.builder("ledger.reviews.resolved")
                .description("Manual-review resolutions that ran, by action; a proposal counts once approved")
                .tag("action", action.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter endedCounter(TransferStatus outcome) {
        return Counter.builder("ledger.transfers.ended")
                .description("Transfers that reached a terminal status, by outcome")
                .tag("outcome", outcome.name())
                .register(registry);
    }

    private Timer durationTimer(TransferStatus outcome) {
        return Timer.builder("ledger.transfer.duration")
                .description("Time from a transfer's request to its terminal status, by outcome")
                .tag("outcome", outcome.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }
}
