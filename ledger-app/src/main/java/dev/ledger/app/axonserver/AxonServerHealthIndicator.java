package dev.ledger.app.axonserver;

import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The ledger's connections to Axon Server, as the {@code axonServer} health component. Axon ships such an
 * indicator, but it is written against Boot 3's actuator classes and does not load under Boot 4.
 *
 * <p>UP when every context's connection is up; {@link #WARN} when some are down; DOWN when all are down, or
 * when no connection has been opened yet, because until then the ledger can neither store events nor
 * receive commands. Each context is a detail, {@code <context>.connection.active}: UP or DOWN.
 */
class AxonServerHealthIndicator extends AbstractHealthIndicator {

    /** Degraded but serving: some of the ledger's Axon Server contexts are unreachable. */
    static final Status WARN = new Status("WARN", "Some Axon Server connections are down");

    private final AxonServerConnectionManager connectionManager;

    AxonServerHealthIndicator(AxonServerConnectionManager connectionManager) {
        super("Axon Server health check failed");
        this.connectionManager = connectionManager;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Boolean> connections = connectionManager.connections();
        connections.forEach((context, active) -> builder.withDetail(context + ".connection.active",
                active ? Status.UP.getCode() : Status.DOWN.getCode()));
        long active = connections.values().stream().filter(Boolean::booleanValue).count();
        if (active == 0) {
            builder.down();
        } else if (active < connections.size()) {
            builder.status(WARN);
        } else {
            builder.up();
        }
    }
}
