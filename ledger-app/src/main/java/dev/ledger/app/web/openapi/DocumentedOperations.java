package dev.ledger.app.web.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one table of what each REST operation is called in the OpenAPI document and which statuses it answers.
 * It is keyed by method and path rather than by handler method, so the controllers carry no documentation and
 * renaming a handler changes nothing here. {@code OpenApiDocumentTest} fails for an operation missing from it, and
 * drives real requests to check that every status seen is listed.
 */
final class DocumentedOperations {

    static final String ACCOUNTS = "Accounts";
    static final String TRANSFERS = "Transfers";
    static final String AUDIT = "Audit";
    static final String ADMIN = "Admin";
    static final String REVIEWS = "Reviews";

    /** Every operation can be refused for its credentials or its role, and can fail inside the ledger. */
    static final Set<Integer> ALWAYS = Set.of(401, 403, 500);

    /** The tag an operation missing from the table gets, by the resource its path starts with. */
    private static final Map<String, String> TAG_BY_PREFIX = Map.of(
            "/api/accounts", ACCOUNTS, "/api/transfers", TRANSFERS, "/api/audit", AUDIT, "/api/admin", ADMIN);

    /**
     * What an operation not in the table is documented with, until someone adds it: the statuses every route of
     * that method can give. 503 is answered when a node that was to handle a command or query went away.
     */
    private static final Map<String, Set<Integer>> DEFAULT_STATUSES = Map.of(
            "GET", Set.of(200, 400, 404, 503),
            "POST", Set.of(200, 400, 404, 409, 413, 415, 422, 503),
            "PUT", Set.of(200, 400, 404, 409, 413, 415, 422, 503),
            "PATCH", Set.of(200, 400, 404, 409, 413, 415, 422, 503),
            "DELETE", Set.of(204, 400, 404, 409, 503));

