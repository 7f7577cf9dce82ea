package dev.ledger.app.audit;

import static dev.ledger.app.web.InvalidRequest.pathParameter;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.account.AccountDirectory;
import dev.ledger.app.audit.AuditResponses.BalanceResponse;
import dev.ledger.app.audit.AuditResponses.HistoryResponse;
import dev.ledger.app.security.Caller;
import dev.ledger.app.web.InputError;
import dev.ledger.app.web.InvalidRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit resources: an account's history and its balance at an instant, both replayed from the event store,
 * and the verification of the whole ledger against its read models, in full or from the books projection.
 */
@RestController
class AuditController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final AccountHistory history;
    private final BooksMonitor books;
    private final AccountDirectory directory;

    AuditController(AccountHistory history, BooksMonitor books, AccountDirectory directory) {
        this.history = history;
        this.books = books;
        this.directory = directory;
    }

    @GetMapping(path = "/api/accounts/{accountId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    HistoryResponse history(@PathVariable String accountId,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "100") int size, Caller caller) {
        AccountId id = visibleAccount(accountId, caller);
        InvalidRequest.requirePage(page, size, MAX_PAGE_SIZE);
        return history.page(id, page, size)
                .map(found -> HistoryResponse.of(id, found, page, size))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * Without {@code asOf}, the balance now: the event store's answer, to hold against the read model's. An
     * instant still to come also answers the balance now, which may yet change.
     */
    @GetMapping(path = "/api/accounts/{accountId}/balance", produces = MediaType.APPLICATION_JSON_VALUE)
    BalanceResponse balance(@PathVariable String accountId, @RequestParam(required = false) String asOf,
                            Caller caller) {
        AccountId id = visibleAccount(accountId, caller);
        Instant instant = asOf == null ? Instant.now() : instantOf(asOf);
        return history.balanceAt(id, instant)
                .map(balances -> BalanceResponse.of(id, instant, balances))
                .orElseThrow(() -> new LedgerRuleViolation(LedgerErrorCode.ACCOUNT_NOT_FOUND,
                        "No account " + id + " as of " + instant));
    }

    /**
     * Replays the whole event store on every call, and holds the books projection against it; the health
     * indicator and metrics use a cached result.
     */
    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    BooksReport verify() {
        return books.verifyNow();
    }

    /** The incremental audit, now: the same report, from the books projection, without reading the event store. */
    @GetMapping(path = "/api/audit/books", produces = MediaType.APPLICATION_JSON_VALUE)
    BooksReport check() {
        return books.checkNow();
    }

    private static Instant instantOf(String asOf) {
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(InputError.query("asOf", "asOf must be an ISO-8601 instant such as 2026-11-23T10:00:00Z"));
        }
    }

    /** Auditors read every account's history; a customer only its own, and another's is not found. */
    private AccountId visibleAccount(String raw, Caller caller) {
        AccountId id = pathParameter("accountId", () -> new AccountId(raw));
        if (!caller.readsEverything() && directory.opening(id).filter(caller::maySee).isEmpty()) {
            throw notFound(id);
        }
        return id;
    }

    private static LedgerRuleViolation notFound(AccountId id) {
        return new LedgerRuleViolation(LedgerErrorCode.ACCOUNT_NOT_FOUND, "No account " + id);
    }
}
