package dev.ledger.app.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledger.account.AccountDirectory;
import dev.ledger.account.AccountModule;
import dev.ledger.app.caching.LeastRecentlyUsedCache;
import dev.ledger.transfer.StepAnswers;
import dev.ledger.transfer.StepSender;
import dev.ledger.transfer.StepTimeouts;
import dev.ledger.transfer.TransferEnds;
import dev.ledger.transfer.TransferModule;
import dev.ledger.transfer.TransferStepTimeout;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.validation.annotation.Validated;

/**
 * Axon on plain JDBC: the event store, tokens and sagas live in the application's database, in the
 * snake_case tables that Flyway creates. The JDBC engine is chosen over the JPA one because its tracking
 * query bounds the gap range (the JPA query degrades to a table scan on PostgreSQL once a token has gaps),
 * and because it keeps Axon's entities from creating large-object columns.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AxonConfiguration.EventStoreSettings.class, AccountSettings.class, TransferSettings.class,
        IdempotencySettings.class, AxonServerSwitch.class, AuthorizationSettings.class, ReviewSettings.class})
class AxonConfiguration {

    /**
     * {@code ledger.event-store.*}: tuning of the JDBC event store (not used under Axon Server, which stores the
     * events itself).
     *
     * @param batchSize            how many events a tracking processor reads from the store at a time
     * @param gapTimeout           how long a tracking processor waits for an event index left open by a slower,
     *                             still-running transaction before giving up on it; well above the longest
     *                             transaction allowed, because an event committed after that is never delivered
     * @param gapCleaningThreshold how many gaps a token may carry before the old ones are cleaned up
     */
    @Validated
    @ConfigurationProperties("ledger.event-store")
    record EventStoreSettings(@DefaultValue("100") @Positive int batchSize,
                              @DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration gapTimeout,
                              @DefaultValue("250") @Positive int gapCleaningThreshold) {
    }

    /**
     * Commands that fail for a reason known to have changed nothing are retried, three times at most; a broken rule
     * comes back as its {@code LedgerRuleViolation} over any bus ({@link RuleViolationsOnAnyBus}).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new RuleViolationsOnAnyBus.UnwrappingGateway(DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new TransientFailureRetry(retries, 3, Duration.ofMillis(50))));
    }

    @Bean
    ConfigurerModule ruleViolationsKeepTheirCodeOnTheWire() {
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(() ->
                configuration.commandBus().registerHandlerInterceptor(new RuleViolationsOnAnyBus.CodeInTheDetails())));
    }

    /**
     * A bean, like the step timeout, so that the saga's start handler can take it as a parameter. Axon's Spring
     * configuration resolves handler parameters from beans, not from the module's components, and a handler with a
     * parameter it cannot resolve is silently no handler at all: no transfer would start.
     */
    @Bean
    TransferEnds transferEnds(EventStore eventStore) {
        return TransferEnds.from(eventStore);
    }

    /**
     * How the saga hears a step's answer ({@code ledger.transfers.step-answers}): {@code AT_ONCE}, the default, where
     * the command bus answers before {@code send} returns, so that on one node a transfer runs in one transaction; or
     * {@code BY_EVENTS}, one transaction per step. A bean for the saga's handlers, as {@link #transferEnds} is.
     */
    @Bean
    StepSender stepSender(CommandGateway commandGateway, StepAnswers stepAnswers) {
        return stepAnswers.over(commandGateway);
    }

    @Bean
    StepAnswers stepAnswers(TransferSettings transfers) {
        return transfers.stepAnswers();
    }

    /** A bean, so that the saga's handlers can take it as a parameter: Spring resolves it by type. */
    @Bean
    TransferStepTimeout transferStepTimeout(TransferSettings transfers) {
        return new TransferStepTimeout(transfers.stepTimeout());
    }

    /**
     * The account module's one registration: the aggregate, cached and snapshotted as {@link AccountSettings} says.
     */
    @Bean
    ConfigurerModule accountModule(AccountSettings accounts) {
        return new AccountModule(new LeastRecentlyUsedCache(accounts.cacheSize()), accounts.snapshotThreshold());
    }

    @Bean
    AccountDirectory accountDirectory(EventStore eventStore) {
        return new AccountDirectory(eventStore);
    }

    /**
     * The transfer-saga module's one registration: the transfer aggregate, cached as accounts are
     * ({@link TransferSettings}), and the saga.
     */
    @Bean
    ConfigurerModule transferModule(TransferStepTimeout stepTimeout, StepTimeouts stepTimeouts, StepAnswers stepAnswers,
                                    TransferSettings transfers) {
        return new TransferModule(stepTimeout, stepTimeouts, new LeastRecentlyUsedCache(transfers.cacheSize()),
                stepAnswers);
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Axon's serializer is Jackson 2 (Boot's own web layer uses Jackson 3). Fields, not getters, are the
     * serialized state: helper methods such as {@code Money.isPositive()} must not become properties, and a
     * saga's private fields must not be silently dropped.
     */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
    }

    /**
     * A unique-key violation is SQLState 23505 on PostgreSQL and on H2 alike. Recognising it lets Axon report
     * a reused aggregate id as {@code AggregateStreamCreationException} (which the API turns into
     * {@code ACCOUNT_EXISTS} or {@code TRANSFER_EXISTS}) and a concurrent append as a retryable conflict.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * The event store's engine, unless Axon Server is the event store (profile {@code axonserver}). Axon treats
     * a missing {@code axon.axonserver.enabled} as enabled, so only an explicit {@code false} selects JDBC.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "axon.axonserver.enabled", havingValue = false)
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            EventStoreSettings settings) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(settings.batchSize())
                .gapTimeout(Math.toIntExact(settings.gapTimeout().toMillis()))
                .gapCleaningThreshold(settings.gapCleaningThreshold())
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }
}
