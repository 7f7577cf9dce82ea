package dev.ledger.app.audit;

import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the audit's settings; its components are found by scanning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditSettings.class)
class AuditConfiguration {

    /**
     * The books projection updates totals shared by every account, so its events form one sequence: however many
     * segments its processor is given, one thread applies them all, in the event store's order. Named by the
     * {@code books} processor's block in {@code application.yml}.
     */
    @Bean
    SequentialPolicy booksSequencingPolicy() {
        return new SequentialPolicy();
    }
}
