package dev.ledger.app.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ledger audit ({@code ledger.audit.*}).
 *
 * @param stuckAfter         how long a transfer that has not ended may go without an event before it is reported
 *                           as stuck; well above the saga's step deadlines and retries, which move it on
 * @param refreshPeriod      the pause between the end of one background audit and the start of the next; each
 *                           reads the books projection, on every node, and never the event store
 * @param readModelProcessor the processor of the account read model, whose progress tells lag from error
 */
@ConfigurationProperties("ledger.audit")
record AuditSettings(Duration stuckAfter, Duration refreshPeriod, String readModelProcessor) {

    AuditSettings {
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(5) : stuckAfter;
        refreshPeriod = refreshPeriod == null ? Duration.ofMinutes(15) : refreshPeriod;
        readModelProcessor = readModelProcessor == null ? "account-view" : readModelProcessor;
    }
}
