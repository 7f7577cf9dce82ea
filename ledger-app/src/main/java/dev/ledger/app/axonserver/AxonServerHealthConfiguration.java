package dev.ledger.app.axonserver;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link AxonServerHealthIndicator} whenever Axon's Axon Server connector is active: under the same
 * condition as Axon's own autoconfiguration, which treats a missing {@code axon.axonserver.enabled} as enabled.
 * {@code management.health.axonserver.enabled=false} switches the indicator off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
class AxonServerHealthConfiguration {

    @Bean
    @ConditionalOnEnabledHealthIndicator("axonserver")
    AxonServerHealthIndicator axonServerHealthIndicator(AxonServerConnectionManager connectionManager) {
        return new AxonServerHealthIndicator(connectionManager);
    }
}