    private static final List<Documented> OPERATIONS = List.of(
            op("POST /api/accounts", "openAccount", ACCOUNTS, "Open an account",
                    "Opens an account at a zero balance. A customer opens for itself, without an overdraft, and chooses"
                            + " only ids of its own such as alice-eur; staff name the owner.",
                    201, 400, 409, 413, 415, 503),
            op("GET /api/accounts", "listAccounts", ACCOUNTS, "List accounts",
                    "Accounts in id order, one keyset page at a time (cursor, limit), filtered by owner, status and"
                            + " currency. A customer lists its own; staff list any owner's, or everyone's.",
                    200, 400, 503),
            op("GET /api/accounts/{accountId}", "findAccount", ACCOUNTS, "Read an account",
                    "The account from the read model, which follows the event store eventually.", 200, 400, 404, 503),
            op("POST /api/accounts/{accountId}/deposits", "depositMoney", ACCOUNTS, "Deposit cash",
                    "Cash in from outside the ledger. With an Idempotency-Key the deposit takes effect at most once.",
                    200, 400, 404, 409, 413, 415, 422, 503),
            op("POST /api/accounts/{accountId}/withdrawals", "withdrawMoney", ACCOUNTS, "Withdraw cash",
                    "Cash out of the ledger, up to the balance plus the overdraft. With an Idempotency-Key the"
                            + " withdrawal takes effect at most once.",
                    200, 400, 404, 409, 413, 415, 422, 503),
            op("POST /api/accounts/{accountId}/freeze", "freezeAccount", ACCOUNTS, "Freeze an account",
                    "A frozen account can be neither debited nor credited.", 204, 400, 404, 422, 503),
            op("POST /api/accounts/{accountId}/unfreeze", "unfreezeAccount", ACCOUNTS, "Unfreeze an account",
                    "Lets a frozen account move money again.", 204, 400, 404, 422, 503),
            op("POST /api/accounts/{accountId}/close", "closeAccount", ACCOUNTS, "Close an account",
                    "Closes an account whose balance is zero, for good.", 204, 400, 404, 422, 503),
            op("GET /api/accounts/{accountId}/transactions", "listAccountTransactions", ACCOUNTS,
                    "Read an account's statement", "The account's entries from the read model, newest first, within from"
                            + " (inclusive) and to (exclusive): by page and size, or by cursor and limit.",
                    200, 400, 404, 503),
            op("POST /api/transfers", "requestTransfer", TRANSFERS, "Request a transfer",
                    "Checks the request against the source account and hands it to the transfer saga: 202 with the"
                            + " transfer as requested. With waitSeconds, 200 with the ended transfer if it ends in"
                            + " time. The same Idempotency-Key with the same body replays the first answer. With"
                            + " capture MANUAL the amount is only held on the source until the transfer is captured,"
                            + " voided or expires (expiresAt), and the wait ends when it is AUTHORIZED.",
                    200, 202, 400, 404, 409, 413, 415, 422, 503),
            op("POST /api/transfers/{transferId}/capture", "captureTransfer", TRANSFERS,
                    "Capture an authorized transfer",
                    "Moves an AUTHORIZED transfer's money: all of the hold, or the amount in the body, at most the"
                            + " authorized one; the rest is released. Once per transfer: a second capture or a void"
                            + " after it is 409, unless it replays the first with the same Idempotency-Key. For the"
                            + " transfer's requester and staff. With waitSeconds, 200 once the transfer has ended.",
                    200, 202, 400, 404, 409, 413, 415, 422, 503),
            op("POST /api/transfers/{transferId}/void", "voidTransfer", TRANSFERS, "Void an authorized transfer",
                    "Releases an AUTHORIZED transfer's hold; it ends VOIDED and nothing moves. Refused with 409"
                            + " once the transfer was captured, voided or expired. For the transfer's requester and"
                            + " staff. With waitSeconds, 200 once the transfer has ended.",
                    200, 202, 400, 404, 409, 503),
            op("GET /api/transfers", "listTransfers", TRANSFERS, "List transfers",
                    "Transfers newest first, one keyset page at a time (cursor, limit), filtered by accountId, status"
                            + " and the request time (from inclusive, to exclusive). A customer lists those touching"
                            + " its own accounts.",
                    200, 400, 404, 503),
            op("GET /api/transfers/{transferId}", "findTransfer", TRANSFERS, "Read a transfer",
                    "The transfer's status from the read model. With waitSeconds, answers as soon as the transfer"
                            + " has ended or rests AUTHORIZED, or with its status when the wait is over.",
                    200, 400, 404, 503),
            op("GET /api/accounts/{accountId}/history", "readAccountHistory", AUDIT, "Read an account's history",
                    "Every event of the account, from the event store, oldest first.", 200, 400, 404, 503),
            op("GET /api/accounts/{accountId}/balance", "readBalanceAsOf", AUDIT, "Read a balance as of an instant",
                    "The balance replayed from the event store up to asOf, or now without it.", 200, 400, 404, 503),
            op("GET /api/audit/verify", "verifyBooks", AUDIT, "Verify the books",
                    "Rebuilds every account from its events, compares it with the read model, and checks that money"
                            + " is conserved per currency; then holds the books projection against that replay.",
                    200),
            op("GET /api/audit/books", "checkBooks", AUDIT, "Check the books incrementally",
                    "The same report as verify, read from the books projection instead of replaying the event store.",
                    200),
            op("GET /api/admin/projections", "listProjections", ADMIN, "List the read models",
                    "Each streaming processor and how far it has caught up with the event store.", 200),
            op("POST /api/admin/projections/{name}/rebuild", "rebuildProjection", ADMIN, "Rebuild a read model",
                    "Resets the read model's processor on this node and replays it from the event store. Sagas and"
                            + " publishers are never replayed.",
                    202, 400),
            op("GET /api/admin/dead-letters", "listDeadLetters", ADMIN, "List parked events",
                    "Events that a read model could not handle, parked for retry.", 200),
            op("POST /api/admin/dead-letters/{processingGroup}/retry", "retryDeadLetters", ADMIN,
                    "Retry a read model's parked events",
                    "Retries every parked sequence of the read model once; what fails again stays parked.", 202, 400),
            op("GET /api/admin/reviews", "listReviews", REVIEWS, "List the transfers in manual review",
                    "Transfers stopped in MANUAL_REVIEW, newest request first, one keyset page at a time: why each"
                            + " stopped, its timeline, what each account's own stream says about each leg (TAKEN,"
                            + " REFUSED or NEVER_SEEN), the actions that evidence supports, and a proposal awaiting"
                            + " approval. For admins and auditors.",
                    200, 400, 503),
            op("GET /api/admin/reviews/{transferId}", "findReview", REVIEWS, "Read a transfer's review case",
                    "One entry of the queue, its evidence read from the event store now.", 200, 400, 404, 409, 503),
            op("POST /api/admin/reviews/{transferId}/resolutions", "resolveReview", REVIEWS,
                    "Resolve a transfer in manual review",
                    "An admin's action (retry, refund, complete or fail) with a mandatory reason, checked against the"
                            + " accounts' streams read now: 422 when they contradict it. Retry and fail run at once;"
                            + " refund and complete are proposed, 202 AWAITING_APPROVAL, until another admin approves"
                            + " them before they expire. Recorded with the admin's principal, the reason and the"
                            + " evidence.",
                    202, 400, 404, 409, 413, 415, 422, 503),
            op("POST /api/admin/reviews/{transferId}/resolutions/{resolutionId}/approve", "approveResolution",
                    REVIEWS, "Approve a proposed resolution",
                    "A second admin, not the proposer (403 FOUR_EYES_REQUIRED), approves a refund or completion"
                            + " before it expires (409 RESOLUTION_PROPOSAL_EXPIRED); the streams are read and checked"
                            + " again, and the resolution runs.",
                    202, 400, 404, 409, 413, 415, 422, 503));

