package dev.ledger.app.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.idempotency.*}: how long an idempotency key, and the answer stored with it, is kept.
 *
 * @param retention how long a key is remembered; at least 24 hours, which the API promises its clients, and with the
 *                  purge interval shorter than accounts remember a cash movement, less an hour for the clocks (the
 *                  retention of keys checks it)
 */
@Validated
@ConfigurationProperties("ledger.idempotency")
public record IdempotencySettings(@DefaultValue("48h") @NotNull @DurationMin(hours = 24) Duration retention) {
}
