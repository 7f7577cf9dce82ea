package dev.ledger.account;

import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What a long history costs an account: the time to load one with {@code ledger.bench.events} events (100,000 by
 * default) from a JDBC event store, replayed in full and then from a snapshot, and the heap the loaded account holds.
 * A benchmark, not a test: it asserts nothing and prints its figures. Run it with
 * <pre>
 * ./mvnw -q -pl account test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
 *     -Dmdep.includeScope=test
 * java -Xmx2g -cp account/target/test-classes:account/target/classes:$(cat account/target/bench.classpath) \
 *     dev.ledger.account.AccountLoadBench
 * </pre>
 */
public final class AccountLoadBench {

    private static final AccountId ACCOUNT = new AccountId("acc-long-history");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int EVENTS = Integer.getInteger("ledger.bench.events", 100_000);
    private static final int LOADS = 5;
    /** Over how many days the history was written: the account remembers the legs of the last week only. */
    private static final int DAYS = Integer.getInteger("ledger.bench.days", 100);

    private AccountLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:account-load;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        JacksonSerializer serializer = LoadedAccounts.ledgerSerializer();
        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(database))
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .build();
        storage.createSchema(PostgresEventTableFactory.INSTANCE);
        appendTheHistory(storage);
        var configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(configuration -> serializer)
                .configureEmbeddedEventStore(configuration -> storage);
        new AccountModule(NoCache.INSTANCE, Integer.MAX_VALUE).configureModule(configurer);
        Configuration axon = configurer.start();

        Figures replayed = measure(axon);
        axon.snapshotter().scheduleSnapshot(Account.class, ACCOUNT.value());
        Figures fromSnapshot = measure(axon);
        axon.shutdown();

        System.out.printf("ACCOUNT LOAD: %,d events over %d days, %,d transfers remembered;"
                        + " full replay: median %,d ms (of %s), account holds %,d KiB;"
                        + " from a snapshot: median %,d ms (of %s), account holds %,d KiB; load %.0fx faster%n",
                EVENTS, DAYS, replayed.legsRemembered(), replayed.medianMillis(), replayed.millis(), replayed.heapKib(),
                fromSnapshot.medianMillis(), fromSnapshot.millis(), fromSnapshot.heapKib(),
                (double) replayed.medianMicros() / Math.max(1, fromSnapshot.medianMicros()));
    }

    /** Half credits and a quarter debits, each of its own transfer, and a quarter deposits: the legs are remembered. */
    private static void appendTheHistory(JdbcEventStorageEngine storage) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        long balance = 0;
        for (long sequence = 0; sequence < EVENTS; sequence++) {
            Object event;
            if (sequence == 0) {
                event = new AccountOpened(ACCOUNT, "owner", Money.currencyOf("EUR"), eur(0));
            } else if (sequence % 4 == 1) {
                balance -= 1;
                event = new AccountDebited(ACCOUNT, new TransferId("debit-" + sequence), eur(1), eur(balance));
            } else if (sequence % 4 == 2) {
                balance += 5;
                event = new MoneyDeposited(ACCOUNT, null, eur(5), "cash", eur(balance));
            } else {
                balance += 1;
                event = new AccountCredited(ACCOUNT, new TransferId("credit-" + sequence), eur(1), eur(balance));
            }
            Instant at = START.plus(Duration.ofDays(DAYS).multipliedBy(sequence).dividedBy(EVENTS));
            batch.add(new GenericDomainEventMessage<>("Account", ACCOUNT.value(), sequence, event,
                    MetaData.emptyInstance(), IdentifierFactory.getInstance().generateIdentifier(), at));
            if (batch.size() == 1_000) {
                storage.appendEvents(batch);
                batch.clear();
            }
        }
        storage.appendEvents(batch);
    }

    private static Figures measure(Configuration axon) {
        long[] micros = new long[LOADS];
        long heap = 0;
        int legsRemembered = 0;
        for (int load = 0; load < LOADS; load++) {
            long before = usedHeapAfterGc();
            long started = System.nanoTime();
            Account account = LoadedAccounts.load(axon, ACCOUNT);
            micros[load] = (System.nanoTime() - started) / 1_000;
            heap = usedHeapAfterGc() - before;
            if (account == null) {
                throw new IllegalStateException("No account loaded");
            }
            legsRemembered = account.legsRemembered();
        }
        return new Figures(micros, heap, legsRemembered);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            ManagementFactory.getMemoryMXBean().gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Money eur(long cents) {
        return Money.of(cents, "EUR");
    }

    /** The loads' times, the heap still used while the last loaded account was held, and the legs it remembered. */
    private record Figures(long[] micros, long heapBytes, int legsRemembered) {

        long medianMicros() {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        long medianMillis() {
            return medianMicros() / 1_000;
        }

        String millis() {
            return Arrays.toString(Arrays.stream(micros).map(m -> m / 1_000).toArray());
        }

        long heapKib() {
            return heapBytes / 1_024;
        }
    }
}
