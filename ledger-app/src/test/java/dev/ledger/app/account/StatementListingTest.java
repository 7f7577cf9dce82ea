package dev.ledger.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerApiTest;
import dev.ledger.app.LedgerClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The statement between two instants, by offset as the contract has it, or one cursor page at a time. */
@LedgerApiTest
class StatementListingTest {

    LedgerClient ledger;
    String account;
    List<JsonNode> statement;

    @BeforeEach
    void depositFiveTimes(LedgerClient ledger) {
        this.ledger = ledger;
        account = ledger.openAccount("alice", "EUR");
        for (int deposit = 1; deposit <= 5; deposit++) {
            ledger.deposit(account, deposit);
            LedgerClient.instantBeforeTheNextEvent(); // distinct timestamps, so that a bound falls between two entries
        }
        JsonNode settled = LedgerClient.eventually(() -> ledger.get("/api/accounts/" + account + "/transactions")
                .json(), page -> page.path("content").size() == 5);
        statement = new ArrayList<>();
        settled.path("content").forEach(statement::add);
    }

    @Test
    void pagesThroughTheStatementNewestFirstWithoutGapsOrDuplicates() {
        assertThat(entryIds(ledger.allPages("/api/accounts/" + account + "/transactions?limit=2")))
                .containsExactlyElementsOf(entryIds(statement));
        assertThat(statement.stream().map(entry -> entry.path("amount").asLong()).toList())
                .containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void keepsToTheEntriesFromAndBeforeTheGivenInstants() {
        Instant second = timestamp(statement.get(3));
        Instant fourth = timestamp(statement.get(1));
        String range = "from=" + second + "&to=" + fourth;
        List<String> expected = entryIds(statement.subList(2, 4));

        assertThat(entryIds(ledger.allPages("/api/accounts/" + account + "/transactions?limit=1&" + range)))
                .containsExactlyElementsOf(expected);
        JsonNode offset = ledger.get("/api/accounts/" + account + "/transactions?size=10&" + range).json();
        assertThat(offset.path("content").findValuesAsString("entryId")).containsExactlyElementsOf(expected);
        assertThat(offset.path("page").path("totalElements").asLong()).isEqualTo(2);
        assertThat(entryIds(ledger.allPages("/api/accounts/" + account + "/transactions?limit=50&from=" + fourth)))
                .containsExactlyElementsOf(entryIds(statement.subList(0, 2)));
    }

    @Test
    void refusesACursorItDidNotGiveOutAndInstantsItCannotRead() {
        for (String query : List.of("cursor=eHl6", "cursor=!!", "limit=0", "from=today",
                "to=2026-13-01T00:00:00Z", "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")) {
            LedgerClient.Response refused = ledger.get("/api/accounts/" + account + "/transactions?" + query);
            assertThat(refused.status()).as(query + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(ledger.as("bob").get("/api/accounts/" + account + "/transactions?limit=5").status())
                .isEqualTo(404);
    }

    private static Instant timestamp(JsonNode entry) {
        return Instant.parse(entry.path("timestamp").asString());
    }

    private static List<String> entryIds(List<JsonNode> entries) {
        return entries.stream().map(entry -> entry.path("entryId").asString()).toList();
    }
}
