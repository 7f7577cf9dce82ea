package dev.ledger.app.account;

import static dev.ledger.app.web.InvalidRequest.pathParameter;
import static dev.ledger.app.web.InvalidRequest.queryParameter;
import static dev.ledger.app.web.InvalidRequest.whenInvalid;

import dev.ledger.account.AccountDirectory;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.CashMovementReceipt;
import dev.ledger.api.account.CloseAccount;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.api.account.FreezeAccount;
import dev.ledger.api.account.MovementId;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.account.UnfreezeAccount;
import dev.ledger.api.account.WithdrawMoney;
import dev.ledger.api.account.query.AccountPage;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.FindAccount;
import dev.ledger.api.account.query.ListAccounts;
import dev.ledger.api.account.query.ListStatementEntries;
import dev.ledger.api.account.query.ListStatementSlice;
import dev.ledger.api.account.query.StatementPage;
import dev.ledger.api.account.query.StatementSlice;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.app.account.AccountRequests.CashRequest;
import dev.ledger.app.account.AccountRequests.OpenAccountRequest;
import dev.ledger.app.account.AccountResponses.AccountList;
import dev.ledger.app.account.AccountResponses.AccountResponse;
import dev.ledger.app.account.AccountResponses.CashMovementResponse;
import dev.ledger.app.account.AccountResponses.StatementResponse;
import dev.ledger.app.account.AccountResponses.StatementSliceResponse;
import dev.ledger.app.correlation.RequestCorrelation;
import dev.ledger.app.idempotency.IdempotentRequests;
import dev.ledger.app.security.Caller;
import dev.ledger.app.web.Cursor;
import dev.ledger.app.web.InvalidRequest;
import dev.ledger.app.web.QueryParameters;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
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

/**
 * The account resources of the REST contract. Writes are commands, acknowledged once their events are
 * stored; reads are queries against the read model, which follows eventually.
 */
