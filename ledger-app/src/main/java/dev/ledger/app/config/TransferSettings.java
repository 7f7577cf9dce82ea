package dev.ledger.app.config;

import dev.ledger.transfer.StepAnswers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.transfers.*}: the transfer aggregate's cache and the saga's step deadline.
 * {@code ledger.transfer.step-timeout}, the step timeout's earlier key, still sets it ({@code application.yml}).
 *
 * @param cacheSize   how many transfers stay loaded; a transfer is read again only by the saga's final command,
 *                    moments after its request, so the default holds every transfer in flight at a few hundred a
 *                    second
 * @param stepTimeout how long a saga step waits for its answer before it is sent again (three attempts, then
 *                    manual review); a step waits at least one timeout and less than two
 * @param stepAnswers how the saga hears a step's answer: {@code AT_ONCE}, where the command bus answers before the
 *                    send returns (on one node a transfer then runs in one transaction), or {@code BY_EVENTS}, one
 *                    transaction per step, from the leg's event
 */
@Validated
@ConfigurationProperties("ledger.transfers")
record TransferSettings(@DefaultValue("10000") @Positive int cacheSize,
                        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration stepTimeout,
                        @DefaultValue("AT_ONCE") @NotNull StepAnswers stepAnswers) {
}
