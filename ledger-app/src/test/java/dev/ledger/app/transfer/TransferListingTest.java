package dev.ledger.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerApiTest;
import dev.ledger.app.LedgerClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/transfers}: newest first, one cursor page at a time, filtered, and a customer's own only. */
@LedgerApiTest
class TransferListingTest {

    private final LedgerClient ledger;

    TransferListingTest(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Test
    void pagesThroughAnAccountsTransfersNewestFirstWithoutGapsOrDuplicates() {
        String source = ledger.openAccount("alice", "EUR");
        String destination = ledger.openAccount("bob", "EUR");
        ledger.deposit(source, 10_000);
        Set<String> requested = new HashSet<>();
        for (int amount = 1; amount <= 7; amount++) {
            requested.add(ledger.awaitTransfer(ledger.transfer(source, destination, amount, "EUR"))
                    .path("transferId").asString());
        }

        List<JsonNode> listed = ledger.allPages("/api/transfers?accountId=" + source + "&limit=2");

        List<String> ids = listed.stream().map(item -> item.path("transferId").asString()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(requested);
        assertThat(listed).isSortedAccordingTo(Comparator.<JsonNode, Instant>comparing(
                        item -> Instant.parse(item.path("requestedAt").asString()))
                .thenComparing(item -> item.path("transferId").asString()).reversed());
        assertThat(listed.get(0).path("steps").findValuesAsString("name")).contains("TransferCompleted");
        assertThat(ledger.allPages("/api/transfers?accountId=" + destination)).hasSize(7);
    }

    @Test
    void filtersByStatusAndRequestTime() {
        String source = ledger.openAccount("alice", "EUR");
        String destination = ledger.openAccount("bob", "EUR");
        ledger.deposit(source, 100);
        String completed = ledger.awaitTransfer(ledger.transfer(source, destination, 60, "EUR"))
                .path("transferId").asString();
        JsonNode failed = ledger.awaitTransfer(ledger.transfer(source, destination, 60, "EUR"));
        String failedId = failed.path("transferId").asString();
        Instant failedAt = Instant.parse(get("/api/transfers/" + failedId).path("requestedAt").asString());

        assertThat(ids(ledger.allPages("/api/transfers?accountId=" + source + "&status=FAILED")))
                .containsExactly(failedId);
        assertThat(ids(ledger.allPages("/api/transfers?accountId=" + source + "&status=COMPLETED")))
                .containsExactly(completed);
        assertThat(ids(ledger.allPages("/api/transfers?accountId=" + source + "&from=" + failedAt)))
                .containsExactly(failedId);
        assertThat(ids(ledger.allPages("/api/transfers?accountId=" + source + "&to=" + failedAt)))
                .containsExactly(completed);
        assertThat(ids(ledger.allPages("/api/transfers?status=FAILED&from=" + failedAt + "&to="
                + failedAt.plusMillis(1))))
                .contains(failedId).doesNotContain(completed);
    }

    @Test
    void aCustomerListsOnlyTransfersTouchingItsOwnAccounts() {
        String alices = ledger.openAccount("alice", "EUR");
        String bobs = ledger.openAccount("bob", "EUR");
        String carols = ledger.openAccount("carol", "EUR");
        ledger.deposit(bobs, 1_000);
        String toAlice = ledger.awaitTransfer(ledger.transfer(bobs, alices, 10, "EUR")).path("transferId").asString();
        String toCarol = ledger.awaitTransfer(ledger.transfer(bobs, carols, 10, "EUR")).path("transferId").asString();
        LedgerClient alice = ledger.as("alice");
        // Every page of her accounts: other classes on this database open accounts for alice too.
        Set<String> alicesAccounts = new HashSet<>(alice.allPages("/api/accounts?limit=200").stream()
                .map(account -> account.path("accountId").asString()).toList());

        List<JsonNode> listed = alice.allPages("/api/transfers?limit=200");

        assertThat(ids(listed)).contains(toAlice).doesNotContain(toCarol);
        assertThat(listed).allSatisfy(item -> assertThat(Set.of(item.path("sourceAccountId").asString(),
                item.path("destinationAccountId").asString())).containsAnyElementsOf(alicesAccounts));
        LedgerClient.Response others = alice.get("/api/transfers?accountId=" + carols);
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(ids(ledger.as("bob").allPages("/api/transfers?accountId=" + bobs))).contains(toAlice, toCarol);
    }

    @Test
    void refusesACursorItDidNotGiveOutAndLimitsOutOfRange() {
        for (String query : List.of("cursor=not-a-cursor", "cursor=" + UUID.randomUUID(), "cursor=eA", "limit=0",
                "limit=201", "status=LOST", "from=yesterday", "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")) {
            LedgerClient.Response refused = ledger.get("/api/transfers?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void showsTheReferenceOfATransfer() {
        String source = ledger.openAccount("alice", "EUR");
        String destination = ledger.openAccount("bob", "EUR");
        ledger.deposit(source, 100);
        LedgerClient.Response requested = ledger.post("/api/transfers", "{\"sourceAccountId\":\"" + source
                        + "\",\"destinationAccountId\":\"" + destination
                        + "\",\"amount\":5,\"currency\":\"EUR\",\"reference\":\"Invoice 2026/11 – café\"}",
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        assertThat(requested.json().path("reference").asString()).isEqualTo("Invoice 2026/11 – café");
        String transferId = requested.json().path("transferId").asString();

        assertThat(ledger.awaitTransfer(transferId).path("reference").asString()).isEqualTo("Invoice 2026/11 – café");
        assertThat(ledger.allPages("/api/transfers?accountId=" + source).get(0).path("reference").asString())
                .isEqualTo("Invoice 2026/11 – café");
    }

    private JsonNode get(String path) {
        LedgerClient.Response response = ledger.get(path);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.path("transferId").asString()).toList();
    }
}
