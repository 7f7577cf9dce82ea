package dev.ledger.app.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.transfers.authorization.*}: how long a {@code MANUAL} transfer's hold may wait for its capture.
 * Seven days by default, as card authorizations commonly last, and thirty at most, as hotel and car-rental ones do.
 *
 * @param defaultExpiry how long after its request a {@code MANUAL} transfer without {@code expiresAt} expires
 * @param maxExpiry     the latest {@code expiresAt} a request may ask for, from its request
 */
@Validated
@ConfigurationProperties("ledger.transfers.authorization")
public record AuthorizationSettings(@DefaultValue("7d") @NotNull @DurationMin(seconds = 1) Duration defaultExpiry,
                                    @DefaultValue("30d") @NotNull @DurationMin(seconds = 1) Duration maxExpiry) {

    @AssertTrue(message = "default-expiry must not be longer than max-expiry")
    boolean isDefaultWithinMax() {
        return defaultExpiry == null || maxExpiry == null || defaultExpiry.compareTo(maxExpiry) <= 0;
    }
}
