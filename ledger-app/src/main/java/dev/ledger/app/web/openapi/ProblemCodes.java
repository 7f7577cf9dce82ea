package dev.ledger.app.web.openapi;

import dev.ledger.api.error.LedgerErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Every value the {@code code} of a problem+json body can take, for the Problem schema's enum. */
final class ProblemCodes {

    /**
     * The codes the web layer answers with (ProblemResponses, SecurityProblems, IdempotentRequests, the admin
     * controllers), as opposed to broken business rules.
     */
    // replaced by RequestErrorCode.values() when merged
    private static final List<String> WEB_CODES = List.of("VALIDATION_FAILED", "IDEMPOTENCY_KEY_MISSING",
            "IDEMPOTENCY_KEY_REUSED", "CONCURRENT_REQUEST", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE",
            "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "REQUEST_REJECTED",
            "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "PROJECTION_NOT_FOUND", "PROJECTION_NOT_REBUILDABLE");

    private ProblemCodes() {
    }

    static List<String> all() {
        return Stream.concat(Arrays.stream(LedgerErrorCode.values()).map(Enum::name), WEB_CODES.stream())
                .distinct()
                .toList();
    }
}
