package dev.ledger.app.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ledger audit ({@code ledger.audit.*}).
 *
 * @param stuckAfter         how long a transfer that has not ended may go without an event before it is reported
 *                           as stuck; well above the saga's step deadlines and retries, which move it on
 * @param refreshPeriod      how old the last audit may be before the health indicator and the metrics start a new
 *                           one in the background; they never replay the store on the caller's thread
 * @param readModelProcessor the processor of the account read model, whose progress tells lag from error
 */
@ConfigurationProperties("ledger.audit")
record AuditSettings(Duration stuckAfter, Duration refreshPeriod, String readModelProcessor) {

    AuditSettings {
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(5) : stuckAfter;
        refreshPeriod = refreshPeriod == null ? Duration.ofMinutes(1) : refreshPeriod;
        readModelProcessor = readModelProcessor == null ? "account-view" : readModelProcessor;
    }
}
