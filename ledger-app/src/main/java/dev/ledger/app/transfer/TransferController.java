package dev.ledger.app.transfer;

import static dev.ledger.app.web.InvalidRequest.pathParameter;
import static dev.ledger.app.web.InvalidRequest.queryParameter;
import static dev.ledger.app.web.InvalidRequest.whenInvalid;

import dev.ledger.api.Correlation;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.query.AccountListView;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.ListAccountsByOwner;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureTransfer;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.VoidTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.FindTransfer;
import dev.ledger.api.transfer.query.ListTransfers;
import dev.ledger.api.transfer.query.TransferPage;
import dev.ledger.api.transfer.query.TransferPosition;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import dev.ledger.account.AccountDirectory;
import dev.ledger.app.config.AuthorizationSettings;
import dev.ledger.app.correlation.RequestCorrelation;
import dev.ledger.app.idempotency.IdempotentRequests;
import dev.ledger.app.idempotency.TransferRequestKeys;
import dev.ledger.app.security.Caller;
import dev.ledger.app.web.InputError;
import dev.ledger.app.web.Cursor;
import dev.ledger.app.web.InvalidRequest;
import dev.ledger.app.web.QueryParameters;
import dev.ledger.app.web.StreamAlreadyTaken;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The transfer resources of the REST contract. A request is checked against the source account as the event
 * store knows it, then handed to the saga; the client follows it with {@code GET}, optionally waiting, or waits
 * for the end in the request itself. A {@code MANUAL} transfer rests {@code AUTHORIZED} until its requester or staff
 * capture or void it, each at most once, or it expires; the transfer itself decides which of them comes first.
 */
