package dev.ledger.app.crash;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Correct under failure: the real ledger, killed with SIGKILL in the middle of a few hundred concurrent transfers
 * and started again on the same PostgreSQL database, loses no acknowledged transfer, applies none twice, brings
 * every one to its end, and conserves money. A request whose answer the crash swallowed is sent again after the
 * restart with the same {@code Idempotency-Key} and body, as a client would, and takes effect at most once.
 *
 * <p>The ledger runs in a JVM of its own ({@link LedgerProcess}), because only a separate process can be killed
 * the way a crash kills it. Every outcome is known in advance: the rich accounts never run short, transfers out
 * of the poor accounts always fail for insufficient funds, and transfers into the frozen accounts are always
 * refunded. As every request ends up executed exactly once (before the kill, or when it is sent again after the
 * restart), each account's final balance is known to the minor unit.
 *
 * <p>One transfer in ten is captured later: its hold is placed, or is being placed, when the kill comes. After the
 * restart each of those rests {@code AUTHORIZED}, holding its money, and is then captured (and completes) or voided
 * (and moves nothing), half and half.
 */
class CrashRecoveryTest {

    private static final int TRANSFERS = 300;
    private static final int CONCURRENCY = 24;
    private static final int KILL_AFTER_ACKNOWLEDGED = TRANSFERS / 2;
    private static final int KILL_AT_THE_LATEST = TRANSFERS * 3 / 4;
    private static final int DEBITED_BEFORE_THE_KILL = 20;
    private static final Duration PACE = Duration.ofMillis(20);
    private static final long RICH_DEPOSIT = 1_000_000;
    private static final long RICH_WITHDRAWAL = 40_000;
    private static final long POOR_DEPOSIT = 500;
    private static final long FROZEN_DEPOSIT = 20_000;
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "REFUNDED", "MANUAL_REVIEW", "VOIDED",
            "EXPIRED");
    private static final Set<String> AT_REST = Set.of("COMPLETED", "FAILED", "REFUNDED", "MANUAL_REVIEW", "VOIDED",
            "EXPIRED", "AUTHORIZED");

    // A bound on a start, not a claim about it: on a loaded two-core machine a restart took more than 90 s once.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration TRAFFIC_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration RESEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Path LOGS = Path.of("target", "crash-recovery");

    private static final String DEBITED = "AccountDebited";
    private static final String CREDITED = "AccountCredited";
    private static final String REFUNDED = "AccountDebitRefunded";
    /** A captured hold is the transfer's debit. */
    private static final Map<String, String> HISTORY_TYPES =
            Map.of(DEBITED, DEBITED, "AccountHoldCaptured", DEBITED, CREDITED, CREDITED, REFUNDED, REFUNDED);
    private static final Map<String, String> STATEMENT_TYPES =
            Map.of("TRANSFER_DEBIT", DEBITED, "TRANSFER_CREDIT", CREDITED, "REFUND", REFUNDED);

    @TempDir
    Path temp;

    private ScratchDatabase database;
    private final List<LedgerProcess> ledgers = new ArrayList<>();

    private enum Role { RICH, POOR, FROZEN }

    private record Account(String id, Role role, long deposited, long withdrawn) {
    }

    /** {@code second} is what becomes of a transfer captured later once it is authorized, null for one at once. */
    private record PlannedTransfer(String transferId, String idempotencyKey, Account source, Account destination,
                                   long amount, SecondPhase second) {

        String body() {
            return "{\"sourceAccountId\":\"" + source.id() + "\",\"destinationAccountId\":\"" + destination.id()
                    + "\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"transferId\":\"" + transferId + "\""
                    + (second == null ? "" : ",\"capture\":\"MANUAL\"") + "}";
        }

        String expectedStatus() {
            if (second == SecondPhase.VOID) {
                return "VOIDED";
            }
            return source.role() == Role.POOR ? "FAILED" : destination.role() == Role.FROZEN ? "REFUNDED" : "COMPLETED";
        }

        String expectedFailureCode() {
            return switch (expectedStatus()) {
                case "FAILED" -> "INSUFFICIENT_FUNDS";
                case "REFUNDED" -> "ACCOUNT_FROZEN";
                default -> "";
            };
        }

        /** How often each leg of this transfer must appear on {@code account}: exactly the legs its outcome has. */
        Map<String, Integer> expectedLegsOn(Account account) {
            boolean moved = !"FAILED".equals(expectedStatus()) && !"VOIDED".equals(expectedStatus());
            boolean refunded = "REFUNDED".equals(expectedStatus());
            Map<String, Integer> legs = new TreeMap<>();
            if (account.equals(source)) {
                legs.put(DEBITED, moved ? 1 : 0);
                legs.put(REFUNDED, refunded ? 1 : 0);
            }
            if (account.equals(destination)) {
                legs.put(CREDITED, moved && !refunded ? 1 : 0);
            }
            return legs;
        }
    }

    /** What a client does with its authorized transfer after the restart. */
    private enum SecondPhase { CAPTURE, VOID }

    /** What the client learnt of a transfer request before the kill. */
    private enum Fate {
        /** {@code 202}: the ledger promised to run it. */
        ACKNOWLEDGED,
        /** Any other status. None is expected; such a request is sent again after the restart too. */
        ANSWERED_OTHERWISE,
        /** Sent, but the connection broke or timed out before the answer: it may or may not have taken effect. */
        ANSWER_LOST,
        /** The connection was refused: the ledger never saw it. */
        NEVER_DELIVERED
    }

    private record FirstAttempt(Fate fate, String answer) {
    }

    private record Traffic(Map<PlannedTransfer, FirstAttempt> firstAttempts, int acknowledgedAtTheKill,
                           Duration untilTheKill, String eventStoreAtTheKill) {
    }

    @AfterEach
    void stopTheLedgerAndDropItsDatabase() throws Exception {
        try {
            for (LedgerProcess ledger : ledgers) {
                ledger.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void transfersCutOffBySigkillTakeEffectAtMostOnceAndAllFinishAfterTheRestart() throws Exception {
        Instant began = Instant.now();
        database = ScratchDatabase.createOrSkip();
        String run = database.name().substring(database.name().length() - 8);
        String classpath = LedgerProcess.classpath(temp, getClass());

        LedgerProcess first = start(run + "-before-kill", classpath);
        Duration firstStart = first.awaitHealthy(START_TIMEOUT);
        LedgerHttp before = new LedgerHttp(first.port());
        List<Account> accounts = openAndFund(before, run);
        List<PlannedTransfer> plan = plan(accounts, run);

        Traffic traffic = fireAndKillMidway(before, first, plan);

        LedgerProcess second = start(run + "-after-restart", classpath);
        Duration restart = second.awaitHealthy(START_TIMEOUT);
        Instant restarted = Instant.now();
        LedgerHttp after = new LedgerHttp(second.port());
        // Every request is sent again with its key and body: the unanswered ones as a client would retry them,
        // the acknowledged ones to prove that their keys survived the crash along with their effects.
        Map<PlannedTransfer, LedgerHttp.Answer> resent =
                forEach(plan, transfer -> resend(after, transfer), RESEND_TIMEOUT);
        Instant giveUp = Instant.now().plus(TERMINAL_TIMEOUT);
        Map<PlannedTransfer, JsonNode> ended = new LinkedHashMap<>(forEach(plan,
                transfer -> awaitState(after, transfer.transferId(), giveUp, AT_REST), TERMINAL_TIMEOUT.plusSeconds(30)));
        // The holds placed, or still being placed, at the kill are there after it: each is captured or voided once.
        List<PlannedTransfer> authorized = plan.stream().filter(transfer -> transfer.second() != null).toList();
        Map<PlannedTransfer, LedgerHttp.Answer> resolutions = forEach(authorized, transfer -> after.post(
                "/api/transfers/" + transfer.transferId() + "/" + transfer.second().name().toLowerCase(Locale.ROOT),
                "", transfer.transferId() + "-" + transfer.second()), RESEND_TIMEOUT);
        Instant giveUpAgain = Instant.now().plus(TERMINAL_TIMEOUT);
        ended.putAll(forEach(authorized, transfer -> awaitState(after, transfer.transferId(), giveUpAgain, TERMINAL),
                TERMINAL_TIMEOUT.plusSeconds(30)));
        Duration untilAllEnded = Duration.between(restarted, Instant.now());

        Findings findings = new Findings();
        checkTheKill(traffic, findings);
        checkTheAnswers(traffic.firstAttempts(), resent, findings);
        resolutions.forEach((transfer, answer) -> {
            if (answer.status() != 202) {
                findings.problem(transfer.transferId() + ": its " + transfer.second() + " after the restart answered "
                        + answer);
            }
        });
        checkTheOutcomes(ended, findings);
        Map<Account, Long> expectedBalances = expectedBalances(accounts, plan);
        checkTheBalancesAndMovements(after, accounts, plan, expectedBalances, ended, findings);
        checkTheDatabase(plan, run, expectedBalances, findings);

        String summary = summary(traffic, resent, ended, findings) + String.format(Locale.ROOT,
                "; start %.1f s, kill after %.1f s of traffic, restart %.1f s, all ended %.1f s after the restart,"
                        + " %.1f s in all", seconds(firstStart), seconds(traffic.untilTheKill()), seconds(restart),
                seconds(untilAllEnded), seconds(Duration.between(began, Instant.now())));
        System.out.println(summary);
        findings.problems.forEach(problem -> System.out.println("CRASH PROBLEM: " + problem));
        assertThat(findings.problems)
                .as("%s%nThe ledger's logs: %s and %s", summary, first.log().toAbsolutePath(),
                        second.log().toAbsolutePath())
                .isEmpty();
    }

    /** The one line the issue asks for: what happened to the requests and what the ledger made of them. */
    private static String summary(Traffic traffic, Map<PlannedTransfer, LedgerHttp.Answer> resent,
                                  Map<PlannedTransfer, JsonNode> ended, Findings findings) {
        Map<Fate, Long> fates = traffic.firstAttempts().values().stream()
                .collect(Collectors.groupingBy(FirstAttempt::fate, () -> new EnumMap<>(Fate.class),
                        Collectors.counting()));
        long lost = fates.getOrDefault(Fate.ANSWER_LOST, 0L);
        long lostAndReplayed = traffic.firstAttempts().entrySet().stream()
                .filter(e -> e.getValue().fate() == Fate.ANSWER_LOST && resent.get(e.getKey()).replayed())
                .count();
        Map<String, Long> statuses = ended.values().stream()
                .collect(Collectors.groupingBy(CrashRecoveryTest::statusOf, TreeMap::new, Collectors.counting()));
        long notTerminal = ended.values().stream().filter(view -> !TERMINAL.contains(statusOf(view))).count();
        return String.format(Locale.ROOT, "CRASH: %d transfers, 1 kill, %d acknowledged before the kill, %d answers"
                        + " lost and retried (%d replayed, %d executed after the restart), %d never reached the ledger"
                        + " and were sent after the restart, %d other answers, %d duplicates, conservation %s, %s %s;"
                        + " event store at the kill %s",
                TRANSFERS, fates.getOrDefault(Fate.ACKNOWLEDGED, 0L), lost, lostAndReplayed, lost - lostAndReplayed,
                fates.getOrDefault(Fate.NEVER_DELIVERED, 0L), fates.getOrDefault(Fate.ANSWERED_OTHERWISE, 0L),
                findings.duplicates, findings.conserved ? "ok" : "BROKEN",
                notTerminal == 0 ? "all terminal" : notTerminal + " NOT TERMINAL", statuses,
                traffic.eventStoreAtTheKill());
    }

    private LedgerProcess start(String name, String classpath) throws IOException {
        LedgerProcess ledger = LedgerProcess.start(name, classpath, database, temp, LOGS);
        ledgers.add(ledger);
        return ledger;
    }

    // ---- the set-up and the traffic

    private static List<Account> openAndFund(LedgerHttp http, String run) throws InterruptedException {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accounts.add(new Account("crash-" + run + "-rich-" + i, Role.RICH, RICH_DEPOSIT, RICH_WITHDRAWAL));
        }
        for (int i = 0; i < 2; i++) {
            accounts.add(new Account("crash-" + run + "-poor-" + i, Role.POOR, POOR_DEPOSIT, 0));
            accounts.add(new Account("crash-" + run + "-frozen-" + i, Role.FROZEN, FROZEN_DEPOSIT, 0));
        }
        for (Account account : accounts) {
            String path = "/api/accounts/" + account.id();
            http.write("/api/accounts", "{\"owner\":\"crash\",\"currency\":\"EUR\",\"accountId\":\"" + account.id()
                    + "\"}", null, 201);
            http.write(path + "/deposits", "{\"amount\":" + account.deposited() + "}", account.id() + "-in", 200);
            if (account.withdrawn() > 0) {
                http.write(path + "/withdrawals", "{\"amount\":" + account.withdrawn() + "}", account.id() + "-out",
                        200);
            }
            if (account.role() == Role.FROZEN) {
                http.write(path + "/freeze", "", null, 204);
            }
        }
        return accounts;
    }

    /** Mostly rich to rich; every tenth out of a poor account, every tenth into a frozen one. */
    private static List<PlannedTransfer> plan(List<Account> accounts, String run) {
        List<Account> rich = accounts.stream().filter(a -> a.role() == Role.RICH).toList();
        List<Account> poor = accounts.stream().filter(a -> a.role() == Role.POOR).toList();
        List<Account> frozen = accounts.stream().filter(a -> a.role() == Role.FROZEN).toList();
        Random random = new Random(20261123);
        List<PlannedTransfer> plan = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            Account richSource = rich.get(random.nextInt(rich.size()));
            Account richDestination = rich.get(random.nextInt(rich.size()));
            while (richDestination.equals(richSource)) {
                richDestination = rich.get(random.nextInt(rich.size()));
            }
            Account source = i % 10 == 3 ? poor.get(random.nextInt(poor.size())) : richSource;
            Account destination = i % 10 == 7 ? frozen.get(random.nextInt(frozen.size())) : richDestination;
            // Out of a poor account always more than it holds; between rich ones never more than they can spare.
            long amount = source.role() == Role.POOR ? POOR_DEPOSIT + 1 + random.nextInt(1_000)
                    : 1 + random.nextInt(999);
            SecondPhase second = i % 10 != 5 ? null : i % 20 == 5 ? SecondPhase.CAPTURE : SecondPhase.VOID;
            plan.add(new PlannedTransfer("crash-" + run + "-t" + i, "crash-" + run + "-key-" + i, source, destination,
                    amount, second));
        }
        return plan;
    }

    /**
     * Sends every transfer from a bounded pool, one every {@link #PACE} so that requests keep arriving while the
     * saga works, and kills the ledger once half of them are acknowledged and the saga has debited some (or, on a
     * slow machine, once three quarters are acknowledged): requests, saga steps and read models are then
     * all cut off mid-way. Returns what each request's client learnt, and the event store as the kill left it.
     */
    private Traffic fireAndKillMidway(LedgerHttp http, LedgerProcess ledger, List<PlannedTransfer> plan)
            throws InterruptedException, SQLException, ExecutionException {
        Instant began = Instant.now();
        AtomicInteger acknowledged = new AtomicInteger();
        // Requests still scheduled at the kill are sent all the same (to a ledger that is gone): shutdown() lets
        // delayed tasks run.
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(CONCURRENCY);
        List<Future<FirstAttempt>> attempts = new ArrayList<>();
        int acknowledgedAtTheKill;
        Duration untilTheKill;
        try {
            for (int i = 0; i < plan.size(); i++) {
                PlannedTransfer transfer = plan.get(i);
                attempts.add(clients.schedule(() -> firstAttempt(http, transfer, acknowledged),
                        PACE.multipliedBy(i).toMillis(), MILLISECONDS));
            }
            try {
                Awaitility.await("time to kill the ledger").atMost(TRAFFIC_TIMEOUT)
                        .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> timeToKill(acknowledged.get()));
            } catch (ConditionTimeoutException slowMachine) {
                // Killed all the same; checkTheKill reports how few were acknowledged.
            }
            acknowledgedAtTheKill = acknowledged.get();
            ledger.kill();
            untilTheKill = Duration.between(began, Instant.now());
            clients.shutdown();
            assertThat(clients.awaitTermination(DRAIN_TIMEOUT.toMillis(), MILLISECONDS))
                    .as("every request ends once the ledger is gone").isTrue();
        } finally {
            clients.shutdownNow();
        }
        Map<PlannedTransfer, FirstAttempt> firstAttempts = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            firstAttempts.put(plan.get(i), attempts.get(i).get());
        }
        String stateAtTheKill = database.rows("SELECT substring(payload_type from '[^.]+$'), count(*)"
                + " FROM domain_event_entry WHERE payload_type LIKE 'dev.ledger.api.transfer.%'"
                + " OR payload_type LIKE '%.AccountDebited' GROUP BY 1 ORDER BY 1").toString();
        return new Traffic(firstAttempts, acknowledgedAtTheKill, untilTheKill, stateAtTheKill);
    }

    private boolean timeToKill(int acknowledged) throws SQLException {
        return acknowledged >= KILL_AFTER_ACKNOWLEDGED && (acknowledged >= KILL_AT_THE_LATEST
                || database.number("SELECT count(*) FROM domain_event_entry"
                + " WHERE payload_type = 'dev.ledger.api.account.AccountDebited'") >= DEBITED_BEFORE_THE_KILL);
    }

    private static FirstAttempt firstAttempt(LedgerHttp http, PlannedTransfer transfer, AtomicInteger acknowledged)
            throws InterruptedException {
        try {
            LedgerHttp.Answer answer = http.post("/api/transfers", transfer.body(), transfer.idempotencyKey());
            if (answer.status() == 202) {
                acknowledged.incrementAndGet();
                return new FirstAttempt(Fate.ACKNOWLEDGED, answer.toString());
            }
            return new FirstAttempt(Fate.ANSWERED_OTHERWISE, answer.toString());
        } catch (ConnectException | HttpConnectTimeoutException refused) {
            return new FirstAttempt(Fate.NEVER_DELIVERED, refused.toString());
        } catch (IOException lost) {
            return new FirstAttempt(Fate.ANSWER_LOST, lost.toString());
        }
    }

    /** Sends the request again, as a client retries: the same key, the same body; a few times if the ledger errs. */
    private static LedgerHttp.Answer resend(LedgerHttp http, PlannedTransfer transfer) throws InterruptedException {
        String last = "";
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                LedgerHttp.Answer answer = http.post("/api/transfers", transfer.body(), transfer.idempotencyKey());
                if (answer.status() < 500) {
                    return answer;
                }
                last = answer.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            // The client's own back-off between its attempts, part of the scenario: it waits for no condition.
            Thread.sleep(500L * attempt);
        }
        throw new AssertionError("Sending " + transfer.transferId() + " again failed four times, last with " + last);
    }

    /** The transfer once it is in one of {@code states}, waiting on the server side; or its latest when time runs out. */
    private static JsonNode awaitState(LedgerHttp http, String transferId, Instant giveUp, Set<String> states) {
        if (secondsUntil(giveUp) <= 0) {
            return null;
        }
        return LedgerClient.lastReading(Duration.between(Instant.now(), giveUp), Duration.ofMillis(200), () -> {
            int wait = (int) Math.max(1, Math.min(20, secondsUntil(giveUp)));
            try {
                LedgerHttp.Answer answer = http.get("/api/transfers/" + transferId + "?waitSeconds=" + wait,
                        Duration.ofSeconds(wait + 15L));
                return answer.status() == 200 ? answer.json() : null;
            } catch (IOException e) {
                return null;
            }
        }, transfer -> states.contains(transfer.path("status").asString()));
    }

    // ---- the checks

    /** Collects every problem, so that one run reports all it found; and the figures of the summary. */
    private static final class Findings {

        final List<String> problems = new ArrayList<>();
        int duplicates;
        boolean conserved = true;

        void problem(String problem) {
            problems.add(problem);
        }

        void duplicate(String where) {
            duplicates++;
            problems.add("DUPLICATE " + where);
        }
    }

    private static void checkTheKill(Traffic traffic, Findings findings) {
        if (traffic.acknowledgedAtTheKill() < KILL_AFTER_ACKNOWLEDGED) {
            findings.problem("only " + traffic.acknowledgedAtTheKill() + " transfers were acknowledged within "
                    + TRAFFIC_TIMEOUT.toSeconds() + " s; the ledger was killed anyway");
        }
        if (traffic.firstAttempts().values().stream().allMatch(attempt -> attempt.fate() == Fate.ACKNOWLEDGED)) {
            findings.problem("the kill came after the traffic: no request was cut off");
        }
    }

    private static void checkTheAnswers(Map<PlannedTransfer, FirstAttempt> before,
                                        Map<PlannedTransfer, LedgerHttp.Answer> resent, Findings findings) {
        before.forEach((transfer, first) -> {
            LedgerHttp.Answer again = resent.get(transfer);
            String id = transfer.transferId();
            if (again.status() != 202 || !id.equals(again.json().path("transferId").asString())) {
                findings.problem(id + " (" + first.fate() + " before the kill) answered " + again
                        + " when sent again with its key");
                return;
            }
            switch (first.fate()) {
                case ACKNOWLEDGED -> {
                    if (!again.replayed()) {
                        findings.problem("LOST ACKNOWLEDGEMENT: " + id + " was acknowledged before the kill, but"
                                + " its key was gone after the restart: it ran again and answered " + again);
                    }
                }
                case NEVER_DELIVERED -> {
                    if (again.replayed()) {
                        findings.problem(id + " never reached the ledger before the kill, yet its key was replayed");
                    }
                }
                case ANSWERED_OTHERWISE -> findings.problem(id + " was answered " + first.answer()
                        + " before the kill (a transfer request that is valid should get 202); sent again it "
                        + (again.replayed() ? "was replayed" : "ran"));
                case ANSWER_LOST -> {
                    // Replayed (it had taken effect) or run now (it had not): both are right; that it took effect
                    // only once is checked on the money movements.
                }
            }
        });
    }

    private static void checkTheOutcomes(Map<PlannedTransfer, JsonNode> ended, Findings findings) {
        ended.forEach((transfer, view) -> {
            String status = statusOf(view);
            if (!TERMINAL.contains(status)) {
                findings.problem("STUCK: " + transfer.transferId() + " is still " + status + " "
                        + TERMINAL_TIMEOUT.toSeconds() + " s after the restart: " + view);
                return;
            }
            String failureCode = view.path("failureCode").asString("");
            if (!status.equals(transfer.expectedStatus()) || !failureCode.equals(transfer.expectedFailureCode())) {
                findings.problem(transfer.transferId() + " ended " + status + " " + failureCode + ", expected "
                        + transfer.expectedStatus() + " " + transfer.expectedFailureCode() + ": " + view);
            }
        });
    }

    private static Map<Account, Long> expectedBalances(List<Account> accounts, List<PlannedTransfer> plan) {
        Map<Account, Long> balances = new LinkedHashMap<>();
        accounts.forEach(account -> balances.put(account, account.deposited() - account.withdrawn()));
        plan.stream().filter(transfer -> "COMPLETED".equals(transfer.expectedStatus())).forEach(transfer -> {
            balances.merge(transfer.source(), -transfer.amount(), Long::sum);
            balances.merge(transfer.destination(), transfer.amount(), Long::sum);
        });
        return balances;
    }

    /**
     * Each account seen three ways: its read model, its balance replayed from the event store, and its
     * movements both in the event store (history) and in the read model (statement). Every transfer must show
     * exactly the legs its outcome has, once each; money must be conserved.
     */
    private static void checkTheBalancesAndMovements(LedgerHttp http, List<Account> accounts,
                                                     List<PlannedTransfer> plan, Map<Account, Long> expected,
                                                     Map<PlannedTransfer, JsonNode> ended, Findings findings)
            throws InterruptedException {
        Map<Account, Long> readModel = settledBalances(http, accounts, expected);
        long deposits = accounts.stream().mapToLong(Account::deposited).sum();
        long withdrawals = accounts.stream().mapToLong(Account::withdrawn).sum();
        long inFlight = ended.entrySet().stream()
                .filter(e -> e.getValue() != null && Set.of("DEBITED", "REFUNDING")
                        .contains(e.getValue().path("status").asString()))
                .mapToLong(e -> e.getKey().amount()).sum();
        long balances = readModel.values().stream().mapToLong(Long::longValue).sum();
        if (balances + inFlight != deposits - withdrawals) {
            findings.conserved = false;
            findings.problem("NOT CONSERVED: balances " + balances + " + in flight " + inFlight + " != deposits "
                    + deposits + " - withdrawals " + withdrawals);
        }

        Map<String, PlannedTransfer> byId = plan.stream()
                .collect(Collectors.toMap(PlannedTransfer::transferId, transfer -> transfer));
        for (Account account : accounts) {
            if (readModel.get(account) != (long) expected.get(account)) {
                findings.problem(account.id() + " shows " + readModel.get(account) + " in its read model, expected "
                        + expected.get(account));
            }
            long replayed = http.read("/api/accounts/" + account.id() + "/balance").path("balance").asLong();
            if (replayed != expected.get(account)) {
                findings.problem(account.id() + " replays to " + replayed + " from its events, expected "
                        + expected.get(account));
            }
            Map<String, Map<String, Integer>> history = legs(http, "/api/accounts/" + account.id() + "/history",
                    "events", 1000, HISTORY_TYPES);
            Map<String, Map<String, Integer>> statement = legs(http, "/api/accounts/" + account.id()
                    + "/transactions", "content", 200, STATEMENT_TYPES);
            checkLegs(account, "its events", history, byId, findings);
            checkLegs(account, "its statement", statement, byId, findings);
        }

        JsonNode verify = http.read("/api/audit/verify");
        JsonNode eur = null;
        for (JsonNode currency : verify.path("conservation")) {
            if ("EUR".equals(currency.path("currency").asString())) {
                eur = currency;
            }
        }
        if (!verify.path("ok").asBoolean() || eur == null || !eur.path("ok").asBoolean()
                || eur.path("deposits").asLong() != deposits || eur.path("withdrawals").asLong() != withdrawals
                || eur.path("balances").asLong() != deposits - withdrawals) {
            findings.conserved = findings.conserved && eur != null && eur.path("ok").asBoolean();
            findings.problem("/api/audit/verify disagrees (deposits " + deposits + ", withdrawals " + withdrawals
                    + "): " + verify);
        }
    }

    private static void checkLegs(Account account, String where, Map<String, Map<String, Integer>> legs,
                                  Map<String, PlannedTransfer> plan, Findings findings) {
        legs.forEach((transferId, counted) -> counted.forEach((leg, count) -> {
            if (count > 1) {
                findings.duplicate(transferId + ": " + count + " x " + leg + " on " + account.id() + " in " + where);
            }
            if (!plan.containsKey(transferId)) {
                findings.problem(account.id() + " has " + leg + " of unknown transfer " + transferId + " in " + where);
            }
        }));
        for (PlannedTransfer transfer : plan.values()) {
            Map<String, Integer> expected = transfer.expectedLegsOn(account);
            if (expected.isEmpty()) {
                continue;
            }
            Map<String, Integer> actual = new TreeMap<>();
            expected.keySet().forEach(leg -> actual.put(leg,
                    legs.getOrDefault(transfer.transferId(), Map.of()).getOrDefault(leg, 0)));
            if (!actual.equals(expected)) {
                findings.problem(transfer.transferId() + " (" + transfer.expectedStatus() + ") has " + actual + " on "
                        + account.id() + " in " + where + ", expected " + expected);
            }
        }
    }

    /** Counts, per transfer id, the legs in a paged list of entries ({@code kinds} maps the list's types to legs). */
    private static Map<String, Map<String, Integer>> legs(LedgerHttp http, String path, String items, int size,
                                                          Map<String, String> kinds) throws InterruptedException {
        Map<String, Map<String, Integer>> legs = new TreeMap<>();
        int pages = 1;
        for (int page = 0; page < pages; page++) {
            JsonNode body = http.read(path + "?page=" + page + "&size=" + size);
            pages = body.path("page").path("totalPages").asInt();
            for (JsonNode entry : body.path(items)) {
                String leg = kinds.get(entry.path("type").asString());
                if (leg != null) {
                    legs.computeIfAbsent(entry.path("transferId").asString(), id -> new TreeMap<>())
                            .merge(leg, 1, Integer::sum);
                }
            }
        }
        return legs;
    }

    /** The read model follows the event store; waits (bounded) until it shows the expected balances. */
    private static Map<Account, Long> settledBalances(LedgerHttp http, List<Account> accounts,
                                                      Map<Account, Long> expected) {
        return LedgerClient.lastReading(SETTLE_TIMEOUT, Duration.ofMillis(250), () -> {
            Map<Account, Long> balances = new LinkedHashMap<>();
            for (Account account : accounts) {
                balances.put(account, http.read("/api/accounts/" + account.id()).path("balance").asLong());
            }
            return balances;
        }, expected::equals);
    }

    /** The same questions asked of the database itself: the event store and the read models. */
    private void checkTheDatabase(List<PlannedTransfer> plan, String run, Map<Account, Long> expected,
                                  Findings findings) throws SQLException {
        String transferIdOfPayload = "coalesce(convert_from(payload, 'UTF8')::jsonb -> 'transferId' ->> 'value',"
                + " convert_from(payload, 'UTF8')::jsonb ->> 'transferId')";
        database.rows("SELECT aggregate_identifier, payload_type, " + transferIdOfPayload + ", count(*)"
                        + " FROM domain_event_entry WHERE payload_type IN ('dev.ledger.api.account.AccountDebited',"
                        + " 'dev.ledger.api.account.AccountCredited', 'dev.ledger.api.account.AccountDebitRefunded',"
                        + " 'dev.ledger.api.account.AccountFundsHeld', 'dev.ledger.api.account.AccountHoldCaptured',"
                        + " 'dev.ledger.api.account.AccountHoldReleased')"
                        + " GROUP BY 1, 2, 3 HAVING count(*) > 1")
                .forEach(row -> findings.duplicate("in the event store: " + row));
        database.rows("SELECT account_id, transfer_id, type, count(*) FROM statement_entry"
                        + " WHERE transfer_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1")
                .forEach(row -> findings.duplicate("in statement_entry: " + row));
        long requested = database.number("SELECT count(*) FROM domain_event_entry WHERE payload_type ="
                + " 'dev.ledger.api.transfer.TransferRequested' AND aggregate_identifier LIKE 'crash-" + run + "-t%'");
        if (requested != plan.size()) {
            findings.problem("the event store holds " + requested + " TransferRequested, expected " + plan.size());
        }
        long keys = database.number("SELECT count(*) FROM idempotency_key WHERE idempotency_key LIKE 'crash-" + run
                + "-key-%' AND response_status = 202");
        if (keys != plan.size()) {
            findings.problem("idempotency_key holds " + keys + " answered transfer keys, expected " + plan.size());
        }
        long balances = database.number("SELECT coalesce(sum(balance), 0) FROM account_view");
        long expectedSum = expected.values().stream().mapToLong(Long::longValue).sum();
        if (balances != expectedSum) {
            findings.conserved = false;
            findings.problem("NOT CONSERVED in account_view: " + balances + ", expected " + expectedSum);
        }
        long open = database.number("SELECT count(*) FROM transfer_view WHERE status NOT IN"
                + " ('COMPLETED', 'FAILED', 'REFUNDED', 'MANUAL_REVIEW', 'VOIDED', 'EXPIRED')");
        if (open != 0) {
            findings.problem("transfer_view holds " + open + " transfers that have not ended");
        }
    }

    // ---- plumbing

    private interface TransferCall<T> {
        T call(PlannedTransfer transfer) throws Exception;
    }

    /** Runs {@code call} for every transfer on a bounded pool, within {@code timeout} for them all. */
    private static <T> Map<PlannedTransfer, T> forEach(List<PlannedTransfer> plan, TransferCall<T> call,
                                                        Duration timeout) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Callable<T>> tasks = plan.stream().<Callable<T>>map(transfer -> () -> call.call(transfer)).toList();
            List<Future<T>> futures = pool.invokeAll(tasks, timeout.toMillis(), MILLISECONDS);
            Map<PlannedTransfer, T> results = new LinkedHashMap<>();
            for (int i = 0; i < plan.size(); i++) {
                try {
                    results.put(plan.get(i), futures.get(i).get());
                } catch (CancellationException e) {
                    throw new AssertionError("Not done within " + timeout.toSeconds() + " s", e);
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause().getMessage(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A transfer's status, or {@code UNKNOWN} when the ledger never showed it. */
    private static String statusOf(JsonNode transfer) {
        return transfer == null ? "UNKNOWN" : transfer.path("status").asString();
    }

    private static long secondsUntil(Instant instant) {
        return Duration.between(Instant.now(), instant).toSeconds();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
