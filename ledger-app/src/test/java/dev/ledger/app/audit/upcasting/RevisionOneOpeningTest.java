package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.money.Money;
import dev.ledger.app.LedgerClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An account opened before overdrafts existed: its {@code AccountOpened} is stored at revision 1 without an
 * {@code overdraftLimit}, as the ledger wrote it then, and every reader sees revision 2 with a zero limit.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevisionOneOpeningTest {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Test
    void anAccountOpenedAtRevisionOneIsReadWithAZeroOverdraftAndWorksAsAnyOther() {
        String accountId = "legacy-" + UUID.randomUUID();
        storeRevisionOneOpening(accountId, "{\"accountId\":{\"value\":\"" + accountId + "\"},\"owner\":\"olga\","
                + "\"currency\":\"EUR\"}");

        Object opening = eventStore.readEvents(accountId, 0).next().getPayload();
        assertThat(opening).isEqualTo(new AccountOpened(new AccountId(accountId), "olga", Money.currencyOf("EUR"),
                Money.of(0, "EUR")));

        LedgerClient ledger = new LedgerClient(port, environment);
        JsonNode history = ledger.get("/api/accounts/" + accountId + "/history").json();
        assertThat(history.path("currency").asString()).isEqualTo("EUR");
        assertThat(history.path("events").get(0).path("type").asString()).isEqualTo("AccountOpened");
        JsonNode view = LedgerClient.eventually(() -> ledger.get("/api/accounts/" + accountId).json(),
                account -> account.has("overdraftLimit"));
        assertThat(view.path("overdraftLimit").asLong()).as(view.toString()).isZero();
        ledger.deposit(accountId, 500);
        LedgerClient.Response overdrawn = ledger.post("/api/accounts/" + accountId + "/withdrawals",
                "{\"amount\":501}");
        assertThat(overdrawn.code()).as("no overdraft: the limit is zero").isEqualTo("INSUFFICIENT_FUNDS");
    }

    /** Writes the row as the JDBC event store does, so that only the revision and the payload are old. */
    private void storeRevisionOneOpening(String accountId, String payload) {
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, 0, 'Account', ?, ?, ?, '1', 'dev.ledger.api.account.AccountOpened', ?)",
                accountId, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), DateTimeUtils.formatInstant(Instant.now()));
    }
}
