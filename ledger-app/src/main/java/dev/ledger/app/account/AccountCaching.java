package dev.ledger.app.account;

import dev.ledger.app.caching.LeastRecentlyUsedCache;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded accounts in memory between commands. Without it every command replays the account's whole stream,
 * so a command costs time in proportion to the account's history: a busy account slowed down with every
 * transfer it took part in (measurements in docs/performance.md).
 *
 * <p>It is safe with several nodes: a cached account that another node has moved on appends at a sequence number
 * that is taken, the append fails as a conflict, the failed unit of work evicts the entry, and the command is
 * retried on a fresh load ({@code TransientFailureRetry}).
 *
 * <p>The cache holds accounts strongly, up to {@code ledger.accounts.cache-size} (default 20,000), and evicts the
 * least recently used. It held them by weak reference before, and every young collection cleared them, so the
 * saga spent much of its time replaying accounts it had just loaded (docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class AccountCaching {

    static final String NAME = "accountCache";

    @Bean(NAME)
    Cache accountCache(@Value("${ledger.accounts.cache-size:20000}") int capacity) {
        return new LeastRecentlyUsedCache(capacity);
    }
}
