package dev.ledger.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Plugs the accounts into an Axon configuration: the event-sourced {@link Account} aggregate, which takes every
 * command that moves money in or out of an account.
 *
 * <p>A cache spares each command a replay of the account's stream. It is there for speed, not correctness: with
 * several nodes, a cached account that another node has moved on appends at a sequence number that is taken, the
 * append fails as a conflict, the failed unit of work evicts the entry, and the command is retried on a fresh load.
 *
 * <p>A snapshot every {@code snapshotThreshold} events bounds what a load replays, whether the account was evicted
 * from the cache, another node moved it on, or the node restarted: a busy account otherwise replays its whole life.
 * Snapshots are the account's own serialized state, so they need the configuration's serializer to carry its fields.
 */
public class AccountModule implements ConfigurerModule {

    /** Events between snapshots when none is configured: a load then replays at most this many. */
    public static final int DEFAULT_SNAPSHOT_THRESHOLD = 500;

    private final Cache accountCache;
    private final int snapshotThreshold;

    /** Without a cache, and with a snapshot every {@link #DEFAULT_SNAPSHOT_THRESHOLD} events. */
    public AccountModule() {
        this(NoCache.INSTANCE, DEFAULT_SNAPSHOT_THRESHOLD);
    }

    /**
     * @param accountCache      holds loaded accounts between commands; {@link NoCache#INSTANCE} for none
     * @param snapshotThreshold how many events an account takes before its state is snapshotted again
     */
    public AccountModule(Cache accountCache, int snapshotThreshold) {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("The snapshot threshold must be 1 or more, not " + snapshotThreshold);
        }
        this.accountCache = accountCache;
        this.snapshotThreshold = snapshotThreshold;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Account.class)
                .configureCache(configuration -> accountCache)
                .configureSnapshotTrigger(configuration -> new EventCountSnapshotTriggerDefinition(
                        snapshotter(configuration), snapshotThreshold)));
    }

    /**
     * A snapshotter of its own: the one Spring Boot configures only knows aggregates that are Spring beans, and
     * refuses this one, which Axon's configuration registers.
     */
    private static Snapshotter snapshotter(Configuration configuration) {
        return AggregateSnapshotter.builder()
                .eventStore(configuration.eventStore())
                .aggregateFactories(configuration.aggregateConfiguration(Account.class).aggregateFactory())
                .transactionManager(configuration.getComponent(TransactionManager.class, NoTransactionManager::instance))
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(Account.class))
                .build();
    }
}
