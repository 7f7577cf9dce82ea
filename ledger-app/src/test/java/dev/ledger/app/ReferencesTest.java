package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A client's reference, given with a transfer, a deposit or a withdrawal, is shown wherever the movement is: on the
 * transfer, on the statement and in the history. One that is too long or not printable is refused before anything
 * moves.
 */
@LedgerApiTest
class ReferencesTest {

    private final LedgerClient ledger;

    ReferencesTest(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Test
    void showsEveryReferenceOnTheStatementAndInTheHistory() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        assertThat(ledger.post("/api/accounts/" + alice + "/deposits", "{\"amount\":1000,\"reference\":\"salary\"}")
                .status()).isEqualTo(200);
        assertThat(ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":100,\"reference\":\"atm\"}")
                .status()).isEqualTo(200);
        LedgerClient.Response requested = ledger.post("/api/transfers", "{\"sourceAccountId\":\"" + alice
                + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":50,\"currency\":\"EUR\","
                + "\"reference\":\"rent – november\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(ledger.awaitTransfer(requested.json().path("transferId").asString()).path("status").asString())
                .isEqualTo("COMPLETED");

        JsonNode statement = LedgerClient.eventually(() -> ledger.get("/api/accounts/" + alice + "/transactions")
                .json(), page -> page.path("content").size() == 3 && page.path("content").get(0).has("reference"));
        assertThat(statement.path("content").findValuesAsString("reference"))
                .containsExactly("rent – november", "atm", "salary");
        JsonNode credited = LedgerClient.eventually(() -> ledger.get("/api/accounts/" + bob + "/transactions").json(),
                page -> page.path("content").size() == 1 && page.path("content").get(0).has("reference"));
        assertThat(credited.path("content").get(0).path("reference").asString()).isEqualTo("rent – november");

        JsonNode history = ledger.get("/api/accounts/" + alice + "/history").json();
        assertThat(history.path("events").findValuesAsString("reference"))
                .containsExactly("salary", "atm", "rent – november");
        assertThat(ledger.get("/api/accounts/" + bob + "/history").json().path("events")
                .findValuesAsString("reference")).containsExactly("rent – november");
    }

    @Test
    void refusesAReferenceTooLongOrNotPrintableOnEveryMovement() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 1_000);
        for (String reference : List.of("x".repeat(141), "two\\nlines", "bell\\u0007", "\\u202Egnp.exe")) {
            String field = "\"reference\":\"" + reference + "\"";
            List<LedgerClient.Response> refused = List.of(
                    ledger.post("/api/accounts/" + alice + "/deposits", "{\"amount\":1," + field + "}"),
                    ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":1," + field + "}"),
                    ledger.post("/api/transfers", "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                            + bob + "\",\"amount\":1,\"currency\":\"EUR\"," + field + "}",
                            "Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(refused).allSatisfy(response -> {
                assertThat(response.status()).as(response.raw()).isEqualTo(400);
                assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
                assertThat(response.json().path("detail").asString()).contains("reference");
            });
        }
        assertThat(ledger.balanceOnceSettled(alice, 1_000)).isEqualTo(1_000);
    }
}
