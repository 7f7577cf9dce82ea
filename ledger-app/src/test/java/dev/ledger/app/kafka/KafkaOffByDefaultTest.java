package dev.ledger.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The embedded default (no profile) has no Kafka bridge: no producer factory, so no Kafka client is ever created
 * and nothing tries to reach a broker, no publisher processor, and Axon Kafka's token store has not replaced
 * the JDBC one. Same context as the other default-profile integration tests, so it is started once.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOffByDefaultTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokenStore;

    @Test
    void theDefaultRunHasNoKafkaClientNoPublisherAndKeepsItsJdbcTokenStore() {
        assertThat(context.getBeanNamesForType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ConsumerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaPublisher.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaMessageConverter.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaPublisherLag.class)).isEmpty();
        assertThat(processing.eventProcessors()).doesNotContainKey(KafkaBridgeConfiguration.PROCESSING_GROUP);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }
}
