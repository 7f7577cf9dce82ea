package dev.ledger.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerApiTest;
import dev.ledger.app.LedgerClient;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/accounts}: in id order, one cursor page at a time, filtered, and a customer's own only. */
@LedgerApiTest
class AccountListingTest {

    private final LedgerClient ledger;

    AccountListingTest(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Test
    void pagesThroughAnOwnersAccountsInIdOrderWithoutGapsOrDuplicates() {
        String owner = "dora" + System.nanoTime();
        List<String> opened = Stream.generate(() -> ledger.openAccount(owner, "EUR")).limit(5).sorted().toList();
        LedgerClient.eventually(() -> ledger.get("/api/accounts?owner=" + owner).json().path("items").size(),
                size -> size == 5);

        assertThat(accountIds(allPages(ledger, "/api/accounts?owner=" + owner + "&limit=2")))
                .containsExactlyElementsOf(opened);
    }

    @Test
    void staffListEveryAccountAndFilterByStatusAndCurrency() {
        String owner = "emil" + System.nanoTime();
        String euros = ledger.openAccount(owner, "EUR");
        String dollars = ledger.openAccount(owner, "USD");
        String frozen = ledger.openAccount(owner, "EUR");
        assertThat(ledger.post("/api/accounts/" + frozen + "/freeze", "").status()).isEqualTo(204);
        LedgerClient teller = ledger.as("teller");
        LedgerClient.eventually(() -> teller.get("/api/accounts?owner=" + owner + "&status=FROZEN").json()
                .path("items").size(), size -> size == 1);

        List<JsonNode> everyone = allPages(teller, "/api/accounts?limit=200");
        assertThat(accountIds(everyone)).doesNotHaveDuplicates().contains(euros, dollars, frozen)
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(accountIds(allPages(teller, "/api/accounts?owner=" + owner + "&status=FROZEN")))
                .containsExactly(frozen);
        assertThat(accountIds(allPages(teller, "/api/accounts?owner=" + owner + "&currency=USD")))
                .containsExactly(dollars);
        assertThat(accountIds(allPages(teller, "/api/accounts?owner=" + owner + "&currency=EUR&status=OPEN")))
                .containsExactly(euros);
        assertThat(allPages(teller, "/api/accounts?currency=USD&limit=200"))
                .allSatisfy(account -> assertThat(account.path("currency").asString()).isEqualTo("USD"));
    }

    @Test
    void aCustomerListsOnlyItsOwnAccountsWhateverTheFilter() {
        ledger.openAccount("bob", "USD");
        String alices = ledger.openAccount("alice", "USD");
        LedgerClient alice = ledger.as("alice");
        LedgerClient.eventually(() -> accountIds(allPages(alice, "/api/accounts?currency=USD")),
                ids -> ids.contains(alices));

        assertThat(allPages(alice, "/api/accounts?currency=USD&limit=1")).isNotEmpty()
                .allSatisfy(account -> assertThat(account.path("owner").asString()).isEqualTo("alice"));
        assertThat(allPages(alice, "/api/accounts?owner=bob")).isEmpty();
    }

    @Test
    void refusesACursorItDidNotGiveOutAndFiltersThatMeanNothing() {
        for (String query : List.of("cursor=!!!", "cursor=YSBi", "limit=0", "limit=201", "status=SLEEPING",
                "currency=XAU", "currency=euro")) {
            LedgerClient.Response refused = ledger.get("/api/accounts?" + query);
            assertThat(refused.status()).as(query + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
    }

    /** Every account of the listing, each page holding the same accounts under the contract's name, content. */
    private static List<JsonNode> allPages(LedgerClient client, String path) {
        LedgerClient.Response first = client.get(path);
        assertThat(first.json().path("content")).isEqualTo(first.json().path("items"));
        return client.allPages(path);
    }

    private static List<String> accountIds(List<JsonNode> accounts) {
        return accounts.stream().map(account -> account.path("accountId").asString()).toList();
    }
}
