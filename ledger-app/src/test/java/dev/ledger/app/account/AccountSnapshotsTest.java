package dev.ledger.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerApiTest;
import dev.ledger.app.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Accounts are snapshotted as the ledger runs, and an account loaded from its snapshot decides as the full replay
 * would. A cache of one account makes every command on two alternating accounts load its account from the store.
 */
@LedgerApiTest
@TestPropertySource(properties = {"ledger.accounts.snapshot-threshold=3", "ledger.accounts.cache-size=1"})
class AccountSnapshotsTest {

    @Autowired
    JdbcTemplate database;

    @Test
    void accountsLoadedFromTheirSnapshotsKeepCountingFromWhereTheyWere(LedgerClient ledger) {
        String first = ledger.openAccount("alice", "EUR");
        String second = ledger.openAccount("bob", "EUR");
        for (int deposit = 1; deposit <= 10; deposit++) {
            for (String account : new String[] {first, second}) {
                LedgerClient.Response answer = ledger.post("/api/accounts/" + account + "/deposits",
                        "{\"amount\":" + deposit + "}");
                assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                assertThat(answer.json().path("balanceAfter").asLong()).as(answer.raw())
                        .isEqualTo(deposit * (deposit + 1L) / 2);
            }
        }
        LedgerClient.Response withdrawal = ledger.post("/api/accounts/" + first + "/withdrawals", "{\"amount\":56}");
        assertThat(withdrawal.status()).as(withdrawal.raw()).isEqualTo(422);

        assertThat(snapshotsOf(first)).isPositive();
        assertThat(snapshotsOf(second)).isPositive();
    }

    private int snapshotsOf(String account) {
        return database.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Integer.class, account);
    }
}
