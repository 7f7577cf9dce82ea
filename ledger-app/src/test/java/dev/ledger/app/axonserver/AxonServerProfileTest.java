package dev.ledger.app.axonserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@code axonserver} profile without a live Axon Server (none can run here): its settings bind to Axon's
 * connector as AxonIQ documents them, and with it active Axon Server is the event store and the message
 * router while tokens, sagas and deadlines stay in the relational database. The connector connects in the
 * background, so the ledger starts and reports itself DOWN instead of hanging.
 */
class AxonServerProfileTest {

    /**
     * Not the suite's shared database: its token_entry holds the JDBC store's tokens, which these processors
     * cannot read, and their claims would be taken from the other tests' processors (same JVM, same owner).
     */
    private static final String A_DATABASE_OF_ITS_OWN =
            "jdbc:h2:mem:axonserver-profile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void theProfileConnectsToTheLocalDefaultWithoutAToken() throws IOException {
        AxonServerConfiguration connector = bindProfile(Map.of());

        assertThat(connector.isEnabled()).isTrue();
        assertThat(connector.getServers()).isEqualTo("localhost:8124");
        assertThat(connector.getToken()).isEmpty();
        assertThat(connector.getComponentName()).isEqualTo("ledger");
    }

    @Test
    void theProfileTakesServersAndTokenFromTheEnvironment() throws IOException {
        AxonServerConfiguration connector = bindProfile(Map.of(
                "AXON_AXONSERVER_SERVERS", "axonserver:8124",
                "AXON_AXONSERVER_TOKEN", "a-token-from-the-environment"));

        assertThat(connector.getServers()).isEqualTo("axonserver:8124");
        assertThat(connector.getToken()).isEqualTo("a-token-from-the-environment");
    }

    @Test
    void axonServerStoresTheEventsAndRoutesMessagesWhileTheDatabaseKeepsTheRest() throws IOException {
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .profiles("axonserver")
                .run("--server.port=0", "--AXON_AXONSERVER_SERVERS=127.0.0.1:" + aPortNobodyListensOn(),
                        "--spring.datasource.url=" + A_DATABASE_OF_ITS_OWN)) {

            assertThat(ledger.getBean(AxonServerConfiguration.class).getComponentName()).isEqualTo("ledger");
            assertThat(ledger.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(ledger.getBeansOfType(EventStorageEngine.class)).isEmpty();
            assertThat(ledger.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(ledger.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(ledger.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
            assertThat(ledger.getBean(SagaStore.class)).isInstanceOf(JdbcSagaStore.class);
            assertThat(ledger.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
            assertThat(ledger.getBean("axonServerHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.DOWN);
        }
    }

    /** Binds {@code axon.axonserver} as Boot would, from the profile's file under the given environment. */
    private static AxonServerConfiguration bindProfile(Map<String, Object> environmentVariables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource("environment", environmentVariables));
        new YamlPropertySourceLoader()
                .load("application-axonserver.yml", new ClassPathResource("application-axonserver.yml"))
                .forEach(sources::addLast);
        return Binder.get(environment)
                .bind("axon.axonserver", Bindable.ofInstance(new AxonServerConfiguration()))
                .orElseThrow(() -> new AssertionError("the profile sets no axon.axonserver properties"));
    }

    private static int aPortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
