package dev.ledger.app.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.processors.*}: what the ledger adds to Axon's event processors. Each processor's own settings
 * (mode, segments, threads, batch size, dead-letter queue) are Axon's, under {@code axon.eventhandling.processors}.
 *
 * @param balanceInterval how often a node on Axon Server compares its share of each processor's segments with the
 *                        other nodes' and gives one back when it holds more than its share
 */
@Validated
@ConfigurationProperties("ledger.processors")
public record ProcessorSettings(@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration balanceInterval) {
}
