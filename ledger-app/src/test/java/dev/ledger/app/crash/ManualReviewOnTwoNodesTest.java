package dev.ledger.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerClient;
import dev.ledger.app.review.LegsThatNeverArrive;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * Manual review on the production shape with two nodes: two ledger processes with {@code postgres,axonserver} on one
 * Axon Server and one database. Legs for one account never arrive, whichever node handles them, so a transfer stops
 * in review with its debit taken; one admin proposes its refund through one node, the second admin approves it
 * through the other, and the saga that the resolution starts, on whichever node owns its segment, refunds the source.
 */
class ManualReviewOnTwoNodesTest {

    private static final Path LOGS = Path.of("target", "manual-review-on-two-nodes");
    private static final String UNREACHABLE = "unreachable-";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    private Path temp;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void oneAdminProposesARefundOnOneNodeAndAnotherApprovesItOnTheOther() throws Exception {
        AxonServerProcess axonServer = started(AxonServerProcess.startOrSkip(temp, LOGS));
        ScratchDatabase database = started(ScratchDatabase.createOrSkip());
        String classpath = LedgerProcess.classpath(temp.resolve("classes"), getClass()) + File.pathSeparator
                + withTheHookOnly(temp.resolve("hook"));
        LedgerProcess first = started(start("review-node-1", classpath, axonServer, database));
        LedgerProcess second = started(start("review-node-2", classpath, axonServer, database));
        first.awaitHealthy(START_TIMEOUT);
        second.awaitHealthy(START_TIMEOUT);
        LedgerClient one = client(first);
        LedgerClient two = client(second);

        String alice = "alice-" + UUID.randomUUID();
        String bob = UNREACHABLE + UUID.randomUUID();
        open(one, alice);
        open(two, bob);
        one.deposit(alice, 10_000);
        String transfer = one.transfer(alice, bob, 2_500, "EUR");
        assertThat(LedgerClient.lastReading(Duration.ofMinutes(2), Duration.ofMillis(200),
                () -> two.get("/api/transfers/" + transfer).json(),
                view -> view.path("status").asString().equals("MANUAL_REVIEW")).path("status").asString())
                .isEqualTo("MANUAL_REVIEW");

        JsonNode entry = two.as("auditor").get("/api/admin/reviews/" + transfer).json();
        assertThat(entry.path("allowedActions").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("retry", "refund");
        LedgerClient.Response proposed = one.as("admin").post("/api/admin/reviews/" + transfer + "/resolutions",
                "{\"action\":\"refund\",\"reason\":\"bob's bank is unreachable\"}");
        assertThat(proposed.status()).as(proposed.raw()).isEqualTo(202);
        String resolution = proposed.json().path("resolutionId").asString();
        String approval = "/api/admin/reviews/" + transfer + "/resolutions/" + resolution + "/approve";
        assertThat(two.as("admin").post(approval, "").code()).as("the proposer, through the other node")
                .isEqualTo("FOUR_EYES_REQUIRED");
        LedgerClient.Response approved = two.as("admin2").post(approval, "{\"reason\":\"agreed\"}");
        assertThat(approved.status()).as(approved.raw()).isEqualTo(202);

        JsonNode refunded = LedgerClient.eventually(() -> one.get("/api/transfers/" + transfer).json(),
                view -> view.path("status").asString().equals("REFUNDED"));
        assertThat(refunded.path("steps").findValuesAsString("name")).containsSubsequence("TransferFlaggedForReview",
                "TransferResolutionProposed", "TransferReviewResolved", "AccountDebitRefunded", "TransferRefunded");
        assertThat(two.balanceOnceSettled(alice, 10_000)).isEqualTo(10_000);
        assertThat(one.balanceOnceSettled(bob, 0)).isZero();
        assertThat(one.as("auditor").get("/api/audit/verify").json().path("ok").asBoolean())
                .as("the books, replayed from Axon Server's event store").isTrue();
    }

    private <T extends AutoCloseable> T started(T closeable) {
        running.add(closeable);
        return closeable;
    }

    private LedgerProcess start(String name, String classpath, AxonServerProcess axonServer,
                                ScratchDatabase database) throws Exception {
        return LedgerProcess.start(name, classpath, database, temp, LOGS, "postgres,axonserver", Map.of(
                "AXON_AXONSERVER_SERVERS", axonServer.grpcAddress(),
                "AXON_AXONSERVER_CLIENT_ID", name,
                "SPRING_MAIN_SOURCES", LegsThatNeverArrive.class.getName(),
                LegsThatNeverArrive.UNREACHABLE_PREFIX, UNREACHABLE,
                "LEDGER_TRANSFER_STEP_TIMEOUT", "2s"));
    }

    /** The hook's class alone: the rest of the test classes would be scanned in as the ledger's configuration. */
    private static Path withTheHookOnly(Path directory) throws Exception {
        String file = LegsThatNeverArrive.class.getName().replace('.', '/') + ".class";
        Path source = Path.of(LegsThatNeverArrive.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(file);
        Path target = directory.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
        return directory;
    }

    private static LedgerClient client(LedgerProcess node) {
        // A production profile: callers present JWTs signed with the tests' key.
        return new LedgerClient(node.port(), new MockEnvironment().withProperty("ledger.security.demo-users", "false"));
    }

    private static void open(LedgerClient ledger, String accountId) {
        LedgerClient.Response opened = ledger.as("admin").post("/api/accounts",
                "{\"owner\":\"nodes\",\"currency\":\"EUR\",\"accountId\":\"" + accountId + "\"}");
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
    }
}
