package dev.ledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Axon's own switch {@code axon.axonserver.enabled}, read as Axon reads it: missing means on. It says where the
 * events are stored: in Axon Server, or by the JDBC engine in the ledger's own database (and then in the same
 * transaction as everything else the ledger writes).
 *
 * @param enabled whether Axon Server stores the events and routes the messages
 */
@ConfigurationProperties("axon.axonserver")
public record AxonServerSwitch(@DefaultValue("true") boolean enabled) {
}
