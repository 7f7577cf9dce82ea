package dev.ledger.app.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * For a test class with an {@code @EmbeddedKafka} broker. The broker publishes its address as system properties,
 * JVM-wide, and leaves them set when it stops; a later context in the same JVM would read the address of a broker
 * that is gone. This clears them after the class.
 */
public final class ForgetTheEmbeddedBroker implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(KafkaBridgeTest.BOOTSTRAP_SERVERS);
        System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
    }
}
