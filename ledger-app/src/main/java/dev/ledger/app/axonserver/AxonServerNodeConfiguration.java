package dev.ledger.app.axonserver;

import dev.ledger.app.config.ProcessorSettings;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a ledger node on Axon Server adds: its connection's health ({@link AxonServerHealthIndicator}) and the
 * spreading of event-processor segments over the nodes ({@link SegmentBalancer}), and a token store identifier that
 * nodes starting together agree on ({@link TokenStoreIdentifier}). Active under the same condition as
 * Axon's own autoconfiguration, which treats a missing {@code axon.axonserver.enabled} as enabled.
 * {@code management.health.axonserver.enabled=false} switches the indicator off,
 * {@code ledger.processors.balance-interval} ({@link ProcessorSettings}) sets how often the balancer looks. The rest
 * of the processing policy is described in {@code config.EventProcessingPolicy}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
class AxonServerNodeConfiguration {

    @Bean
    @ConditionalOnEnabledHealthIndicator("axonserver")
    AxonServerHealthIndicator axonServerHealthIndicator(AxonServerConnectionManager connectionManager) {
        return new AxonServerHealthIndicator(connectionManager);
    }

    @Bean
    ConfigurerModule tokenStoreIdentifierBeforeProcessors() {
        return new TokenStoreIdentifier();
    }

    @Bean(destroyMethod = "close")
    SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore,
                                    TransactionManager transactionManager, AxonServerConnectionManager connections,
                                    AxonServerConfiguration axonServer,
                                    ProcessorSettings processors) {
        return new SegmentBalancer(processing, tokenStore, transactionManager, connections, axonServer,
                processors.balanceInterval());
    }
}