@RestController
@RequestMapping(path = "/api/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountController {

    private static final int MAX_PAGE_SIZE = 200;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AccountDirectory directory;
    private final IdempotentRequests idempotentRequests;

    AccountController(CommandGateway commands, QueryGateway queries, AccountDirectory directory,
                      IdempotentRequests idempotentRequests) {
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountResponse> open(@RequestBody OpenAccountRequest request, Caller caller) {
        OpenAccount open = whenInvalid(() -> request.toCommand(caller));
        refuseWhatTheCallerMayNotSet(open, request);
        try {
            commands.sendAndWait(open);
        } catch (AggregateStreamCreationException e) {
            throw new LedgerRuleViolation(LedgerErrorCode.ACCOUNT_EXISTS, "Account " + open.accountId() + " exists");
        }
        // The read model may not have it yet; the state right after opening is known exactly.
        AccountResponse opened = new AccountResponse(open.accountId().value(), open.owner(),
                open.currency().getCurrencyCode(), 0, 0, 0, open.overdraftLimit().minorUnits(),
                AccountStatus.OPEN.name());
        return ResponseEntity.created(URI.create("/api/accounts/" + opened.accountId())).body(opened);
    }

    /**
     * Property-level authorization (OWASP API3): the route lets a customer open accounts, and this keeps it to
     * its own, without an overdraft, under an id of its own. It is decided from the request alone, before any
     * account is looked at, so the answer is the same whether or not someone else holds the id. The account
     * holds the opening to the same rule on owner and overdraft.
     */
    private static void refuseWhatTheCallerMayNotSet(OpenAccount open, OpenAccountRequest request) {
        open.propertyNotAllowed().or(() -> request.idNotAllowedFor(open.openedBy())).ifPresent(reason -> {
            throw new LedgerRuleViolation(LedgerErrorCode.PROPERTY_NOT_ALLOWED, "Opening refused: " + reason);
        });
    }

    @GetMapping("/{accountId}")
    AccountResponse get(@PathVariable String accountId, Caller caller) {
        return AccountResponse.of(find(accountIdOf(accountId), caller));
    }

    /**
     * Lists accounts in id order, one keyset page at a time, filtered by owner, status and currency. Staff list
     * any owner's, or everyone's; a customer lists its own, and another owner's list is empty for it.
     */
    @GetMapping
    AccountList list(@RequestParam(required = false) String owner,
                     @RequestParam(required = false) String status,
                     @RequestParam(required = false) String currency,
                     @RequestParam(required = false) String cursor,
                     @RequestParam(required = false) Integer limit, Caller caller) {
        AccountStatus inStatus = QueryParameters.constant("status", status, AccountStatus.class);
        Currency inCurrency = currency == null ? null : queryParameter("currency", () -> Money.currencyOf(currency));
        int size = Cursor.limit(limit);
        List<String> after = Cursor.parts(cursor, 1);
        AccountId position = after == null ? null : queryParameter("cursor", () -> new AccountId(after.get(0)));
        String listed = owner == null && !caller.readsEverything() ? caller.principal() : owner;
        if (listed != null && !caller.mayRead(listed)) {
            return AccountList.of(new AccountPage(List.of(), null));
        }
        return AccountList.of(queries.query(new ListAccounts(listed, inStatus, inCurrency, position, size),
                AccountPage.class).join());
    }

    @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = CashMovementResponse.class)))
    @PostMapping(path = "/{accountId}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> deposit(@PathVariable String accountId, @RequestBody CashRequest request,
                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                              Caller caller) {
        AccountId id = accountIdOf(accountId);
        Money amount = whenInvalid(() -> request.amountIn(currencyOf(id)));
        return once(caller, idempotencyKey, "POST deposit " + id + " " + request, movementId -> {
            CashMovementReceipt receipt = commands.sendAndWait(new DepositMoney(id, movementId, amount,
                    request.reference()));
            return ResponseEntity.ok(cashMovement(id, "DEPOSIT", amount, request.reference(), receipt));
        });
    }

    @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = CashMovementResponse.class)))
    @PostMapping(path = "/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> withdraw(@PathVariable String accountId, @RequestBody CashRequest request,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                               Caller caller) {
        AccountId id = accountIdOf(accountId);
        Money amount = whenInvalid(() -> request.amountIn(currencyOf(id)));
        return once(caller, idempotencyKey, "POST withdrawal " + id + " " + request, movementId -> {
            CashMovementReceipt receipt = commands.sendAndWait(new WithdrawMoney(id, movementId, amount,
                    request.reference()));
            return ResponseEntity.ok(cashMovement(id, "WITHDRAWAL", amount, request.reference(), receipt));
        });
    }

    /**
     * The entry id is the event's identifier, as the statement shows it; the event store answers it at once, where
     * the statement would follow only eventually.
     */
    private CashMovementResponse cashMovement(AccountId id, String type, Money amount, String reference,
                                              CashMovementReceipt receipt) {
        String entryId = directory.eventIdentifier(id, receipt.sequenceNumber()).orElseThrow(() ->
                new IllegalStateException("No event " + receipt.sequenceNumber() + " on account " + id));
        return CashMovementResponse.of(id, type, amount, reference, entryId, receipt.balanceAfter(),
                RequestCorrelation.current().orElse(null));
    }

    /**
     * Cash movements are idempotent when the client sends a key; the contract makes it optional for them. With a key,
     * the movement is named by the request's identity, the same on every attempt, so that the account applies it once
     * even when an attempt's answer was lost; without one it has no name, and each request is a movement of its own.
     */
    private ResponseEntity<?> once(Caller caller, String idempotencyKey, String request,
                                   Function<MovementId, ResponseEntity<?>> movement) {
        return idempotencyKey == null ? movement.apply(null)
                : idempotentRequests.execute(caller.principal(), idempotencyKey, request,
                        identity -> movement.apply(new MovementId(identity)));
    }

    @PostMapping("/{accountId}/freeze")
    ResponseEntity<Void> freeze(@PathVariable String accountId) {
        commands.sendAndWait(new FreezeAccount(accountIdOf(accountId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{accountId}/unfreeze")
    ResponseEntity<Void> unfreeze(@PathVariable String accountId) {
        commands.sendAndWait(new UnfreezeAccount(accountIdOf(accountId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{accountId}/close")
    ResponseEntity<Void> close(@PathVariable String accountId) {
        commands.sendAndWait(new CloseAccount(accountIdOf(accountId)));
        return ResponseEntity.noContent().build();
    }

    /**
     * The statement, newest entry first, optionally between {@code from} (inclusive) and {@code to} (exclusive).
     * With {@code cursor} or {@code limit} it pages by keyset and answers {@code items} and {@code nextCursor};
     * otherwise by offset, as the contract has it, with {@code content} and {@code page}. Posted entries only, as
     * before holds existed, unless {@code includePending}: then also holds and their releases, marked pending.
     */
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(
            oneOf = {StatementResponse.class, StatementSliceResponse.class})))
    @GetMapping("/{accountId}/transactions")
    Object transactions(@PathVariable String accountId,
                        @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "50") int size,
                        @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(defaultValue = "false") boolean includePending, Caller caller) {
        AccountId id = accountIdOf(accountId);
        Instant since = QueryParameters.instant("from", from);
        Instant until = QueryParameters.instant("to", to);
        QueryParameters.requireRange(since, until);
        if (cursor != null || limit != null) {
            int most = Cursor.limit(limit);
            List<String> after = Cursor.parts(cursor, 1);
            Long before = after == null ? null : Cursor.number(after.get(0));
            find(id, caller);
            return StatementSliceResponse.of(queries.query(
                    new ListStatementSlice(id, since, until, before, most, includePending), StatementSlice.class)
                    .join());
        }
        InvalidRequest.requirePage(page, size, MAX_PAGE_SIZE);
        find(id, caller);
        return StatementResponse.of(queries.query(
                new ListStatementEntries(id, page, size, since, until, includePending), StatementPage.class).join());
    }

    private AccountView find(AccountId id, Caller caller) {
        Optional<AccountView> view = Optional.ofNullable(queries.query(new FindAccount(id), AccountView.class).join());
        return view.filter(found -> caller.mayRead(found.owner())).orElseThrow(() -> notFound(id));
    }

    private Currency currencyOf(AccountId id) {
        return directory.opening(id).map(AccountOpened::currency).orElseThrow(() -> notFound(id));
    }

    private static AccountId accountIdOf(String raw) {
        return pathParameter("accountId", () -> new AccountId(raw));
    }

    private static LedgerRuleViolation notFound(AccountId id) {
        return new LedgerRuleViolation(LedgerErrorCode.ACCOUNT_NOT_FOUND, "No account " + id);
    }
}
