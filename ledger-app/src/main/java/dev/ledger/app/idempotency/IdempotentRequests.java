package dev.ledger.app.idempotency;

import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.app.config.AxonServerSwitch;
import dev.ledger.app.web.ApiProblem;
import dev.ledger.app.web.InputError;
import dev.ledger.app.web.InvalidRequest;
import dev.ledger.app.web.ProblemResponses;
import dev.ledger.app.web.RequestErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a money-moving request at most once per caller and {@code Idempotency-Key}, and answers a repeat
 * with the original response.
 *
 * <p>The key is written in the same database transaction as the command's events: the request runs in one
 * Axon unit of work with the transaction attached, and the command's own unit of work nests in it. A crash
 * leaves either both the effect and the key, or neither, so a retry after a lost answer can never move money
 * twice; and event processors hear of the events only once that transaction has committed. A repeat while the first request runs gets
 * {@code 409} at once on the same node; on another node it waits for the first to commit, then replays it.
 *
 * <p>Under {@code axonserver} Axon Server stores the events, so no database transaction can hold them and the key
 * together, and one held open through a remote command's round trip starved the connection pool: at 64 transfers
 * in flight over Axon Server, requests failed for want of a connection that requests waiting on their commands
 * held. There the key is claimed in a statement of its own, the request runs holding no connection, and its answer
 * is stored after it; a repeat meanwhile gets {@code 409} on any node, and a claim left unanswered by a crash is
 * given up after {@link #ABANDONED_AFTER}. A transfer's retry can still only find the first transfer (its id is the
 * client's or derived from the key); a deposit or withdrawal has no such id yet.
 */
@Component
public class IdempotentRequests {

    /** The header that carries the client's idempotency key. */
    public static final String HEADER = "Idempotency-Key";

    /** The header that tells a client it got a stored answer, not a new execution. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Longer than any request may take: its waits end after 30 s, its commands after their timeouts. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,253}[\\x21-\\x7E])?");

    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;
    private final JsonMapper json;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final boolean eventsInAxonServer;

    IdempotentRequests(JdbcTemplate jdbc, TransactionManager transactionManager, JsonMapper json,
                       AxonServerSwitch axonServer) {
        this.eventsInAxonServer = axonServer.enabled();
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** A stored answer, as it was first given. */
    private record StoredResponse(String fingerprint, int status, String contentType, String location, String body,
                                  Instant createdAt) {

        /** A claim whose request has not answered yet has no status. */
        boolean answered() {
            return status != 0;
        }
    }

    /** Rolls the attempt back and carries the broken rule out of the unit of work. */
    private static final class Refused extends RuntimeException {

        private final LedgerRuleViolation violation;

        Refused(LedgerRuleViolation violation) {
            super(violation.getMessage(), null, false, false);
            this.violation = violation;
        }
    }

    /**
     * Executes {@code action} unless this caller already used {@code key}: then the stored response is
     * returned when {@code request} is the same, and {@code 422 IDEMPOTENCY_KEY_REUSED} when it differs.
     * {@code request} identifies the request's content, for example the path and the parsed body record.
     */
    public ResponseEntity<?> execute(String caller, String key, Object request, Supplier<ResponseEntity<?>> action) {
        if (key.isBlank()) {
            throw new ApiProblem(RequestErrorCode.IDEMPOTENCY_KEY_MISSING, "The Idempotency-Key header is empty",
                    List.of(InputError.header(HEADER, "Idempotency-Key is empty")));
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new InvalidRequest(InputError.header(HEADER,
                    "Idempotency-Key must be 1 to 255 printable ASCII characters"));
        }
        String fingerprint = fingerprintOf(request);
        String slot = caller + '\n' + key;
        if (!running.add(slot)) {
            throw stillRunning();
        }
        try {
            return eventsInAxonServer
                    ? holdingNoConnection(caller, key, fingerprint, action)
                    : inOneUnitOfWork(() -> find(caller, key)
                            .<ResponseEntity<?>>map(stored -> replay(stored, fingerprint))
                            .orElseGet(() -> executeOnce(caller, key, fingerprint, action)));
        } catch (Refused refused) {
            storeRefusal(caller, key, fingerprint, refused.violation);
            throw refused.violation;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return find(caller, key).map(stored -> replay(stored, fingerprint)).orElseThrow(() -> anotherNodeWasFirst);
        } catch (PessimisticLockingFailureException stillLocked) {
            throw stillRunning();
        } finally {
            running.remove(slot);
        }
    }

    private ResponseEntity<?> holdingNoConnection(String caller, String key, String fingerprint,
                                                  Supplier<ResponseEntity<?>> action) {
        Optional<StoredResponse> stored = find(caller, key);
        if (stored.isPresent()) {
            boolean abandoned = !stored.get().answered()
                    && stored.get().createdAt().plus(ABANDONED_AFTER).isBefore(clock.instant());
            if (!abandoned) {
                return replay(stored.get(), fingerprint);
            }
            forget(caller, key);
        }
        claim(caller, key, fingerprint);
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (LedgerRuleViolation violation) {
            forget(caller, key);
            throw new Refused(violation);
        } catch (RuntimeException failed) {
            forget(caller, key); // nothing to replay: the client may send it again
            throw failed;
        }
        storeAnswer(caller, key, response);
        return response;
    }

    private void forget(String caller, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND idempotency_key = ? AND response_status IS NULL",
                caller, key);
    }

    private void claim(String caller, String key, String fingerprint) {
        jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, request_fingerprint, created_at)"
                + " VALUES (?, ?, ?, ?)", caller, key, fingerprint, Timestamp.from(clock.instant()));
    }

    private ResponseEntity<?> executeOnce(String caller, String key, String fingerprint,
                                          Supplier<ResponseEntity<?>> action) {
        // Inserted first, so that a concurrent request with this key on another node waits on the row.
        claim(caller, key, fingerprint);
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (LedgerRuleViolation violation) {
            // Nothing moved, but the attempt may have left the transaction unusable (PostgreSQL aborts it on a
            // failed append): it is rolled back, and the refusal stored in a transaction of its own.
            throw new Refused(violation);
        }
        storeAnswer(caller, key, response);
        return response;
    }

    private void storeAnswer(String caller, String key, ResponseEntity<?> response) {
        URI location = response.getHeaders().getLocation();
        jdbc.update("UPDATE idempotency_key SET response_status = ?, response_content_type = ?,"
                        + " response_location = ?, response_body = ? WHERE caller = ? AND idempotency_key = ?",
                response.getStatusCode().value(), MediaType.APPLICATION_JSON_VALUE,
                location == null ? null : location.toString(), json.writeValueAsString(response.getBody()),
                caller, key);
    }

    private ResponseEntity<?> inOneUnitOfWork(Callable<ResponseEntity<?>> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<ResponseEntity<?>> result = unitOfWork.executeWithResult(work);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    /** A broken rule is the request's answer too: a repeat gets the same refusal, not a second attempt. */
    private void storeRefusal(String caller, String key, String fingerprint, LedgerRuleViolation refused) {
        ProblemDetail problem = ProblemResponses.of(refused);
        try {
            jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, request_fingerprint, response_status,"
                            + " response_content_type, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    caller, key, fingerprint, problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    json.writeValueAsString(problem), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException anotherNodeAnsweredFirst) {
            // That node's answer stands; this refusal was the same request's, so nothing is lost.
        }
    }

    private Optional<StoredResponse> find(String caller, String key) {
        List<StoredResponse> found = jdbc.query("SELECT request_fingerprint, response_status, response_content_type,"
                        + " response_location, response_body, created_at FROM idempotency_key"
                        + " WHERE caller = ? AND idempotency_key = ?",
                (row, index) -> new StoredResponse(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getTimestamp(6).toInstant()),
                caller, key);
        return found.stream().findFirst();
    }

    private ResponseEntity<?> replay(StoredResponse stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new ApiProblem(RequestErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request");
        }
        if (!stored.answered()) {
            throw stillRunning(); // claimed on another node, whose request has not answered yet
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(REPLAYED_HEADER, "true");
        headers.setContentType(MediaType.parseMediaType(stored.contentType()));
        if (stored.location() != null) {
            headers.setLocation(URI.create(stored.location()));
        }
        return ResponseEntity.status(stored.status()).headers(headers).body(stored.body());
    }

    private static ApiProblem stillRunning() {
        return new ApiProblem(RequestErrorCode.CONCURRENT_REQUEST,
                "A request with this Idempotency-Key is still running");
    }

    private static String fingerprintOf(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
