package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A restart keeps every account, balance and in-flight transfer. The first run stops with a transfer's saga
 * mid-way (debited, not yet credited); the second run, on the same H2 files, must finish it from the saga
 * state it stored. A saga whose fields were lost in serialization could not: it would send a credit to nobody.
 * The transfer's idempotency key survives too: repeating the request after the restart replays its answer.
 */
class RestartTest {

    private static final String IDEMPOTENCY_KEY = "restart-transfer-1";

    @TempDir
    Path dataDirectory;

    @Test
    void aTransferInFlightWhenTheLedgerStopsCompletesAfterItRestarts() {
        String alice;
        String bob;
        String transferId;
        try (ConfigurableApplicationContext firstRun = start(LedgerApplication.class, HoldTheSagaAfterTheDebit.class)) {
            LedgerClient ledger = clientOf(firstRun);
            alice = ledger.openAccount("alice", "EUR");
            bob = ledger.openAccount("bob", "EUR");
            ledger.deposit(alice, 10_000);
            LedgerClient.Response requested = ledger.post("/api/transfers", transferBody(alice, bob),
                    "Idempotency-Key", IDEMPOTENCY_KEY);
            assertThat(requested.status()).isEqualTo(202);
            transferId = requested.json().path("transferId").asString();

            JsonNode held = LedgerClient.eventually(() -> ledger.get("/api/transfers/" + transferId).json(),
                    transfer -> "DEBITED".equals(transfer.path("status").asString()));
            assertThat(held.path("status").asString()).isEqualTo("DEBITED");
            assertThat(ledger.balanceOnceSettled(alice, 6_000)).isEqualTo(6_000);
        }

        try (ConfigurableApplicationContext secondRun = start(LedgerApplication.class)) {
            LedgerClient ledger = clientOf(secondRun);

            assertThat(ledger.awaitTransfer(transferId).path("status").asString()).isEqualTo("COMPLETED");
            assertThat(ledger.balanceOnceSettled(alice, 6_000)).isEqualTo(6_000);
            assertThat(ledger.balanceOnceSettled(bob, 4_000)).isEqualTo(4_000);

            LedgerClient.Response repeated = ledger.post("/api/transfers", transferBody(alice, bob),
                    "Idempotency-Key", IDEMPOTENCY_KEY);
            assertThat(repeated.header("Idempotent-Replayed")).as("keys survive a restart").isEqualTo("true");
            assertThat(repeated.json().path("transferId").asString()).isEqualTo(transferId);
            assertThat(ledger.balanceOnceSettled(alice, 6_000)).isEqualTo(6_000);
        }
    }

    private static String transferBody(String source, String destination) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                + "\",\"amount\":4000,\"currency\":\"EUR\"}";
    }

    private ConfigurableApplicationContext start(Class<?>... sources) {
        return new SpringApplicationBuilder(sources).run(
                "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "--server.port=0");
    }

    private static LedgerClient clientOf(ConfigurableApplicationContext context) {
        return new LedgerClient(((WebServerApplicationContext) context).getWebServer().getPort(),
                context.getEnvironment());
    }
}
