package dev.ledger.app.config;

import dev.ledger.account.AccountModule;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.accounts.*}: how the account aggregate is kept in memory and snapshotted.
 *
 * @param cacheSize         how many accounts stay loaded between commands, least recently used out first; held
 *                          strongly, because an entry a collector cleared would be replayed on the saga's thread
 * @param snapshotThreshold after how many events an account is snapshotted, so that a load replays a bounded tail
 */
@Validated
@ConfigurationProperties("ledger.accounts")
record AccountSettings(@DefaultValue("20000") @Positive int cacheSize,
                       @DefaultValue("" + AccountModule.DEFAULT_SNAPSHOT_THRESHOLD) @Positive int snapshotThreshold) {
}