@RestController
@RequestMapping(path = "/api/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class TransferController {

    private static final int MAX_WAIT_SECONDS = 30;

    /** The timeline steps of a transfer whose second phase is decided. */
    private static final Set<String> SECOND_PHASES = Set.of(TransferCaptureRequested.class.getSimpleName(),
            TransferVoidRequested.class.getSimpleName(), TransferAuthorizationLapsed.class.getSimpleName());

    /**
     * How long a read waits for the node that answers it. Over Axon Server a query sent to a node that then died
     * got no answer at all; after this it is answered 503, to be sent again.
     */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AccountDirectory directory;
    private final IdempotentRequests idempotentRequests;
    private final EventStore events;
    private final TransferRequestKeys requestKeys;
    private final AuthorizationSettings holds;

    TransferController(CommandGateway commands, QueryGateway queries, AccountDirectory directory,
                       IdempotentRequests idempotentRequests, EventStore events, TransferRequestKeys requestKeys,
                       AuthorizationSettings holds) {
        this.requestKeys = requestKeys;
        this.holds = holds;
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.idempotentRequests = idempotentRequests;
        this.events = events;
    }

    /**
     * Requests a transfer: {@code 202} with the transfer as requested. With {@code waitSeconds}, the answer waits
     * for the transfer to end, as {@code GET} does, and is {@code 200} with the ended transfer, or still {@code 202}
     * when the wait is over first: one round trip for a client that wants the outcome. A replayed request waits
     * in the same way, so it answers as the first one did. A {@code MANUAL} transfer's wait ends when it is
     * authorized.
     */
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = TransferResponse.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> request(@RequestHeader("Idempotency-Key") String idempotencyKey,
                              @RequestParam(defaultValue = "0") int waitSeconds,
                              @RequestBody TransferRequestBody body, Caller caller) {
        Duration wait = validWait(waitSeconds);
        RequestTransfer request = whenInvalid(() -> body.toCommand(caller.requester(),
                idOfAnUnnamedTransfer(caller, idempotencyKey), Instant.now(), holds));
        ResponseEntity<?> answer = requestAtMostOnce(request, body, idempotencyKey, caller);
        if (wait.isZero() || answer.getStatusCode().value() != 202) {
            return answer; // a refusal, or a client that follows the transfer itself
        }
        // The accepted transfer, which for a replay is the first request's (a body without an id gets a new one).
        String location = answer.getHeaders().getLocation().getPath();
        TransferId accepted = new TransferId(location.substring(location.lastIndexOf('/') + 1));
        return waitedFor(answer, accepted, wait, caller, TransferController::atRest);
    }

    /**
     * Captures an authorized transfer: {@code 202} with the transfer, whose capture then runs; with
     * {@code waitSeconds}, {@code 200} once it has ended. All of the authorized amount moves unless the body names
     * less. Only the transfer's requester and staff capture it; to anybody else it does not exist.
     */
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = TransferResponse.class)))
    @PostMapping("/{transferId}/capture")
    ResponseEntity<?> capture(@RequestHeader("Idempotency-Key") String idempotencyKey,
                              @PathVariable String transferId, @RequestParam(defaultValue = "0") int waitSeconds,
                              @RequestBody(required = false) CaptureRequestBody body, Caller caller) {
        TransferId id = pathParameter("transferId", () -> new TransferId(transferId));
        Duration wait = validWait(waitSeconds);
        Money amount = body == null ? null : whenInvalid(body::toAmount);
        return secondPhase(idempotencyKey, id, wait, caller, "capture " + body,
                new CaptureTransfer(id, amount, caller.requester()));
    }

    /**
     * Voids an authorized transfer: its hold is released and it ends {@code VOIDED}. Answered as a capture is.
     */
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = TransferResponse.class)))
    @PostMapping("/{transferId}/void")
    ResponseEntity<?> voidTransfer(@RequestHeader("Idempotency-Key") String idempotencyKey,
                                   @PathVariable String transferId, @RequestParam(defaultValue = "0") int waitSeconds,
                                   Caller caller) {
        TransferId id = pathParameter("transferId", () -> new TransferId(transferId));
        Duration wait = validWait(waitSeconds);
        return secondPhase(idempotencyKey, id, wait, caller, "void", new VoidTransfer(id, caller.requester()));
    }

    /**
     * A second phase, at most once per key: a repeat with the same key is answered as the first was, and any other
     * second attempt is refused by the transfer, which takes one second phase only.
     */
    private ResponseEntity<?> secondPhase(String idempotencyKey, TransferId id, Duration wait, Caller caller,
                                          String what, Object command) {
        ResponseEntity<?> answer = idempotentRequests.execute(caller.principal(), idempotencyKey,
                "POST /api/transfers/" + id + "/" + what, () -> {
                    if (events.lastSequenceNumberFor(id.value()).isEmpty()) {
                        throw transferNotFound(id);
                    }
                    commands.sendAndWait(command);
                    TransferView current = find(id).orElseThrow(() -> transferNotFound(id));
                    return ResponseEntity.accepted()
                            .location(URI.create("/api/transfers/" + id))
                            .body(TransferResponse.of(current));
                });
        return wait.isZero() || answer.getStatusCode().value() != 202 ? answer
                : waitedFor(answer, id, wait, caller, view -> view.status().hasStopped());
    }

    /** The answer {@code 200} with the transfer once {@code done}, or the accepted answer as it was. */
    private ResponseEntity<?> waitedFor(ResponseEntity<?> answer, TransferId id, Duration wait, Caller caller,
                                        Predicate<TransferView> done) {
        return awaitUntil(id, wait, caller, done)
                .filter(done)
                .<ResponseEntity<?>>map(view -> ResponseEntity.ok()
                        .headers(answer.getHeaders())
                        .body(TransferResponse.of(view)))
                .orElse(answer);
    }

    /**
     * Nothing happens to a transfer at rest until somebody acts: it has ended, or it is authorized and nobody has
     * captured or voided it yet, nor has it lapsed. The read model shows a second phase as a step before the status
     * moves, so that a client that captured and then waits is not answered with the authorization it captured.
     */
    private static boolean atRest(TransferView view) {
        return view.status().hasStopped() || view.status() == TransferStatus.AUTHORIZED
                && view.steps().stream().noneMatch(step -> SECOND_PHASES.contains(step.name()));
    }

    private ResponseEntity<?> requestAtMostOnce(RequestTransfer request, TransferRequestBody body,
                                                String idempotencyKey, Caller caller) {
        boolean idOfTheKey = body.transferId() == null;
        boolean expiryChosen = body.expiryChosenByTheLedger();
        String requestKey = requestKeyOf(caller, idempotencyKey);
        try {
            return idempotentRequests.execute(caller.principal(), idempotencyKey, "POST /api/transfers " + body,
                    () -> requestOnce(request, idOfTheKey, expiryChosen, requestKey, caller));
        } catch (RuntimeException e) {
            // On one node detected when the events are appended, as the request's unit of work commits.
            if (!StreamAlreadyTaken.isCauseOf(e)) {
                throw e;
            }
            return idTaken(request, idOfTheKey, requestKey, expiryChosen);
        }
    }

    /**
     * The id of a transfer requested without one comes from the caller and its {@code Idempotency-Key}, not from
     * chance. A request whose answer was lost, or answered 503 because the node handling it went away, may have
     * created its transfer; sent again with the same key it can only find that transfer (and is answered as the
     * first time), never create a second one.
     */
    private static TransferId idOfAnUnnamedTransfer(Caller caller, String idempotencyKey) {
        return new TransferId(requestKeyOf(caller, idempotencyKey));
    }

    /** One request: the caller and its key, as a digest that names neither. */
    private static String requestKeyOf(Caller caller, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("POST /api/transfers\n" + caller.principal() + "\n"
                + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A customer may only move money out of its own accounts; another's is not found, as on every route. */
    private ResponseEntity<TransferResponse> requestOnce(RequestTransfer request, boolean idOfTheKey,
                                                         boolean expiryChosen, String requestKey, Caller caller) {
        AccountOpened source = directory.opening(request.sourceAccountId()).filter(caller::maySee)
                .filter(opened -> request.requestedBy().mayDebitAccountOf(opened.owner()))
                .orElseThrow(() -> new LedgerRuleViolation(LedgerErrorCode.ACCOUNT_NOT_FOUND,
                        "No account " + request.sourceAccountId()));
        if (!request.amount().isIn(source.currency())) {
            throw new LedgerRuleViolation(LedgerErrorCode.CURRENCY_MISMATCH,
                    "The source account holds " + source.currency().getCurrencyCode());
        }
        if (!idOfTheKey) {
            requestKeys.claim(request.transferId(), requestKey);
        }
        try {
            commands.sendAndWait(request);
        } catch (RuntimeException e) {
            // Over Axon Server the node that handled the command found the id taken; the answer is stored with the key.
            if (!StreamAlreadyTaken.isCauseOf(e)) {
                throw e;
            }
            return idTaken(request, idOfTheKey, requestKey, expiryChosen);
        }
        return accepted(request, Instant.now(), RequestCorrelation.current().orElse(null));
    }

    /**
     * The answer to a request whose transfer id is taken. A request that finds the very transfer it asked for, under
     * the id its key derives or under the id it named itself with that same key, is the same request sent again after
     * its answer was lost: its key's stored answer is gone (over Axon Server the key and the events commit apart, a
     * node can go away between them, and keys expire), so it is answered as the first time, {@code 202}, and moves
     * nothing. Any other request for a taken id is refused as {@code TRANSFER_EXISTS}.
     */
    private ResponseEntity<TransferResponse> idTaken(RequestTransfer request, boolean idOfTheKey, String requestKey,
                                                     boolean expiryChosen) {
        boolean sameRequest = idOfTheKey || requestKeys.isOf(request.transferId(), requestKey);
        Optional<DomainEventMessage<?>> first = sameRequest ? firstRequestOf(request.transferId()) : Optional.empty();
        if (first.isPresent() && sameRequest(request, (TransferRequested) first.get().getPayload(), expiryChosen)) {
            return accepted(request, first.get().getTimestamp(),
                    (String) first.get().getMetaData().get(Correlation.CORRELATION_ID));
        }
        throw transferExists(request.transferId());
    }

    /**
     * The transfer's first event, from its own stream (the read model may not have it yet), if it is the request
     * that started it.
     */
    private Optional<DomainEventMessage<?>> firstRequestOf(TransferId id) {
        DomainEventStream stream = events.readEvents(id.toString());
        return stream.hasNext() && stream.peek().getPayload() instanceof TransferRequested
                ? Optional.of(stream.next()) : Optional.empty();
    }

    /**
     * Whether {@code request} asks for what {@code first} recorded. An expiry the ledger chose is the first request's
     * time plus the default, so a repeat's own choice, made later, says nothing.
     */
    private static boolean sameRequest(RequestTransfer request, TransferRequested first, boolean expiryChosen) {
        return request.equals(new RequestTransfer(first.transferId(), first.sourceAccountId(),
                first.destinationAccountId(), first.amount(), first.reference(), first.requestedBy(), first.capture(),
                expiryChosen ? request.expiresAt() : first.expiresAt()));
    }

    /** The answer of an accepted request: the transfer as requested, at {@code requestedAt}. */
    private static ResponseEntity<TransferResponse> accepted(RequestTransfer request, Instant requestedAt,
                                                             String correlationId) {
        TransferView requested = new TransferView(request.transferId(), request.sourceAccountId(),
                request.destinationAccountId(), request.amount(), TransferStatus.REQUESTED, null,
                List.of(new TransferStep(TransferRequested.class.getSimpleName(), requestedAt)), correlationId,
                requestedAt, request.reference(), request.capture(), request.expiresAt(), null);
        return ResponseEntity.accepted()
                .location(URI.create("/api/transfers/" + request.transferId()))
                .body(TransferResponse.of(requested));
    }

    @GetMapping("/{transferId}")
    TransferResponse get(@PathVariable String transferId, @RequestParam(defaultValue = "0") int waitSeconds,
                         Caller caller) {
        TransferId id = pathParameter("transferId", () -> new TransferId(transferId));
        Duration wait = validWait(waitSeconds);
        Optional<TransferView> view = wait.isZero() ? find(id)
                : awaitUntil(id, wait, caller, TransferController::atRest);
        return TransferResponse.of(view.filter(found -> visible(found, caller))
                .orElseThrow(() -> transferNotFound(id)));
    }

    /**
     * Lists transfers newest first, one keyset page at a time. A customer lists those touching its own accounts
     * only, and an account of someone else's is not found, as when reading it.
     */
    @GetMapping
    TransferListResponse listTransfers(@RequestParam(required = false) String accountId,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String cursor,
                                       @RequestParam(required = false) Integer limit, Caller caller) {
        AccountId account = accountId == null ? null : visibleAccount(accountId, caller);
        TransferStatus inStatus = QueryParameters.constant("status", status, TransferStatus.class);
        Instant since = QueryParameters.instant("from", from);
        Instant until = QueryParameters.instant("to", to);
        QueryParameters.requireRange(since, until);
        int size = Cursor.limit(limit);
        TransferPosition position = TransferCursor.after(cursor);
        TransferPage page = queries.query(new ListTransfers(account, caller.readsEverything() ? null
                        : ownAccounts(caller), inStatus, since, until, position, size), TransferPage.class)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return TransferListResponse.of(page);
    }

    private AccountId visibleAccount(String raw, Caller caller) {
        AccountId id = queryParameter("accountId", () -> new AccountId(raw));
        directory.opening(id).filter(caller::maySee).orElseThrow(() -> new LedgerRuleViolation(
                LedgerErrorCode.ACCOUNT_NOT_FOUND, "No account " + id));
        return id;
    }

    private Set<AccountId> ownAccounts(Caller caller) {
        return queries.query(new ListAccountsByOwner(caller.principal()), AccountListView.class)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()
                .accounts().stream().map(AccountView::accountId).collect(Collectors.toSet());
    }

    private static Duration validWait(int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new InvalidRequest(InputError.query("waitSeconds",
                    "waitSeconds must be between 0 and " + MAX_WAIT_SECONDS));
        }
        return Duration.ofSeconds(waitSeconds);
    }

    /** A customer sees the transfers that leave or reach one of its accounts. */
    private boolean visible(TransferView transfer, Caller caller) {
        return caller.readsEverything()
                || directory.opening(transfer.sourceAccountId()).filter(caller::maySee).isPresent()
                || directory.opening(transfer.destinationAccountId()).filter(caller::maySee).isPresent();
    }

    private static LedgerRuleViolation transferExists(TransferId id) {
        return new LedgerRuleViolation(LedgerErrorCode.TRANSFER_EXISTS, "Transfer " + id + " exists");
    }

    private static LedgerRuleViolation transferNotFound(TransferId id) {
        return new LedgerRuleViolation(LedgerErrorCode.TRANSFER_NOT_FOUND, "No transfer " + id);
    }

    private Optional<TransferView> find(TransferId id) {
        return Optional.ofNullable(queries.query(new FindTransfer(id), TransferView.class)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
    }

    /**
     * Subscribes before reading, so an update that lands between the read and the subscription is not
     * missed, then returns at the first view that is {@code done}, or the latest one once the wait is over. The read
     * that the subscription starts with is the only one when the transfer is done already.
     */
    private Optional<TransferView> awaitUntil(TransferId id, Duration wait, Caller caller,
                                                 Predicate<TransferView> done) {
        try (SubscriptionQueryResult<TransferView, TransferView> subscription = queries.subscriptionQuery(
                new FindTransfer(id), TransferView.class, TransferView.class)) {
            Optional<TransferView> initial = subscription.initialResult().timeout(READ_TIMEOUT).blockOptional();
            // Nobody waits on a transfer they may not see (the caller answers "not found"); one not in the read
            // model yet may still turn out theirs.
            if (initial.isPresent() && (done.test(initial.get()) || !visible(initial.get(), caller))) {
                return initial;
            }
            TransferView terminal = subscription.updates()
                    .filter(done)
                    .next()
                    .timeout(wait)
                    .onErrorResume(TimeoutException.class, timeout -> Mono.empty())
                    .block();
            return terminal != null ? Optional.of(terminal) : find(id);
        }
    }
}
