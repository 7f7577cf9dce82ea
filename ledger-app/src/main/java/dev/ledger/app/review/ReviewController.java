package dev.ledger.app.review;

import static dev.ledger.app.web.InvalidRequest.pathParameter;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.FindTransfer;
import dev.ledger.api.transfer.query.ListTransfers;
import dev.ledger.api.transfer.query.TransferPage;
import dev.ledger.api.transfer.query.TransferView;
import dev.ledger.api.transfer.review.ApproveTransferResolution;
import dev.ledger.api.transfer.review.ResolveTransferReview;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.app.config.ReviewSettings;
import dev.ledger.app.review.ReviewResponses.Resolution;
import dev.ledger.app.review.ReviewResponses.ResolutionState;
import dev.ledger.app.review.ReviewResponses.ReviewEntry;
import dev.ledger.app.review.ReviewResponses.ReviewPage;
import dev.ledger.app.security.Caller;
import dev.ledger.app.transfer.TransferCursor;
import dev.ledger.app.web.InputError;
import dev.ledger.app.web.Cursor;
import dev.ledger.app.web.InvalidRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manual-review queue and its resolutions. The queue lists the transfers in {@code MANUAL_REVIEW}, each with the
 * evidence its accounts' streams hold; an admin resolves one with a reason, and the transfer checks the action
 * against the evidence read at that moment. A refund or completion is only proposed, until another admin approves
 * it. A request sent again is refused with a code by the transfer, which takes one resolution per review, so nothing
 * runs twice.
 */
@RestController
@RequestMapping(path = "/api/admin/reviews", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewController {

    private static final int MAX_REASON_LENGTH = ResolveTransferReview.MAX_REASON_LENGTH;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ReviewController.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReviewCases cases;
    private final ReviewSettings settings;

    ReviewController(CommandGateway commands, QueryGateway queries, ReviewCases cases, ReviewSettings settings) {
        this.commands = commands;
        this.queries = queries;
        this.cases = cases;
        this.settings = settings;
    }

    /** The body of a resolution: the action, and the admin's reason, which is mandatory. */
    record ResolutionRequest(String action, String reason) {
    }

    /** The body of an approval; its reason is optional. */
    record ApprovalRequest(String reason) {
    }

    /**
     * The transfers in review, newest request first, one keyset page at a time. The status comes from the transfer
     * read model; each entry's evidence from the event store.
     */
    @GetMapping
    ReviewPage list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Cursor.limit(limit);
        TransferPage page = queries.query(new ListTransfers(null, null, TransferStatus.MANUAL_REVIEW, null, null,
                        TransferCursor.after(cursor), size), TransferPage.class)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        List<ReviewEntry> entries = new ArrayList<>();
        for (TransferView view : page.items()) {
            cases.find(view.transferId()).ifPresent(found -> entries.add(ReviewEntry.of(found, view)));
        }
        return new ReviewPage(entries, TransferCursor.next(page));
    }

    @GetMapping("/{transferId}")
    ReviewEntry get(@PathVariable String transferId) {
        ReviewCase review = inReview(pathParameter("transferId", () -> new TransferId(transferId)));
        return ReviewEntry.of(review, find(review.transferId()));
    }

    /** Runs a retry or a failure at once, or proposes a refund or completion for a second admin: {@code 202}. */
    @PostMapping(path = "/{transferId}/resolutions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Resolution> resolve(@PathVariable String transferId, @RequestBody ResolutionRequest body,
                                       Caller caller) {
        TransferId id = pathParameter("transferId", () -> new TransferId(transferId));
        ReviewAction action = action(body.action());
        String reason = reason(body.reason(), true);
        ReviewCase review = inReview(id);
        String resolutionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(settings.proposalTtl());
        audited(caller, action + " of " + id, () -> commands.sendAndWait(new ResolveTransferReview(id, resolutionId,
                action, reason, caller.principal(),
                review.evidence(), expiresAt)));
        Resolution resolution = action.needsFourEyes()
                ? new Resolution(resolutionId, id.value(), ReviewResponses.actionName(action),
                        ResolutionState.AWAITING_APPROVAL, reason, caller.principal(), now, expiresAt, null, null)
                : new Resolution(resolutionId, id.value(), ReviewResponses.actionName(action),
                        ResolutionState.APPLIED, reason, caller.principal(), now, null, null, now);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(resolution);
    }

    /** A second admin approves a proposed refund or completion, which then runs: {@code 202}. */
    @PostMapping(path = "/{transferId}/resolutions/{resolutionId}/approve")
    ResponseEntity<Resolution> approve(@PathVariable String transferId, @PathVariable String resolutionId,
                                       @RequestBody(required = false) ApprovalRequest body, Caller caller) {
        TransferId id = pathParameter("transferId", () -> new TransferId(transferId));
        String reason = body == null ? null : reason(body.reason(), false);
        ReviewCase review = inReview(id);
        audited(caller, "approval of " + resolutionId + " for " + id, () -> commands.sendAndWait(
                new ApproveTransferResolution(id, resolutionId, caller.principal(), reason,
                        review.evidence())));
        Instant now = Instant.now();
        var proposal = review.proposal();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Resolution(resolutionId, id.value(),
                ReviewResponses.actionName(proposal.action()), ResolutionState.APPLIED, proposal.reason(),
                proposal.proposedBy(), proposal.evidence().checkedAt(), proposal.expiresAt(), caller.principal(),
                now));
    }

    /**
     * What the transfer accepts is recorded in its events; what it refuses is not, so the log keeps it, with who
     * tried: an admin approving its own proposal, or acting against the evidence, is worth an operator's eye.
     */
    private static void audited(Caller caller, String attempt, Runnable command) {
        try {
            command.run();
            log.info("Manual review: {} by {} accepted", attempt, caller.principal());
        } catch (LedgerRuleViolation refused) {
            log.warn("Manual review: {} by {} refused: {}", attempt, caller.principal(), refused.code());
            throw refused;
        }
    }

    private ReviewCase inReview(TransferId id) {
        ReviewCase review = cases.find(id).orElseThrow(() -> new LedgerRuleViolation(
                LedgerErrorCode.TRANSFER_NOT_FOUND, "No transfer " + id));
        if (!review.inReview()) {
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_NOT_IN_REVIEW,
                    "Transfer " + id + " is not in MANUAL_REVIEW");
        }
        return review;
    }

    private TransferView find(TransferId id) {
        return queries.query(new FindTransfer(id), TransferView.class)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static ReviewAction action(String action) {
        for (ReviewAction known : ReviewAction.values()) {
            if (ReviewResponses.actionName(known).equals(action)) {
                return known;
            }
        }
        throw new InvalidRequest(InputError.body("action", "action must be one of retry, refund, complete, fail"));
    }

    private static String reason(String reason, boolean required) {
        if (reason == null || reason.isBlank()) {
            if (required) {
                throw new InvalidRequest(InputError.body("reason", "a reason is required"));
            }
            return null;
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidRequest(InputError.body("reason",
                    "reason must be at most " + MAX_REASON_LENGTH + " characters"));
        }
        return reason.strip();
    }
}
