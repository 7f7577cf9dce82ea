package dev.ledger.app.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest audit of the books for the health indicator and the metrics, which are polled far more
 * often than the whole event store can be replayed. They read the last report; when it is older than the
 * refresh period, one new audit starts on a background thread and the callers keep the previous answer
 * meanwhile. Only one audit runs at a time, whoever asked for it.
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
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<BooksReport> latest = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object oneAuditAtATime = new Object();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
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

    /** The latest audit, empty before the first; starts a background audit when it is missing or stale. */
    Optional<BooksReport> latest() {
        BooksReport report = latest.get();
        if (report == null || report.checkedAt().plus(settings.refreshPeriod()).isBefore(clock.instant())) {
            refreshInBackground();
        }
        return Optional.ofNullable(report);
    }

    private void refreshInBackground() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                verifyNow();
            } catch (RuntimeException e) {
                log.warn("The background audit of the books failed; the previous result stays in place", e);
            } finally {
                refreshing.set(false);
            }
        });
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
