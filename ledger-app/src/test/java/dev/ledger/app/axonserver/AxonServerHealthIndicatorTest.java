package dev.ledger.app.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class AxonServerHealthIndicatorTest {

    @Test
    void isUpWhenEveryContextIsConnected() {
        Health health = healthWith(Map.of("default", true));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("default.connection.active", "UP");
    }

    @Test
    void warnsWhenSomeContextsAreDisconnected() {
        Map<String, Boolean> connections = new LinkedHashMap<>();
        connections.put("default", true);
        connections.put("audit", false);

        Health health = healthWith(connections);

        assertThat(health.getStatus()).isEqualTo(AxonServerHealthIndicator.WARN);
        assertThat(health.getDetails())
                .containsEntry("default.connection.active", "UP")
                .containsEntry("audit.connection.active", "DOWN");
    }

    @Test
    void isDownWhenEveryContextIsDisconnected() {
        Health health = healthWith(Map.of("default", false));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("default.connection.active", "DOWN");
    }

    @Test
    void isDownBeforeAnyConnectionIsOpened() {
        assertThat(healthWith(Map.of()).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void isDownWhenTheConnectionManagerFails() {
        AxonServerConnectionManager connectionManager = mock(AxonServerConnectionManager.class);
        when(connectionManager.connections()).thenThrow(new IllegalStateException("shut down"));

        assertThat(new AxonServerHealthIndicator(connectionManager).health().getStatus()).isEqualTo(Status.DOWN);
    }

    private static Health healthWith(Map<String, Boolean> connections) {
        AxonServerConnectionManager connectionManager = mock(AxonServerConnectionManager.class);
        when(connectionManager.connections()).thenReturn(connections);
        return new AxonServerHealthIndicator(connectionManager).health();
    }
}
