package dev.ledger.app.web.openapi;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.app.web.RequestErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Every value the {@code code} of a problem+json body can take, for the Problem schema's enum. */
final class ProblemCodes {

    private ProblemCodes() {
    }

    static List<String> all() {
        return Stream.concat(Arrays.stream(LedgerErrorCode.values()), Arrays.stream(RequestErrorCode.values()))
                .map(Enum::name)
                .distinct()
                .toList();
    }
}
