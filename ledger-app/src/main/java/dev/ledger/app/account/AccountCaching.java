package dev.ledger.app.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded accounts in memory between commands. Without it every command replays the account's whole stream,
 * so a command costs time in proportion to the account's history: a busy account slowed down with every
 * transfer it took part in (ledger-bench measured 7 deposits/s on an account with 800 events).
 *
 * <p>It is safe with several nodes: a cached account that another node has moved on appends at a sequence number
 * that is taken, the append fails as a conflict, the failed unit of work evicts the entry, and the command is
 * retried on a fresh load ({@code TransientFailureRetry}). Weak references let the collector reclaim idle accounts.
 */
@Configuration(proxyBeanMethods = false)
class AccountCaching {

    static final String NAME = "accountCache";

    @Bean(NAME)
    Cache accountCache() {
        return new WeakReferenceCache();
    }
}
