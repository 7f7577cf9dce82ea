package dev.ledger.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The production shape, for real: Axon Server, one PostgreSQL database and two ledger JVMs with profiles
 * {@code postgres,axonserver}. Both nodes connect, every streaming processor has segments on both, transfers sent
 * to either node end, and after one node is killed with SIGKILL under load the survivor takes over its segments and
 * every acknowledged transfer ends, each leg applied once, with money conserved. A request to the survivor never
 * gets a 5xx because a command went to the dead node: it is retried, or answered 503 with {@code Retry-After}, which
 * this test honours as a client would. Needs an Axon Server ({@link AxonServerProcess}); skipped without one.
 */
class TwoNodesOnAxonServerTest {

    private static final Set<String> PROCESSORS = Set.of("transfer-saga", "account-view", "statement",
            "transfer-view");
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "REFUNDED", "MANUAL_REVIEW");
    private static final String UNANSWERED = "UNANSWERED";
    private static final String NODE_1 = "node-1";
    private static final String NODE_2 = "node-2";
    private static final int THROUGH_BOTH = 120;
    private static final List<String> SPLIT_UNDER_LOAD = List.of("transfer-saga", "account-view");
    private static final int UNDER_THE_KILL = 180;
    private static final int KILL_AFTER_ACKNOWLEDGED = 40;
    /** Above a node's 20 database connections: a request must not hold one while its command crosses the bus. */
    private static final int CONCURRENCY = 32;
    private static final int RETRIES_AFTER_503 = 10;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration SPREAD_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(180);
    private static final Path LOGS = Path.of("target", "two-nodes");
    private static final long RICH_DEPOSIT = 1_000_000;
    private static final long POOR_DEPOSIT = 500;

    @TempDir
    Path temp;

    private AxonServerProcess axonServer;
    private ScratchDatabase database;
    private final List<LedgerProcess> nodes = new ArrayList<>();

    private enum Role { RICH, POOR, FROZEN }

    private record Account(String id, Role role) {
    }

    private record PlannedTransfer(String transferId, Account source, Account destination, long amount) {

        String body() {
            return "{\"sourceAccountId\":\"" + source.id() + "\",\"destinationAccountId\":\"" + destination.id()
                    + "\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"transferId\":\"" + transferId
                    + "\",\"reference\":\"" + reference() + "\"}";
        }

        String reference() {
            return "two nodes " + transferId;
        }

        String expectedStatus() {
            return source.role() == Role.POOR ? "FAILED" : destination.role() == Role.FROZEN ? "REFUNDED" : "COMPLETED";
        }
    }

    /** What happened to the requests, for the summary line and the assertions. */
    private static final class Findings {
        final List<String> problems = new ArrayList<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger retriedAfter503 = new AtomicInteger();
        final AtomicInteger foundByTheRetry = new AtomicInteger();
        final AtomicInteger serverErrors = new AtomicInteger();
        int duplicates;

        synchronized void problem(String problem) {
            problems.add(problem);
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            for (LedgerProcess node : nodes) {
                node.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
            if (axonServer != null) {
                axonServer.close();
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoNodesShareTheWorkAndTheSurvivorOfAKillEndsEveryAcknowledgedTransferOnce() throws Exception {
        Instant began = Instant.now();
        axonServer = AxonServerProcess.startOrSkip(temp, LOGS);
        database = ScratchDatabase.createOrSkip();
        String run = database.name().substring(database.name().length() - 8);
        String classpath = LedgerProcess.classpath(temp, getClass());
        LedgerProcess first = start(NODE_1, classpath);
        LedgerProcess second = start(NODE_2, classpath);
        first.awaitHealthy(START_TIMEOUT);
        second.awaitHealthy(START_TIMEOUT);
        LedgerHttp one = new LedgerHttp(first.port());
        LedgerHttp two = new LedgerHttp(second.port());
        Findings findings = new Findings();

        Map<String, Map<String, Integer>> spread = awaitSegments(Set.of(NODE_1, NODE_2), SPREAD_TIMEOUT);
        List<Account> accounts = openAndFund(one, run);
        List<PlannedTransfer> plan = plan(accounts, run, THROUGH_BOTH + UNDER_THE_KILL);

        // Through both nodes, each transfer read back from the node it was sent to, while an operator splits and
        // merges the saga's and a read model's segments through Axon Server's API.
        List<PlannedTransfer> throughBoth = plan.subList(0, THROUGH_BOTH);
        Future<String> operator = Executors.newSingleThreadExecutor().submit(() -> splitAndMerge(findings));
        Map<PlannedTransfer, String> endedThroughBoth = forEach(throughBoth, (i, transfer) -> {
            LedgerHttp node = i % 2 == 0 ? one : two;
            return requestAndAwait(node, transfer, findings);
        });
        String segmentsChanged = operator.get(3, TimeUnit.MINUTES);

        // A rule an account enforces comes back with its code, whichever node holds the account.
        for (Account account : accounts) {
            LedgerHttp.Answer refused = two.post("/api/accounts/" + account.id() + "/withdrawals",
                    "{\"amount\":" + RICH_DEPOSIT * 10 + "}", account.id() + "-too-much");
            if (refused.status() != 422 || !refused.body().contains("INSUFFICIENT_FUNDS")
                    && !refused.body().contains("ACCOUNT_FROZEN")) {
                findings.problem("a withdrawal beyond the balance of " + account.id() + " answered " + refused);
            }
            LedgerHttp.Answer reopened = two.post("/api/accounts", "{\"owner\":\"nodes\",\"currency\":\"EUR\","
                    + "\"accountId\":\"" + account.id() + "\"}", null);
            if (reopened.status() != 409 || !reopened.body().contains("ACCOUNT_EXISTS")) {
                findings.problem("opening " + account.id() + " again answered " + reopened);
            }
        }

        // A repeat with the same key gets the first answer from the other node; with another body, 422.
        PlannedTransfer repeated = throughBoth.get(0);
        LedgerHttp.Answer replayed = two.post("/api/transfers", repeated.body(), repeated.transferId() + "-key");
        if (replayed.status() != 202 || !replayed.replayed()) {
            findings.problem("a repeated request answered " + replayed + " " + replayed.headers().map());
        }
        LedgerHttp.Answer reused = two.post("/api/transfers", throughBoth.get(1).body(),
                repeated.transferId() + "-key");
        if (reused.status() != 422 || !reused.body().contains("IDEMPOTENCY_KEY_REUSED")) {
            findings.problem("a key reused for another body answered " + reused);
        }

        // A taken transfer id is refused through either node, whichever node holds the transfer.
        for (LedgerHttp node : List.of(one, two)) {
            LedgerHttp.Answer taken = node.post("/api/transfers", throughBoth.get(0).body(), run + "-another-key-"
                    + node.hashCode());
            if (taken.status() != 409 || !taken.body().contains("TRANSFER_EXISTS")) {
                findings.problem("a taken transfer id answered " + taken);
            }
        }

        checkListingsAcrossNodes(one, two, accounts, findings);
        String twoPhase = checkTwoPhaseAcrossNodes(one, two, run, findings);

        // Through the survivor only, while the other node is killed.
        List<PlannedTransfer> underTheKill = plan.subList(THROUGH_BOTH, plan.size());
        Instant loadBegan = Instant.now();
        int acknowledgedBefore = findings.acknowledged.get();
        Future<Instant> killer = Executors.newSingleThreadExecutor().submit(() -> {
            Awaitility.await("enough acknowledged to kill " + NODE_1).atMost(TERMINAL_TIMEOUT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> findings.acknowledged.get() >= acknowledgedBefore + KILL_AFTER_ACKNOWLEDGED);
            first.kill();
            return Instant.now();
        });
        Map<PlannedTransfer, String> endedUnderTheKill = forEach(underTheKill,
                (i, transfer) -> requestAndAwait(two, transfer, findings));
        Instant killedAt = killer.get(1, TimeUnit.MINUTES);
        Map<String, Map<String, Integer>> afterTheKill = awaitSegments(Set.of(NODE_2), SPREAD_TIMEOUT);

        Map<PlannedTransfer, String> ended = new LinkedHashMap<>(endedThroughBoth);
        ended.putAll(endedUnderTheKill);
        ended.forEach((transfer, status) -> {
            if (!transfer.expectedStatus().equals(status)) {
                findings.problem(transfer.transferId() + " ended " + status + ", expected "
                        + transfer.expectedStatus());
            }
        });
        checkEachLegOnce(two, accounts, plan, findings);
        checkTheReadModelsCatchUp(two, findings);
        boolean conserved = conserved(two, findings);

        Map<String, Long> statuses = ended.values().stream()
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
        String summary = String.format(Locale.ROOT, "TWO NODES: nodes %s; segments per node %s; under load %s;"
                        + " two-phase %s; %d transfers"
                        + " (%d through both nodes, %d through %s while %s was killed after %.1f s), %d acknowledged,"
                        + " %d answered 503 and retried (%d found taken by the retry), %d other 5xx, statuses %s;"
                        + " after the kill segments per node %s; duplicates %d, conservation %s, %d problems;"
                        + " %.1f s in all",
                new TreeSet<>(Set.of(NODE_1, NODE_2)), spread, segmentsChanged, twoPhase, plan.size(), THROUGH_BOTH, UNDER_THE_KILL, NODE_2,
                NODE_1, Duration.between(loadBegan, killedAt).toMillis() / 1000.0, findings.acknowledged.get(),
                findings.retriedAfter503.get(), findings.foundByTheRetry.get(), findings.serverErrors.get(), statuses,
                afterTheKill,
                findings.duplicates, conserved ? "ok" : "BROKEN", findings.problems.size(),
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
        System.out.println(summary);
        findings.problems.forEach(problem -> System.out.println("TWO NODES PROBLEM: " + problem));
        assertThat(findings.problems).as("%s%nLogs under %s", summary, LOGS.toAbsolutePath()).isEmpty();
    }

    /** Splits each of the two processors' segments into three, then merges them back to two, under load. */
    private String splitAndMerge(Findings findings) throws IOException, InterruptedException {
        List<String> changed = new ArrayList<>();
        for (String processor : SPLIT_UNDER_LOAD) {
            String tokenStore = "";
            for (JsonNode known : axonServer.get("/v1/components/ledger/processors?context=default")) {
                if (processor.equals(known.path("name").asString())) {
                    tokenStore = known.path("tokenStoreIdentifier").asString();
                }
            }
            String path = "/v1/components/ledger/processors/" + processor + "/segments/%s?context=default"
                    + "&tokenStoreIdentifier=" + URLEncoder.encode(tokenStore, StandardCharsets.UTF_8);
            for (String operation : List.of("split", "merge")) {
                int status = axonServer.patch(String.format(path, operation));
                int expected = "split".equals(operation) ? 3 : 2;
                if (status / 100 != 2 || !awaitClaimedSegments(processor, expected)) {
                    findings.problem(operation + " of " + processor + " answered " + status + "; Axon Server shows "
                            + segmentsPerNode().get(processor));
                    return String.join(", ", changed);
                }
                changed.add(processor + " " + operation + " to " + expected + " " + segmentsPerNode().get(processor));
            }
        }
        return String.join(", ", changed);
    }

    private boolean awaitClaimedSegments(String processor, int segments) {
        Integer claimed = LedgerClient.lastReading(SPREAD_TIMEOUT, Duration.ofMillis(500),
                () -> segmentsPerNode().getOrDefault(processor, Map.of()).values().stream()
                        .mapToInt(Integer::intValue).sum(),
                sum -> sum == segments);
        return claimed != null && claimed == segments;
    }

    private LedgerProcess start(String name, String classpath) throws IOException {
        LedgerProcess node = LedgerProcess.start(name, classpath, database, temp, LOGS, "postgres,axonserver",
                Map.of("AXON_AXONSERVER_SERVERS", axonServer.grpcAddress(),
                        "AXON_AXONSERVER_CLIENT_ID", name,
                        // A step sent to the killed node is sent again after this, by whichever node runs the saga.
                        "LEDGER_TRANSFER_STEP_TIMEOUT", "10s",
                        "LEDGER_PROCESSORS_BALANCE_INTERVAL", "3s"));
        nodes.add(node);
        return node;
    }

    /**
     * Waits until every processor's segments are claimed by exactly {@code owners}, as Axon Server shows them
     * ({@code trackers[].clientId}), and answers the segments each node holds per processor.
     */
    private Map<String, Map<String, Integer>> awaitSegments(Set<String> owners, Duration timeout) {
        Map<String, Map<String, Integer>> seen = LedgerClient.lastReading(timeout, Duration.ofSeconds(1),
                this::segmentsPerNode, now -> claimedBy(now, owners));
        if (seen == null || !claimedBy(seen, owners)) {
            throw new AssertionError("Segments were not claimed by " + owners + " within " + timeout.toSeconds()
                    + " s; Axon Server shows " + seen);
        }
        return seen;
    }

    private static boolean claimedBy(Map<String, Map<String, Integer>> segments, Set<String> owners) {
        return segments.keySet().containsAll(PROCESSORS) && PROCESSORS.stream()
                .allMatch(processor -> segments.get(processor).keySet().equals(owners));
    }

    private Map<String, Map<String, Integer>> segmentsPerNode() throws IOException, InterruptedException {
        Map<String, Map<String, Integer>> perProcessor = new TreeMap<>();
        for (JsonNode processor : axonServer.get("/v1/components/ledger/processors?context=default")) {
            Map<String, Integer> perNode = new TreeMap<>();
            for (JsonNode tracker : processor.path("trackers")) {
                perNode.merge(tracker.path("clientId").asString(), 1, Integer::sum);
            }
            perProcessor.put(processor.path("name").asString(), perNode);
        }
        return perProcessor;
    }

    private static List<Account> openAndFund(LedgerHttp http, String run) throws InterruptedException {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(new Account("nodes-" + run + "-rich-" + i, Role.RICH));
        }
        accounts.add(new Account("nodes-" + run + "-poor", Role.POOR));
        accounts.add(new Account("nodes-" + run + "-frozen", Role.FROZEN));
        for (Account account : accounts) {
            String path = "/api/accounts/" + account.id();
            http.write("/api/accounts", "{\"owner\":\"nodes\",\"currency\":\"EUR\",\"accountId\":\"" + account.id()
                    + "\"}", null, 201);
            long deposit = account.role() == Role.POOR ? POOR_DEPOSIT : RICH_DEPOSIT;
            http.write(path + "/deposits", "{\"amount\":" + deposit + "}", account.id() + "-in", 200);
            if (account.role() == Role.FROZEN) {
                http.write(path + "/freeze", "", null, 204);
            }
        }
        return accounts;
    }

    /** Mostly rich to rich; every tenth out of the poor account, every tenth into the frozen one. */
    private static List<PlannedTransfer> plan(List<Account> accounts, String run, int count) {
        List<Account> rich = accounts.stream().filter(a -> a.role() == Role.RICH).toList();
        Account poor = accounts.stream().filter(a -> a.role() == Role.POOR).findFirst().orElseThrow();
        Account frozen = accounts.stream().filter(a -> a.role() == Role.FROZEN).findFirst().orElseThrow();
        Random random = new Random(20261202);
        List<PlannedTransfer> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Account source = i % 10 == 3 ? poor : rich.get(random.nextInt(rich.size()));
            Account destination = i % 10 == 7 ? frozen : rich.get(random.nextInt(rich.size()));
            while (destination.equals(source)) {
                destination = rich.get(random.nextInt(rich.size()));
            }
            long amount = source.role() == Role.POOR ? POOR_DEPOSIT + 1 + random.nextInt(1_000) : 1 + random.nextInt(99);
            plan.add(new PlannedTransfer("nodes-" + run + "-t" + i, source, destination, amount));
        }
        return plan;
    }

    /**
     * Requests the transfer as a client would: a 503 is retried with the same key after its {@code Retry-After}; any
     * other 5xx is a finding. Then waits on the same node for the transfer's end, and answers its status.
     */
    private static String requestAndAwait(LedgerHttp node, PlannedTransfer transfer, Findings findings)
            throws InterruptedException {
        String key = transfer.transferId() + "-key";
        boolean retried = false;
        for (int attempt = 0; attempt <= RETRIES_AFTER_503; attempt++) {
            LedgerHttp.Answer answer;
            try {
                answer = node.post("/api/transfers", transfer.body(), key);
            } catch (IOException e) {
                findings.problem(transfer.transferId() + ": the surviving node did not answer: " + e);
                return UNANSWERED;
            }
            if (answer.status() == 202 || answer.status() == 200) {
                findings.acknowledged.incrementAndGet();
                return awaitTerminal(node, transfer, findings);
            }
            if (retried && answer.status() == 409 && answer.body().contains("TRANSFER_EXISTS")) {
                // The attempt answered 503 had created the transfer before its node went away; the retry found it.
                findings.foundByTheRetry.incrementAndGet();
                return awaitTerminal(node, transfer, findings);
            }
            if (honouredRetryAfter(answer, findings)) {
                retried = true;
                continue;
            }
            if (answer.status() >= 500) {
                findings.serverErrors.incrementAndGet();
            }
            findings.problem(transfer.transferId() + ": POST answered " + answer);
            return "REFUSED";
        }
        findings.problem(transfer.transferId() + ": still 503 after " + RETRIES_AFTER_503 + " retries");
        return "REFUSED";
    }

    /**
     * Listings, references and cash answers cross the bus as queries and commands do: a cursor given out by one node
     * continues on the other, and a deposit through either answers its entry and the balance after it.
     */
    private static void checkListingsAcrossNodes(LedgerHttp one, LedgerHttp two, List<Account> accounts,
                                                 Findings findings) throws IOException, InterruptedException {
        Account account = accounts.get(0);
        LedgerHttp.Answer deposit = two.post("/api/accounts/" + account.id() + "/deposits",
                "{\"amount\":1,\"reference\":\"across nodes\"}", account.id() + "-referenced");
        if (deposit.status() != 200 || deposit.json().path("entryId").asString().isEmpty()
                || !deposit.json().has("balanceAfter") || !"across nodes".equals(deposit.json().path("reference")
                .asString())) {
            findings.problem("a deposit with a reference answered " + deposit);
        }
        String listing = "/api/transfers?accountId=" + account.id() + "&limit=2";
        LedgerHttp.Answer first = one.get(listing, Duration.ofSeconds(20));
        String cursor = first.status() == 200 ? first.json().path("nextCursor").asString() : "";
        LedgerHttp.Answer second = two.get(listing + "&cursor=" + cursor, Duration.ofSeconds(20));
        if (first.status() != 200 || cursor.isEmpty() || second.status() != 200
                || second.json().path("items").isEmpty()
                || transferIdsOf(first).stream().anyMatch(transferIdsOf(second)::contains)) {
            findings.problem("listing " + account.id() + "'s transfers across nodes answered " + first + " then "
                    + second);
        }
        LedgerHttp.Answer everyone = two.get("/api/accounts?limit=200", Duration.ofSeconds(20));
        if (everyone.status() != 200 || !everyone.body().contains("\"" + account.id() + "\"")) {
            findings.problem("listing every account answered " + everyone);
        }
    }

    private static List<String> transferIdsOf(LedgerHttp.Answer page) {
        List<String> ids = new ArrayList<>();
        page.json().path("items").forEach(item -> ids.add(item.path("transferId").asString()));
        return ids;
    }

    /**
     * A 503 with {@code Retry-After} is waited out as a client would, counted, and answered true. The pause is the
     * server's instruction, part of the scenario: a client that honours it never sees a failure of the dead node.
     */
    private static boolean honouredRetryAfter(LedgerHttp.Answer answer, Findings findings)
            throws InterruptedException {
        Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
        if (answer.status() != 503 || retryAfter.isEmpty()) {
            return false;
        }
        findings.retriedAfter503.incrementAndGet();
        Thread.sleep(Long.parseLong(retryAfter.get()) * 1_000);
        return true;
    }

    /** The transfer's status once it has ended, asked of {@code node}, which waits on the server side. */
    private static String awaitTerminal(LedgerHttp node, PlannedTransfer transfer, Findings findings) {
        String status = LedgerClient.lastReading(TERMINAL_TIMEOUT, Duration.ofMillis(100), () -> {
            try {
                LedgerHttp.Answer answer = node.get("/api/transfers/" + transfer.transferId() + "?waitSeconds=10",
                        Duration.ofSeconds(20));
                if (honouredRetryAfter(answer, findings)) {
                    return null;
                }
                if (answer.status() >= 500) {
                    findings.serverErrors.incrementAndGet();
                    findings.problem(transfer.transferId() + ": GET answered " + answer);
                }
                if (answer.status() != 200) {
                    return null;
                }
                if (!transfer.reference().equals(answer.json().path("reference").asString())) {
                    findings.problem(transfer.transferId() + ": its reference came back as " + answer);
                }
                return answer.json().path("status").asString();
            } catch (IOException e) {
                findings.problem(transfer.transferId() + ": GET failed: " + e);
                return UNANSWERED;
            }
        }, seen -> TERMINAL.contains(seen) || UNANSWERED.equals(seen));
        if (status == null || !TERMINAL.contains(status) && !UNANSWERED.equals(status)) {
            findings.problem(transfer.transferId() + " acknowledged but not ended within "
                    + TERMINAL_TIMEOUT.toSeconds() + " s: " + (status == null ? "UNKNOWN" : status));
            return status == null ? "UNKNOWN" : status;
        }
        return status;
    }

    /**
     * Transfers captured later, each phase through another node than the one before, over Axon Server's buses: one
     * authorized through node 1 and captured in part through node 2, one voided through node 2, and one that expires
     * by its persistent deadline, whichever node runs it; a second capture is refused through either node. Its own
     * accounts, so that the plan's legs stay as they were; the books' check at the end counts their money.
     */
    private static String checkTwoPhaseAcrossNodes(LedgerHttp one, LedgerHttp two, String run, Findings findings)
            throws IOException, InterruptedException {
        String holder = "nodes-" + run + "-holder";
        String payee = "nodes-" + run + "-payee";
        for (String account : List.of(holder, payee)) {
            one.write("/api/accounts", "{\"owner\":\"nodes\",\"currency\":\"EUR\",\"accountId\":\"" + account
                    + "\"}", null, 201);
        }
        one.write("/api/accounts/" + holder + "/deposits", "{\"amount\":10000}", holder + "-in", 200);
        String captured = authorize(one, holder, payee, 3_000, null, run + "-captured", findings);
        String voided = authorize(one, holder, payee, 2_000, null, run + "-voided", findings);
        String expiring = authorize(two, holder, payee, 1_000, Instant.now().plusSeconds(5).toString(),
                run + "-expiring", findings);
        expect(two.post("/api/transfers/" + captured + "/capture?waitSeconds=20",
                "{\"amount\":1200,\"currency\":\"EUR\"}", captured + "-capture"), 200, "COMPLETED", findings);
        expect(two.post("/api/transfers/" + voided + "/void?waitSeconds=20", "", voided + "-void"), 200, "VOIDED",
                findings);
        expect(one.post("/api/transfers/" + captured + "/capture", "", captured + "-again"), 409,
                "TRANSFER_ALREADY_CAPTURED", findings);
        JsonNode expired = LedgerClient.lastReading(TERMINAL_TIMEOUT, Duration.ofMillis(500),
                () -> one.read("/api/transfers/" + expiring), view -> "EXPIRED".equals(view.path("status").asString()));
        if (expired == null || !"EXPIRED".equals(expired.path("status").asString())) {
            findings.problem("an authorization with expiresAt 5 s ahead did not expire: " + expired);
        }
        JsonNode settled = LedgerClient.lastReading(TERMINAL_TIMEOUT, Duration.ofMillis(500),
                () -> two.read("/api/accounts/" + holder), view -> view.path("balance").asLong() == 8_800);
        if (settled == null || settled.path("balance").asLong() != 8_800 || settled.path("available").asLong() != 8_800) {
            findings.problem("after a capture of 1200 and a void and an expiry, the holder shows " + settled);
        }
        return "captured " + captured + ", voided " + voided + ", expired " + expiring + ", holder " + settled;
    }

    private static String authorize(LedgerHttp node, String source, String destination, long amount, String expiresAt,
                                    String transferId, Findings findings) throws IOException, InterruptedException {
        LedgerHttp.Answer authorized = node.post("/api/transfers?waitSeconds=20", "{\"sourceAccountId\":\"" + source
                + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":" + amount
                + ",\"currency\":\"EUR\",\"transferId\":\"" + transferId + "\",\"capture\":\"MANUAL\""
                + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}", transferId + "-key");
        expect(authorized, 200, "AUTHORIZED", findings);
        return transferId;
    }

    private static void expect(LedgerHttp.Answer answer, int status, String saying, Findings findings) {
        if (answer.status() != status || !answer.body().contains(saying)) {
            findings.problem("expected " + status + " " + saying + ", got " + answer);
        }
    }

    /** Each account's own event stream, as Axon Server stores it, holds exactly the legs each outcome has. */
    private static void checkEachLegOnce(LedgerHttp http, List<Account> accounts, List<PlannedTransfer> plan,
                                         Findings findings) throws InterruptedException {
        for (Account account : accounts) {
            Map<String, Integer> seen = new TreeMap<>();
            for (JsonNode event : http.read("/api/accounts/" + account.id() + "/history").path("events")) {
                String transferId = event.path("transferId").asString("");
                if (!transferId.isEmpty()) {
                    seen.merge(transferId + " " + event.path("type").asString(), 1, Integer::sum);
                }
            }
            Set<String> expected = new TreeSet<>();
            for (PlannedTransfer transfer : plan) {
                String id = transfer.transferId();
                switch (transfer.expectedStatus()) {
                    case "FAILED" -> expectOn(account, transfer.source(), id + " AccountDebitRejected", expected);
                    case "REFUNDED" -> {
                        expectOn(account, transfer.source(), id + " AccountDebited", expected);
                        expectOn(account, transfer.source(), id + " AccountDebitRefunded", expected);
                        expectOn(account, transfer.destination(), id + " AccountCreditRejected", expected);
                    }
                    default -> {
                        expectOn(account, transfer.source(), id + " AccountDebited", expected);
                        expectOn(account, transfer.destination(), id + " AccountCredited", expected);
                    }
                }
            }
            seen.forEach((leg, times) -> {
                if (times > 1) {
                    findings.duplicates++;
                    findings.problem(account.id() + ": " + leg + " " + times + " times");
                }
            });
            expected.stream().filter(leg -> !seen.containsKey(leg))
                    .forEach(leg -> findings.problem(account.id() + ": " + leg + " missing"));
            seen.keySet().stream().filter(leg -> !expected.contains(leg))
                    .forEach(leg -> findings.problem(account.id() + ": " + leg + " unexpected"));
        }
    }

    private static void expectOn(Account account, Account party, String leg, Set<String> expected) {
        if (account.equals(party)) {
            expected.add(leg);
        }
    }

    /** Once the traffic is over, every processor shows a lag of zero, as an operator would check it. */
    private static void checkTheReadModelsCatchUp(LedgerHttp http, Findings findings) {
        JsonNode projections = LedgerClient.lastReading(SPREAD_TIMEOUT, Duration.ofMillis(500),
                () -> http.read("/api/admin/projections"), TwoNodesOnAxonServerTest::caughtUp);
        if (!caughtUp(projections)) {
            findings.problem("the read models still lag on an idle ledger: " + projections);
        }
    }

    private static boolean caughtUp(JsonNode projections) {
        return projections.path("content").valueStream().allMatch(projection -> projection.path("lag").asLong() == 0);
    }

    private static boolean conserved(LedgerHttp http, Findings findings) throws InterruptedException {
        JsonNode report = http.read("/api/audit/verify");
        if (!report.path("mismatches").isEmpty()) {
            findings.problem("read models differ from the events: " + report.path("mismatches"));
        }
        for (JsonNode currency : report.path("conservation")) {
            if (!currency.path("ok").asBoolean()) {
                findings.problem("money not conserved: " + currency);
                return false;
            }
        }
        return true;
    }

    private interface TransferCall {
        String run(int index, PlannedTransfer transfer) throws Exception;
    }

    /** Runs {@code call} for every transfer on a bounded pool of clients, and answers each transfer's status. */
    private static Map<PlannedTransfer, String> forEach(List<PlannedTransfer> transfers, TransferCall call)
            throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
        Map<PlannedTransfer, String> statuses = new ConcurrentHashMap<>();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < transfers.size(); i++) {
                int index = i;
                PlannedTransfer transfer = transfers.get(i);
                calls.add(clients.submit(() -> {
                    statuses.put(transfer, call.run(index, transfer));
                    return null;
                }));
            }
            for (Future<?> each : calls) {
                try {
                    each.get(TERMINAL_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("A client failed: " + e, e);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        return statuses;
    }
}
