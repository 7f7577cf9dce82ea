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
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * is stored after it; a repeat meanwhile gets {@code 409} on any node. So the effect and the answer can part: a
 * command can time out, or lose its connection to Axon Server, after it ran. An attempt that fails in such a way
 * keeps its claim, released for the next attempt, and a claim left unanswered by a crash is taken over after
 * {@link #ABANDONED_AFTER}; either way the same request sent again runs again under the same <em>identity</em>,
 * derived from the caller, the key and when the key was claimed, and its effect recognises it. A deposit or
 * withdrawal carries it as its movement id, and the account answers a movement it applied before with its first
 * receipt; a transfer's retry can only find the first transfer (its id is the client's or derived from the key). A
 * refusal is the request's answer on every store: it is stored, and the claim with it.
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

    /**
     * A stored answer, as it was first given. {@code attemptExpiresAt} is when a claim's running attempt is given up;
     * null where none was set (the embedded default's claims, and claims of nodes from before it existed, whose attempt
     * is given up {@link #ABANDONED_AFTER} after the claim).
     */
    private record StoredResponse(String fingerprint, int status, String contentType, String location, String body,
                                  Instant createdAt, Instant attemptExpiresAt) {

        /** A claim whose request has not answered yet has no status. */
        boolean answered() {
            return status != 0;
        }

        /** Whether another attempt may take over this unanswered claim: none runs, or the one that ran is gone. */
        boolean free(Instant now) {
            Instant expires = attemptExpiresAt == null ? createdAt.plus(ABANDONED_AFTER) : attemptExpiresAt;
            return !expires.isAfter(now);
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
        return execute(caller, key, request, identity -> action.get());
    }

    /**
     * As {@link #execute(String, String, Object, Supplier)}, and {@code action} is given the request's identity: the
     * same for every attempt of it while its key is kept, and another once the key was forgotten and used again. An
     * action whose effect carries it (a cash movement's id) lets its target recognise an attempt that did take effect
     * although its answer was lost.
     */
    public ResponseEntity<?> execute(String caller, String key, Object request,
                                     Function<String, ResponseEntity<?>> action) {
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

    /**
     * An attempt that fails for any other reason than a broken rule may have taken effect all the same (a command
     * timed out, or the connection to Axon Server was lost after the command ran), so its claim is kept, released for
     * the next attempt: the same request sent again runs again under the same identity, and its target recognises it.
     */
    private ResponseEntity<?> holdingNoConnection(String caller, String key, String fingerprint,
                                                  Function<String, ResponseEntity<?>> action) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant attemptExpiresAt = now.plus(ABANDONED_AFTER);
        Optional<StoredResponse> stored = find(caller, key);
        Instant claimedAt;
        if (stored.isEmpty()) {
            claimedAt = claim(caller, key, fingerprint, attemptExpiresAt);
        } else if (stored.get().answered() || !stored.get().fingerprint().equals(fingerprint)) {
            return replay(stored.get(), fingerprint);
        } else if (stored.get().free(now) && takeOver(caller, key, stored.get(), attemptExpiresAt)) {
            claimedAt = stored.get().createdAt();
        } else {
            throw stillRunning(); // its attempt runs on another node, or another attempt took it over first
        }
        ResponseEntity<?> response;
        try {
            response = action.apply(identityOf(caller, key, claimedAt));
        } catch (LedgerRuleViolation violation) {
            forget(caller, key);
            throw new Refused(violation);
        } catch (RuntimeException outcomeUnknown) {
            release(caller, key, claimedAt, attemptExpiresAt);
            throw outcomeUnknown;
        }
        storeAnswer(caller, key, response);
        return response;
    }

    private void forget(String caller, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND idempotency_key = ? AND response_status IS NULL",
                caller, key);
    }

    /** Claims the key, and answers when: to the millisecond, as every database keeps it and reads it back. */
    private Instant claim(String caller, String key, String fingerprint, Instant attemptExpiresAt) {
        Instant claimedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, request_fingerprint, created_at,"
                        + " attempt_expires_at) VALUES (?, ?, ?, ?, ?)", caller, key, fingerprint,
                Timestamp.from(claimedAt), attemptExpiresAt == null ? null : Timestamp.from(attemptExpiresAt));
        return claimedAt;
    }

    /** Takes an unanswered claim over for a new attempt, unless another attempt was quicker. */
    private boolean takeOver(String caller, String key, StoredResponse claim, Instant attemptExpiresAt) {
        Timestamp expires = Timestamp.from(attemptExpiresAt);
        return (claim.attemptExpiresAt() == null
                ? jdbc.update("UPDATE idempotency_key SET attempt_expires_at = ? WHERE caller = ?"
                        + " AND idempotency_key = ? AND response_status IS NULL AND attempt_expires_at IS NULL",
                        expires, caller, key)
                : jdbc.update("UPDATE idempotency_key SET attempt_expires_at = ? WHERE caller = ?"
                        + " AND idempotency_key = ? AND response_status IS NULL AND attempt_expires_at = ?",
                        expires, caller, key, Timestamp.from(claim.attemptExpiresAt()))) == 1;
    }

    /**
     * This attempt runs no more: the next one may take the claim over at once, on any node. Unless the claim was taken
     * over already, because this attempt outlived its hold: then it is the other attempt's.
     */
    private void release(String caller, String key, Instant claimedAt, Instant attemptExpiresAt) {
        jdbc.update("UPDATE idempotency_key SET attempt_expires_at = ? WHERE caller = ? AND idempotency_key = ?"
                        + " AND response_status IS NULL AND attempt_expires_at = ?", Timestamp.from(claimedAt), caller,
                key, Timestamp.from(attemptExpiresAt));
    }

    /**
     * The identity of a request: its caller, its key and when the key was claimed, so that every attempt under one
     * claim has the same one, and a key used again after it was forgotten (past the retention) gets another.
     */
    private static String identityOf(String caller, String key, Instant claimedAt) {
        return UUID.nameUUIDFromBytes((caller + '\n' + key + '\n' + claimedAt.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ResponseEntity<?> executeOnce(String caller, String key, String fingerprint,
                                          Function<String, ResponseEntity<?>> action) {
        // Inserted first, so that a concurrent request with this key on another node waits on the row.
        Instant claimedAt = claim(caller, key, fingerprint, null);
        ResponseEntity<?> response;
        try {
            response = action.apply(identityOf(caller, key, claimedAt));
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
                        + " response_location, response_body, created_at, attempt_expires_at FROM idempotency_key"
                        + " WHERE caller = ? AND idempotency_key = ?",
                (row, index) -> new StoredResponse(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getTimestamp(6).toInstant(), instantOrNull(row.getTimestamp(7))),
                caller, key);
        return found.stream().findFirst();
    }

    private static Instant instantOrNull(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
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
