package dev.ledger.app.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest audit of the books for the health indicator and the metrics. An audit replays the whole event
 * store, so it runs on a schedule of its own ({@code ledger.audit.refresh-period}) on a background thread, and
 * reading the report never starts one: a health check polled every few seconds must not drive replays. Only one
 * audit runs at a time, whoever asked for it.
 *
 * <p>Metrics: {@code ledger.audit.mismatches}, {@code ledger.audit.conservation.ok} (1 or 0),
 * {@code ledger.audit.transfers.stuck} and {@code ledger.audit.accounts.lagging}; none has a value before the
 * first audit.
 */
@Component
class BooksMonitor implements MeterBinder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BooksMonitor.class);

    private final BooksVerifier verifier;
    private final AuditSettings settings;
    private final AtomicReference<BooksReport> latest = new AtomicReference<>();
    private final Object oneAuditAtATime = new Object();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ledger-books-audit");
        thread.setDaemon(true);
        return thread;
    });

    BooksMonitor(BooksVerifier verifier, AuditSettings settings) {
        this.verifier = verifier;
        this.settings = settings;
    }

    /** Audits the books now, on the caller's thread, and keeps the result as the latest. */
    BooksReport verifyNow() {
        synchronized (oneAuditAtATime) {
            BooksReport report = verifier.verify();
            latest.set(report);
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
            verifyNow();
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
