package dev.ledger.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.app.LedgerClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The operator console end to end, in a real browser: a transfer whose credit never arrives stops in manual review,
 * and the node script {@code src/test/console/console.test.mjs} (playwright-core driving Debian's Chromium) has one
 * admin propose its refund, fail to approve it himself, an auditor read it, and a second admin approve it, until the
 * transfer is refunded and its source has its money back. Screenshots go to {@code target/console-screenshots}.
 *
 * <p>Skipped, with one line saying what is missing, where node, the script's {@code node_modules} or Chromium are
 * not installed; CI installs them (.ci/run).
 */
@SpringBootTest(classes = {LedgerApplication.class, ConsoleInTheBrowserTest.CreditsToOneAccountNeverArrive.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.demo-users=true", "ledger.transfers.step-timeout=1s"})
@DisabledIfEnvironmentVariable(named = "SPRING_PROFILES_ACTIVE", matches = ".*(postgres|axonserver).*",
        disabledReason = "the console logs in the demo users, who refuse to start under a production profile")
class ConsoleInTheBrowserTest {

    private static final Path SCRIPT_DIRECTORY = Path.of("src/test/console");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Duration BROWSER_PATIENCE = Duration.ofMinutes(4);

    /** The destination whose credits never arrive: its transfers end in manual review with the debit taken. */
    static final String UNREACHABLE = "acc-unreachable-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @BeforeAll
    static void theBrowserIsInstalled() {
        List<String> missing = new ArrayList<>();
        if (!runs("node", "--version")) {
            missing.add("node (apt-get install nodejs npm)");
        }
        if (!Files.isDirectory(SCRIPT_DIRECTORY.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (npm ci --no-audit --no-fund in ledger-app/src/test/console)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM + " (apt-get install chromium, or set CHROMIUM)");
        }
        if (!missing.isEmpty()) {
            String reason = "ConsoleInTheBrowserTest is skipped: install " + String.join(", ", missing)
                    + "; .ci/run installs them";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
    }

    @Test
    void twoAdminsRefundATransferStuckAfterItsDebitThroughTheConsole() throws IOException, InterruptedException {
        LedgerClient admin = new LedgerClient(port, environment);
        String source = admin.openAccount("alice", "EUR");
        assertThat(admin.post("/api/accounts", "{\"owner\":\"bob\",\"currency\":\"EUR\",\"accountId\":\""
                + UNREACHABLE + "\"}").status()).isEqualTo(201);
        admin.deposit(source, 10_000);
        String transfer = admin.transfer(source, UNREACHABLE, 2_500, "EUR");

        JsonNode stuck = admin.awaitTransfer(transfer, Duration.ofMinutes(1));
        assertThat(stuck.path("status").asString()).as(stuck.toString()).isEqualTo("MANUAL_REVIEW");
        assertThat(stuck.path("failureCode").asString()).isEqualTo("STEP_TIMED_OUT");
        admin.balanceOnceSettled(source, 7_500);

        int exit = runTheBrowser("http://localhost:" + port, transfer);

        assertThat(exit).as("console.test.mjs exit code (its output is in this test's log)").isZero();
        assertThat(admin.get("/api/transfers/" + transfer).json().path("status").asString()).isEqualTo("REFUNDED");
        assertThat(admin.balanceOnceSettled(source, 10_000)).isEqualTo(10_000);
    }

    private static int runTheBrowser(String baseUrl, String transfer) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        Process browser = new ProcessBuilder("node", "console.test.mjs", baseUrl, transfer,
                SCREENSHOTS.toAbsolutePath().toString())
                .directory(SCRIPT_DIRECTORY.toFile())
                .redirectErrorStream(true)
                .start();
        browser.getOutputStream().close();
        Thread relay = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> System.out.println("[console.test.mjs] " + line));
            } catch (IOException e) {
                System.out.println("[console.test.mjs] output lost: " + e);
            }
        }, "console-test-output");
        relay.start();
        if (!browser.waitFor(BROWSER_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            relay.join(5_000);
            throw new AssertionError("console.test.mjs took longer than " + BROWSER_PATIENCE + "; it was stopped");
        }
        relay.join(5_000);
        return browser.exitValue();
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Every credit to {@link #UNREACHABLE} is swallowed: its command answers nothing and changes nothing, as if it
     * were lost on the way, so the saga's three attempts time out and the transfer stops in manual review with its
     * debit taken and its credit never seen. Refunds to the source pass as usual.
     */
    static class CreditsToOneAccountNeverArrive {

        @Bean
        ConfigurerModule swallowCreditsToTheUnreachableAccount() {
            AccountId unreachable = new AccountId(UNREACHABLE);
            MessageHandlerInterceptor<CommandMessage<?>> swallow = (unitOfWork, chain) ->
                    unitOfWork.getMessage().getPayload() instanceof CreditAccount credit
                            && credit.accountId().equals(unreachable) ? null : chain.proceed();
            return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                    () -> configuration.commandBus().registerHandlerInterceptor(swallow)));
        }
    }
}
