package dev.ledger.app.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.reviews.*}: how long a proposed resolution of a transfer in manual review waits for a second admin.
 * A day by default: long enough for another admin's shift, short enough that nobody approves what the accounts'
 * streams said yesterday without reading them again (the approval reads them again all the same).
 *
 * @param proposalTtl how long after it is proposed a refund or completion may be approved
 */
@Validated
@ConfigurationProperties("ledger.reviews")
public record ReviewSettings(@DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration proposalTtl) {
}
