package dev.ledger.app.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka bridge (profile {@code kafka}): a tracking processor named {@value #PROCESSING_GROUP} reads the
 * event store and publishes the {@linkplain PublicEvents public events} to Kafka. Axon Kafka's
 * autoconfiguration supplies the producer factory, the message converter (JSON value, {@code axon-*} headers,
 * the aggregate identifier as key) and the processor; this class routes the events to their topics, lets only
 * {@linkplain MetadataAllowList allow-listed metadata} out as headers, sets the acknowledgement timeout, and
 * refuses settings that could lose an event.
 *
 * <p>Delivery is at least once. The processor's token only moves past an event once the broker has
 * acknowledged it ({@code wait_for_ack}, {@code acks=all}); a failed or unacknowledged send fails the event, and
 * the processor retries it with back-off, in order, until the broker takes it. A send that timed out may still
 * land, so a consumer can see a record twice and de-duplicates by the {@code axon-message-id} header.
 *
 * <p>Off by default: {@code application.yml} disables Axon Kafka's publisher and fetcher, so the embedded
 * default creates no Kafka client at all. Axon Kafka 4.9 was built for Boot 3 and Kafka 3.6; its
 * autoconfiguration does activate under Boot 4 (the conditions report of {@code --debug} shows it), and the one
 * producer method it refers to that Kafka 4 removed ({@code sendOffsetsToTransaction(Map, String)}) is never
 * called on this path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "axon.kafka.publisher.enabled")
@EnableConfigurationProperties(KafkaBridgeConfiguration.BridgeSettings.class)
class KafkaBridgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaBridgeConfiguration.class);

    /** The processing group, and so the streaming processor, that publishes; never reset (it would republish). */
    static final String PROCESSING_GROUP = "kafka-publisher";

    /**
     * The topics and how long a send waits for the broker's acknowledgement before the event is retried. The
     * wait is generous, because an event whose wait runs out is sent again (a duplicate) once the broker is back.
     */
    @ConfigurationProperties("ledger.kafka")
    record BridgeSettings(Topics topics, Duration ackTimeout) {

        BridgeSettings {
            topics = topics == null ? new Topics(null, null) : topics;
            ackTimeout = ackTimeout == null ? Duration.ofSeconds(5) : ackTimeout;
        }

        String topicOf(PublicEvents.Stream stream) {
            return stream == PublicEvents.Stream.ACCOUNTS ? topics.accounts() : topics.transfers();
        }
    }

    /** Topic names, by default {@code ledger.accounts} and {@code ledger.transfers} as the AsyncAPI document says. */
    record Topics(String accounts, String transfers) {

        Topics {
            accounts = accounts == null ? "ledger.accounts" : accounts;
            transfers = transfers == null ? "ledger.transfers" : transfers;
        }
    }

    /** Public events go to their aggregate's topic; the others are skipped, and the processor moves on. */
    @Bean
    TopicResolver ledgerTopicResolver(BridgeSettings settings) {
        return event -> PublicEvents.streamOf(event.getPayloadType()).map(settings::topicOf);
    }

    @Bean(destroyMethod = "shutDown")
    KafkaPublisher<String, byte[]> kafkaPublisher(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ProducerFactory<String, byte[]> axonKafkaProducerFactory,
            KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
            org.axonframework.config.Configuration configuration,
            TopicResolver ledgerTopicResolver,
            KafkaProperties kafka,
            BridgeSettings settings) {
        refuseSettingsThatLoseEvents(kafka);
        log.info("Kafka bridge on: processor {} publishes the public events to {} and {} at {}", PROCESSING_GROUP,
                settings.topics().accounts(), settings.topics().transfers(), kafka.getBootstrapServers());
        return new TracedKafkaPublisher(KafkaPublisher.<String, byte[]>builder()
                .serializer(eventSerializer)
                .producerFactory(axonKafkaProducerFactory)
                .messageConverter(new MetadataAllowList(kafkaMessageConverter))
                .messageMonitor(configuration.messageMonitor(KafkaPublisher.class, "kafkaPublisher"))
                .topicResolver(ledgerTopicResolver)
                .publisherAckTimeout(settings.ackTimeout().toMillis()), configuration.spanFactory(), ledgerTopicResolver);
    }

    /**
     * A failed send must stop the processor, never be logged and skipped: the application's default error
     * handler already propagates, and the publisher does not rely on that default.
     */
    @Bean
    ConfigurerModule kafkaPublisherNeverSkipsAnEvent() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Axon Kafka's defaults (a subscribing processor, confirmation mode {@code none}) drop events silently while
     * the broker is down. Start-up fails instead of running like that.
     */
    static void refuseSettingsThatLoseEvents(KafkaProperties kafka) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        require(PROCESSING_GROUP.equals(kafka.getPublisher().getProcessingGroup()),
                "axon.kafka.publisher.processing-group must be " + PROCESSING_GROUP);
        require(kafka.getPublisher().getConfirmationMode() != ConfirmationMode.NONE,
                "axon.kafka.publisher.confirmation-mode must be wait_for_ack or transactional");
        require(kafka.getProducer().getEventProcessorMode() != KafkaProperties.EventProcessorMode.SUBSCRIBING,
                "axon.kafka.producer.event-processor-mode must be tracking or pooled_streaming");
        require("all".equals(String.valueOf(producer.get(ProducerConfig.ACKS_CONFIG))),
                "axon.kafka.producer.acks must be all");
        require("true".equals(String.valueOf(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))),
                "axon.kafka.producer.properties.enable.idempotence must be true");
        require(!"0".equals(String.valueOf(producer.get(ProducerConfig.RETRIES_CONFIG))),
                "axon.kafka.producer.retries must not be 0");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("The Kafka bridge could lose events: " + message);
        }
    }
}
