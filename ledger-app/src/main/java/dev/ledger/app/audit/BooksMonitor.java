package dev.ledger.app.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest audit of the books for the health indicator and the metrics. The periodic audit is the
 * incremental one ({@link BooksCheck}, reading the books projection), on a schedule of its own
 * ({@code ledger.audit.refresh-period}) on a background thread; the full replay of the event store
 * ({@link BooksVerifier}) runs only when asked for explicitly. Reading the report never starts either: a health
 * check polled every few seconds must not drive audits. Only one audit runs at a time, whoever asked for it, and
 * whichever ended last is the latest.
 *
 * <p>Metrics: {@code ledger.audit.mismatches}, {@code ledger.audit.conservation.ok} (1 or 0),
 * {@code ledger.audit.transfers.stuck} and {@code ledger.audit.accounts.lagging}, none with a value before the
 * first audit; {@code ledger.audit.pending{currency}}, the money held for authorized transfers in minor units, one
 * per currency the latest audit saw; and {@code ledger.audit.replays}, the full replays of the event store this node
 * has run.
 */
@Component
class BooksMonitor implements MeterBinder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BooksMonitor.class);

    private final BooksVerifier verifier;
    private final BooksCheck check;
    private final AuditSettings settings;
    private final AtomicLong replays = new AtomicLong();
    private final AtomicReference<BooksReport> latest = new AtomicReference<>();
    private final AtomicReference<MultiGauge> pending = new AtomicReference<>();
    private final Object oneAuditAtATime = new Object();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ledger-books-audit");
        thread.setDaemon(true);
        return thread;
    });

    BooksMonitor(BooksVerifier verifier, BooksCheck check, AuditSettings settings) {
        this.verifier = verifier;
        this.check = check;
        this.settings = settings;
    }

    /**
     * Audits the books now by a full replay of the event store, on the caller's thread, and keeps the result as
     * the latest.
     */
    BooksReport verifyNow() {
        return audit(() -> {
            replays.incrementAndGet();
            return verifier.verify();
        });
    }

    /** Audits the books now from the books projection, on the caller's thread, and keeps the result as the latest. */
    BooksReport checkNow() {
        return audit(check::check);
    }

    private BooksReport audit(Supplier<BooksReport> audit) {
        synchronized (oneAuditAtATime) {
            BooksReport report = audit.get();
            latest.set(report);
            Optional.ofNullable(pending.get()).ifPresent(gauge -> gauge.register(report.conservation().stream()
                    .map(currency -> MultiGauge.Row.of(Tags.of("currency", currency.currency()), currency.pending()))
                    .toList(), true));
            return report;
        }
    }

    /** The latest audit, empty before the first has finished. */
    Optional<BooksReport> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** The first audit once the ledger serves requests, then one per refresh period after each has ended. */
    @EventListener(ApplicationReadyEvent.class)
    void auditOnSchedule() {
        long period = settings.refreshPeriod().toMillis();
        background.scheduleWithFixedDelay(this::auditInBackground, 0, period, TimeUnit.MILLISECONDS);
    }

    private void auditInBackground() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("The background audit of the books failed; the previous result stays in place", e);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "ledger.audit.mismatches", "Fields on which the events and the read model disagree",
                report -> report.mismatches().size());
        gauge(registry, "ledger.audit.conservation.ok", "1 when money is conserved in every currency, else 0",
                report -> report.conserved() ? 1 : 0);
        gauge(registry, "ledger.audit.transfers.stuck", "Transfers neither ended nor progressing",
                report -> report.stuckTransfers().size());
        gauge(registry, "ledger.audit.accounts.lagging", "Accounts whose read model had not caught up",
                BooksReport::accountsLagging);
        pending.set(MultiGauge.builder("ledger.audit.pending")
                .description("Money held for authorized transfers, in minor units, as of the latest audit")
                .register(registry));
        FunctionCounter.builder("ledger.audit.replays", replays, AtomicLong::get)
                .description("Full replays of the event store run by the books audit")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<BooksReport> value) {
        Gauge.builder(name, this, monitor -> monitor.latest().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .register(registry);
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
