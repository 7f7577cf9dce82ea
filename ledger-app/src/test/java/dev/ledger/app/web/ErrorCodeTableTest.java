package dev.ledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.error.LedgerErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error-code table of {@code docs/api.md} is the union of {@link LedgerErrorCode} and {@link RequestErrorCode},
 * each with the status it is answered with, so that the documented contract cannot drift from the code.
 */
class ErrorCodeTableTest {

    /** Surefire runs in the module's directory; the contract lives at the repository's root. */
    private static final Path CONTRACT = Path.of("..", "docs", "api.md");

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\w+) \\|");

    @Test
    void listsEveryCodeOfBothEnumsWithItsStatus() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        Arrays.stream(LedgerErrorCode.values())
                .forEach(code -> expected.put(code.name(), String.valueOf(ProblemResponses.statusOf(code).value())));
        Arrays.stream(RequestErrorCode.values())
                .forEach(code -> expected.put(code.name(), code == RequestErrorCode.REQUEST_REJECTED ? "4xx"
                        : String.valueOf(code.status().value())));

        assertThat(documentedCodes()).isEqualTo(expected);
    }

    @Test
    void theReadmePointsAtTheContractInTheRepository() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).contains("docs/api.md").doesNotContain("shared/API.md");
    }

    private static Map<String, String> documentedCodes() throws IOException {
        String contract = Files.readString(CONTRACT);
        String table = contract.substring(contract.indexOf("\n## Error codes"));
        int next = table.indexOf("\n## ", 1);
        Map<String, String> documented = new TreeMap<>();
        try (Stream<String> lines = (next < 0 ? table : table.substring(0, next)).lines()) {
            lines.map(ROW::matcher).filter(Matcher::find)
                    .forEach(row -> assertThat(documented.put(row.group(1), row.group(2))).as(row.group(1)).isNull());
        }
        return documented;
    }
}
