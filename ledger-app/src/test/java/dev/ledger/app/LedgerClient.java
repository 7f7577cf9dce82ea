package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the ledger through its REST API, as a client would: plain HTTP, JSON in and out. It acts as the demo
 * admin, who may do everything, unless told to act as someone else with {@link #as(String)}.
 */
public final class LedgerClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "REFUNDED",
            "MANUAL_REVIEW", "VOIDED", "EXPIRED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Environment environment;
    private final String authorization;

    public LedgerClient(int port, Environment environment) {
        this("http://localhost:" + port, environment, TestIdentities.authorizationFor("admin", environment));
    }

    private LedgerClient(String baseUrl, Environment environment, String authorization) {
        this.baseUrl = baseUrl;
        this.environment = environment;
        this.authorization = authorization;
    }

    /** The same ledger, called by a demo user (alice, bob, teller, auditor or admin). */
    public LedgerClient as(String user) {
        return withAuthorization(TestIdentities.authorizationFor(user, environment));
    }

    /** The same ledger, called with this {@code Authorization} header, or none when it is null. */
    public LedgerClient withAuthorization(String header) {
        return new LedgerClient(baseUrl, environment, header);
    }

    public record Response(int status, String contentType, String location, String raw, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(raw);
        }

        public String code() {
            return json().path("code").asString();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            if (authorization != null) {
                request.setHeader("Authorization", authorization);
            }
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String openAccount(String owner, String currency) {
        String id = "acc-" + UUID.randomUUID();
        Response opened = post("/api/accounts",
                "{\"owner\":\"" + owner + "\",\"currency\":\"" + currency + "\",\"accountId\":\"" + id + "\"}");
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        return id;
    }

    public void deposit(String accountId, long amount) {
        Response deposited = post("/api/accounts/" + accountId + "/deposits", "{\"amount\":" + amount + "}");
        assertThat(deposited.status()).as(deposited.raw()).isEqualTo(200);
    }

    public String transfer(String source, String destination, long amount, String currency) {
        Response requested = post("/api/transfers", "{\"sourceAccountId\":\"" + source
                        + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":" + amount
                        + ",\"currency\":\"" + currency + "\"}",
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        return requested.json().path("transferId").asString();
    }

    /**
     * Every item of a keyset listing, following {@code nextCursor} from the first page to the last, which says so
     * with a null cursor (always present, never left out).
     */
    public List<JsonNode> allPages(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get(path + (cursor == null ? "" : (path.contains("?") ? "&" : "?") + "cursor=" + cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            assertThat(page.json().has("nextCursor")).as("nextCursor is always there").isTrue();
            page.json().path("items").forEach(items::add);
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
        } while (cursor != null && items.size() < 100_000);
        return items;
    }

    /** Waits on the server side (no client polling) for the transfer's terminal status. */
    public JsonNode awaitTransfer(String transferId) {
        Response transfer = get("/api/transfers/" + transferId + "?waitSeconds=30");
        assertThat(transfer.status()).as(transfer.raw()).isEqualTo(200);
        return transfer.json();
    }

    /**
     * Waits, 30 seconds at a time on the server, for a transfer whose ending takes several step deadlines, so
     * that a slow machine gives a late answer rather than a wrong one.
     */
    public JsonNode awaitTransfer(String transferId, Duration patience) {
        return lastReading(patience, Duration.ofMillis(100), () -> awaitTransfer(transferId),
                transfer -> TERMINAL.contains(transfer.path("status").asString()));
    }

    /**
     * The account read model follows the event store eventually; this waits, with a generous bound, until it
     * shows the expected balance; a wrong balance fails with the value it last saw.
     */
    public long balanceOnceSettled(String accountId, long expected) {
        return eventually(() -> {
            Response account = get("/api/accounts/" + accountId);
            return account.status() == 200 ? account.json().path("balance").asLong() : Long.MIN_VALUE;
        }, balance -> balance == expected);
    }

    /**
     * Reads until the read side satisfies {@code settled}, or fails after 60 seconds with the last reading; returns
     * the reading that settled.
     */
    public static <T> T eventually(Supplier<T> read, Predicate<T> settled) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(read::get, settled::test);
    }

    /**
     * Reads until {@code settled} holds or {@code patience} has run out, and answers the last reading either way,
     * for callers that report what they last saw rather than fail at the first wait that runs long. The first read
     * is immediate. A read may block (a long poll on the server): it runs on the caller's thread, and a reading
     * that comes back after the deadline still counts. A read that learnt nothing (a failed request) answers null
     * and keeps the reading before it; null comes back only when no read learnt anything.
     */
    public static <T> T lastReading(Duration patience, Duration interval, Callable<T> read,
                                    Predicate<? super T> settled) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            // An exception another thread leaves uncaught (in a ledger running in this JVM) is not this wait's to
            // report: the ledger's own error handling deals with it, or the reading shows it.
            Awaitility.await().atMost(patience).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(interval)
                    .dontCatchUncaughtExceptions()
                    .until(() -> {
                        T reading = read.call();
                        if (reading != null) {
                            last.set(reading);
                        }
                        return reading != null && settled.test(reading);
                    });
        } catch (ConditionTimeoutException timeIsUp) {
            // The caller judges the last reading, and says what it was.
        }
        return last.get();
    }

    /**
     * An instant after every event so far and before any next one. The event store keeps milliseconds, so this waits
     * until the clock has moved into a later millisecond, which is where the next event will be stamped.
     */
    public static Instant instantBeforeTheNextEvent() {
        Instant now = Instant.now();
        Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.MILLIS).isAfter(now));
        return now;
    }
}
