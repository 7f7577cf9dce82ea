package dev.ledger.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the ledger leaves in PostgreSQL after real traffic: everything (events, tokens, sagas, read models) in
 * plain tables with bytea payloads, no large objects (which Hibernate's {@code oid} mapping of Axon's entities
 * would leak), a Flyway history that applied every migration in order, and an event index with a sequence of
 * its own that hands out one number at a time. Runs only when the suite runs on PostgreSQL under the
 * {@code postgres} profile, as {@code .ci/run}'s second pass does.
 */
@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*")
@EnabledIfEnvironmentVariable(named = "SPRING_PROFILES_ACTIVE", matches = "(.*,)?postgres(,.*)?")
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStorageTest {

    private static final List<String> PROCESSORS = List.of("account-view", "statement", "transfer-view",
            "transfer-saga");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    String alice;
    String bob;
    String completed;
    String refunded;

    @BeforeAll
    void driveTraffic() {
        LedgerClient ledger = new LedgerClient(port, environment);
        alice = ledger.openAccount("alice", "EUR");
        bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);
        completed = ledger.transfer(alice, bob, 2_500, "EUR");
        assertThat(ledger.awaitTransfer(completed).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ledger.post("/api/accounts/" + bob + "/freeze", "").status()).isEqualTo(204);
        refunded = ledger.transfer(alice, bob, 1_000, "EUR");
        assertThat(ledger.awaitTransfer(refunded).path("status").asString()).isEqualTo("REFUNDED");
        assertThat(ledger.balanceOnceSettled(alice, 7_500)).isEqualTo(7_500);
    }

    @Test
    void eventsTokensAndReadModelsAreStoredInPostgres() {
        assertThat(count("select count(*) from domain_event_entry where aggregate_identifier in (?, ?)", alice, bob))
                .as("AccountOpened x2, MoneyDeposited, debit and credit, frozen, debit, credit refused, refund")
                .isEqualTo(9);
        assertThat(jdbc.queryForList("select distinct processor_name from token_entry", String.class))
                .containsAll(PROCESSORS);
        assertThat(jdbc.queryForObject("select balance from account_view where account_id = ?", Long.class, alice))
                .isEqualTo(7_500);
        assertThat(jdbc.queryForList("select status from transfer_view where transfer_id in (?, ?) order by status",
                String.class, completed, refunded)).containsExactly("COMPLETED", "REFUNDED");
    }

    @Test
    void noLargeObjectIsEverCreated() {
        assertThat(count("select count(*) from pg_largeobject_metadata")).isZero();
        assertThat(jdbc.queryForList("select table_name || '.' || column_name from information_schema.columns"
                + " where table_schema = current_schema() and data_type in ('oid', 'lo')", String.class)).isEmpty();
    }

    @Test
    void everySerializedPayloadIsBytea() {
        List<Map<String, Object>> columns = jdbc.queryForList("select table_name || '.' || column_name as name,"
                + " data_type from information_schema.columns where table_schema = current_schema()"
                + " and column_name in ('payload', 'meta_data', 'token', 'serialized_saga', 'task_data', 'diagnostics')");

        assertThat(columns).extracting(column -> column.get("name")).contains(
                "domain_event_entry.payload", "domain_event_entry.meta_data",
                "snapshot_event_entry.payload", "snapshot_event_entry.meta_data",
                "token_entry.token", "saga_entry.serialized_saga", "scheduled_tasks.task_data",
                "dead_letter_entry.payload", "dead_letter_entry.meta_data", "dead_letter_entry.token",
                "dead_letter_entry.diagnostics");
        assertThat(columns).allSatisfy(column -> assertThat(column.get("data_type")).as("%s", column.get("name"))
                .isEqualTo("bytea"));
    }

    @Test
    void flywayAppliedEveryMigrationSuccessfullyAndInOrder() throws IOException {
        List<Map<String, Object>> history = jdbc.queryForList(
                "select version, type, success from flyway_schema_history order by installed_rank");

        assertThat(history).extracting(applied -> applied.get("version")).containsExactlyElementsOf(migrationsShipped());
        assertThat(history).allSatisfy(applied -> {
            assertThat(applied.get("type")).isEqualTo("SQL");
            assertThat(applied.get("success")).isEqualTo(true);
        });
    }

    @Test
    void theEventIndexHasASequenceOfItsOwnThatHandsOutOneNumberAtATime() {
        String sequence = "domain_event_entry_global_index_seq";

        assertThat(jdbc.queryForObject("select column_default from information_schema.columns"
                + " where table_schema = current_schema() and table_name = 'domain_event_entry'"
                + " and column_name = 'global_index'", String.class)).isEqualTo("nextval('" + sequence + "'::regclass)");
        assertThat(count("select count(*) from information_schema.columns where table_schema = current_schema()"
                + " and column_default like ?", "%" + sequence + "%")).as("columns drawing on the sequence").isOne();
        assertThat(jdbc.queryForMap("select increment_by, cache_size from pg_sequences"
                + " where schemaname = current_schema() and sequencename = ?", sequence))
                .containsEntry("increment_by", 1L)
                .containsEntry("cache_size", 1L);
    }

    @Test
    void aSessionIdleInATransactionIsEndedByTheServer() {
        assertThat(jdbc.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("1min");
    }

    /** The versions of the migration scripts in the application, in version order. */
    private static List<String> migrationsShipped() throws IOException {
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
        return Arrays.stream(scripts)
                .map(script -> Objects.requireNonNull(script.getFilename()))
                .map(name -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")).replace('_', '.')))
                .sorted()
                .map(MigrationVersion::getVersion)
                .toList();
    }

    private long count(String sql, Object... arguments) {
        return Objects.requireNonNull(jdbc.queryForObject(sql, Long.class, arguments));
    }
}
