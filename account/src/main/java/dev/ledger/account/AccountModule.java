package dev.ledger.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Plugs the accounts into an Axon configuration: the event-sourced {@link Account} aggregate, which takes every
 * command that moves money in or out of an account.
 *
 * <p>A cache spares each command a replay of the account's stream. It is there for speed, not correctness: with
 * several nodes, a cached account that another node has moved on appends at a sequence number that is taken, the
 * append fails as a conflict, the failed unit of work evicts the entry, and the command is retried on a fresh load.
 */
public class AccountModule implements ConfigurerModule {

    private final Cache accountCache;

    /** Without a cache: every command replays its account. */
    public AccountModule() {
        this(NoCache.INSTANCE);
    }

    /** @param accountCache holds loaded accounts between commands; {@link NoCache#INSTANCE} for none. */
    public AccountModule(Cache accountCache) {
        this.accountCache = accountCache;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Account.class)
                .configureCache(configuration -> accountCache));
    }
}