    private static final Map<String, Documented> BY_ROUTE = OPERATIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Documented::route, Function.identity()));

    private DocumentedOperations() {
    }

    /**
     * How an operation is documented.
     *
     * @param route       the HTTP method, a space, and the path template, as in the document
     * @param operationId named for what the operation does
     * @param statuses    every status it answers, including {@link #ALWAYS}
     */
    record Documented(String route, String operationId, String tag, String summary, String description,
                      Set<Integer> statuses) {

        Documented {
            statuses = Set.copyOf(statuses);
        }

        Set<Integer> successes() {
            return statuses.stream().filter(status -> status < 300).collect(Collectors.toCollection(TreeSet::new));
        }

        Set<Integer> failures() {
            return statuses.stream().filter(status -> status >= 400).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The table's entry for a route, if it has one. */
    static Optional<Documented> of(String method, String path) {
        return Optional.ofNullable(BY_ROUTE.get(route(method, path)));
    }

    /**
     * The entry for a route the table does not know yet: documented by its method's defaults, under the tag of its
     * resource, keeping the operationId and summary that springdoc gave it.
     */
    static Documented byDefault(String method, String path, String operationId, String summary) {
        String tag = TAG_BY_PREFIX.entrySet().stream()
                .filter(prefix -> path.startsWith(prefix.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(ADMIN);
        Set<Integer> statuses = new TreeSet<>(DEFAULT_STATUSES.getOrDefault(method, DEFAULT_STATUSES.get("POST")));
        statuses.addAll(ALWAYS);
        return new Documented(route(method, path), operationId, tag,
                summary == null ? method + " " + path : summary, null, statuses);
    }

    static List<Documented> all() {
        return OPERATIONS;
    }

    static String route(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    private static Documented op(String route, String operationId, String tag, String summary, String description,
                                 int... statuses) {
        Set<Integer> all = IntStream.of(statuses).boxed().collect(Collectors.toCollection(TreeSet::new));
        all.addAll(ALWAYS);
        return new Documented(route, operationId, tag, summary, description, all);
    }
}
