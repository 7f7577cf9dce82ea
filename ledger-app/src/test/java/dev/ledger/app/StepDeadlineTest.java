package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A step that never gets its answer is retried and then ends the transfer in MANUAL_REVIEW, visible in the
 * API and counted in a metric; never stuck in silence. Its deadline is stored in the database, so it fires
 * after a restart, including when it fell due while the ledger was down.
 */
class StepDeadlineTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aStepLeftUnansweredEndsInManualReviewEvenAcrossARestart() {
        String alice;
        String transferId;
        try (ConfigurableApplicationContext firstRun = start()) {
            LedgerClient ledger = clientOf(firstRun);
            alice = ledger.openAccount("alice", "EUR");
            String bob = ledger.openAccount("bob", "EUR");
            ledger.deposit(alice, 1_000);
            transferId = ledger.transfer(alice, bob, 400, "EUR");

            JdbcTemplate jdbc = firstRun.getBean(JdbcTemplate.class);
            long storedDeadlines = LedgerClient.eventually(
                    () -> jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class), count -> count > 0);
            assertThat(storedDeadlines).as("the step's deadline is in the database, not in memory").isPositive();
        }

        try (ConfigurableApplicationContext secondRun = start()) {
            LedgerClient ledger = clientOf(secondRun);

            JsonNode transfer = ledger.awaitTransfer(transferId, Duration.ofMinutes(3));

            assertThat(transfer.path("status").asString()).isEqualTo("MANUAL_REVIEW");
            assertThat(transfer.path("failureCode").asString()).isEqualTo("STEP_TIMED_OUT");
            assertThat(ledger.balanceOnceSettled(alice, 600))
                    .as("the debit stays taken: a timed-out credit is never refunded blindly").isEqualTo(600);
            MeterRegistry meters = secondRun.getBean(MeterRegistry.class);
            assertThat(meters.get("ledger.transfers").tag("status", "MANUAL_REVIEW").gauge().value()).isEqualTo(1);
            assertThat(LedgerClient.eventually(
                    () -> meters.get("ledger.transfers.ended").tag("outcome", "MANUAL_REVIEW").counter().count(),
                    count -> count == 1)).isEqualTo(1);
            assertThat(meters.get("ledger.saga.step.timeouts").tag("stage", "debiting").counter().count())
                    .as("the deadlines of the step that never saw its answer fired").isPositive();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class, HoldTheSagaAfterTheDebit.class).run(
                "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "--server.port=0",
                "--ledger.transfer.step-timeout=4s");
    }

    private static LedgerClient clientOf(ConfigurableApplicationContext context) {
        return new LedgerClient(((WebServerApplicationContext) context).getWebServer().getPort(),
                context.getEnvironment());
    }
}
