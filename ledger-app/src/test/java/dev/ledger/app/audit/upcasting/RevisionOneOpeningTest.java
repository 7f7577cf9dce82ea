package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.access.Requester;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
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
 * {@code overdraftLimit}, as the ledger wrote it then, and every reader sees revision 2 with a zero limit. Likewise
 * transfers requested before requesters, and before two-phase transfers: a {@code TransferRequested} stored at
 * revision 1 or 2 is read, through the application's chain of upcasters in its order, as revision 3 moving its money
 * at once.
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

    @Test
    void transfersRequestedAtRevisionsOneAndTwoAreReadAsRevisionThreeMovingTheirMoneyAtOnce() {
        String one = "legacy-" + UUID.randomUUID();
        String two = "legacy-" + UUID.randomUUID();
        String request = "\"sourceAccountId\":{\"value\":\"a-1\"},\"destinationAccountId\":{\"value\":\"a-2\"},"
                + "\"amount\":{\"minorUnits\":700,\"currency\":\"EUR\"},\"reference\":null";
        storeFirstEvent(one, "Transfer", "dev.ledger.api.transfer.TransferRequested", "1",
                "{\"transferId\":{\"value\":\"" + one + "\"}," + request + "}");
        storeFirstEvent(two, "Transfer", "dev.ledger.api.transfer.TransferRequested", "2",
                "{\"transferId\":{\"value\":\"" + two + "\"}," + request
                        + ",\"requestedBy\":{\"principal\":\"alice\",\"scope\":\"OWN_ACCOUNTS\"}}");

        assertThat(eventStore.readEvents(one, 0).next().getPayload()).isEqualTo(new TransferRequested(
                new TransferId(one), new AccountId("a-1"), new AccountId("a-2"), Money.of(700, "EUR"), null,
                Requester.unrecorded(), CaptureMode.AUTOMATIC, null));
        assertThat(eventStore.readEvents(two, 0).next().getPayload()).isEqualTo(new TransferRequested(
                new TransferId(two), new AccountId("a-1"), new AccountId("a-2"), Money.of(700, "EUR"), null,
                Requester.owner("alice"), CaptureMode.AUTOMATIC, null));
    }

    private void storeRevisionOneOpening(String accountId, String payload) {
        storeFirstEvent(accountId, "Account", "dev.ledger.api.account.AccountOpened", "1", payload);
    }

    /** Writes the row as the JDBC event store does, so that only the revision and the payload are old. */
    private void storeFirstEvent(String aggregateId, String aggregateType, String payloadType, String revision,
                                 String payload) {
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)",
                aggregateId, aggregateType, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), revision, payloadType,
                DateTimeUtils.formatInstant(Instant.now()));
    }
}
