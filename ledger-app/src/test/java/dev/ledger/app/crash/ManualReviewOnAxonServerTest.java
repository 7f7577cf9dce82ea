package dev.ledger.app.crash;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.review.LegsThatNeverArrive;
import dev.ledger.app.review.ReviewScenario;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Manual review on the production shape: a ledger with {@code postgres,axonserver} against a real Axon Server and
 * PostgreSQL, so every review message crosses Axon Server's buses and event store, serialized: the queue's queries,
 * the resolution's commands and their refusals with codes, the events, and the saga that a resolution starts. The
 * ledger runs in this JVM, because the legs it loses are lost by a hook registered on its own command bus.
 */
class ManualReviewOnAxonServerTest {

    private static final Path LOGS = Path.of("target", "manual-review-on-axon-server");

    @TempDir
    private Path temp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRefundApprovedByASecondAdminRunsOverAxonServer() throws Exception {
        try (AxonServerProcess axonServer = AxonServerProcess.startOrSkip(temp, LOGS);
             ScratchDatabase database = ScratchDatabase.createOrSkip();
             ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class,
                     LegsThatNeverArrive.class)
                     .profiles("postgres", "axonserver")
                     .run("--server.port=0",
                             "--axon.axonserver.servers=" + axonServer.grpcAddress(),
                             "--spring.datasource.url=" + database.jdbcUrl(),
                             "--spring.datasource.username=" + database.user(),
                             "--spring.datasource.password=" + database.password(),
                             "--ledger.transfers.step-timeout=1s")) {
            LedgerClient client = new LedgerClient(((WebServerApplicationContext) ledger).getWebServer().getPort(),
                    ledger.getEnvironment());

            new ReviewScenario(client.as("admin"), client.as("admin2"), ledger.getBean(LegsThatNeverArrive.class))
                    .refundApprovedByASecondAdmin();
        }
    }
}
