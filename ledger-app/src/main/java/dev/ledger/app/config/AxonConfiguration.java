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
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on plain JDBC: the event store, tokens and sagas live in the application's database, in the
 * snake_case tables that Flyway creates. The JDBC engine is chosen over the JPA one because its tracking
 * query bounds the gap range (the JPA query degrades to a table scan on PostgreSQL once a token has gaps),
 * and because it keeps Axon's entities from creating large-object columns.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AxonConfiguration.EventStoreSettings.class)
class AxonConfiguration {

    /**
     * Tuning of the JDBC event store. {@code gapTimeout} is how long a tracking processor waits for an event
     * index left open by a slower, still-running transaction before giving up on it; it is set well above the
     * longest transaction we allow, because an event committed after that is never delivered.
     */
    @ConfigurationProperties("ledger.event-store")
    record EventStoreSettings(Integer batchSize, Duration gapTimeout, Integer gapCleaningThreshold) {

        EventStoreSettings {
            batchSize = batchSize == null ? 100 : batchSize;
            gapTimeout = gapTimeout == null ? Duration.ofMinutes(5) : gapTimeout;
            gapCleaningThreshold = gapCleaningThreshold == null ? 250 : gapCleaningThreshold;
        }
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
    StepAnswers stepAnswers(@Value("${ledger.transfers.step-answers:AT_ONCE}") StepAnswers stepAnswers) {
        return stepAnswers;
    }

    /** A bean, so that the saga's handlers can take it as a parameter: Spring resolves it by type. */
    @Bean
    TransferStepTimeout transferStepTimeout(@Value("${ledger.transfer.step-timeout:30s}") Duration stepTimeout) {
        return new TransferStepTimeout(stepTimeout);
    }

    /**
     * Accounts stay loaded between commands, up to {@code ledger.accounts.cache-size} (default 20,000) and least
     * recently used out first. Held strongly: entries a collector clears would be replayed on the saga's thread. An
     * account is snapshotted every {@code ledger.accounts.snapshot-threshold} events.
     */
    @Bean
    ConfigurerModule accountModule(@Value("${ledger.accounts.cache-size:20000}") int accountCacheSize,
                                   @Value("${ledger.accounts.snapshot-threshold:" + AccountModule.DEFAULT_SNAPSHOT_THRESHOLD
                                           + "}") int snapshotThreshold) {
        return new AccountModule(new LeastRecentlyUsedCache(accountCacheSize), snapshotThreshold);
    }

    @Bean
    AccountDirectory accountDirectory(EventStore eventStore) {
        return new AccountDirectory(eventStore);
    }

    /**
     * Transfers are cached as accounts are: a transfer is read again only by the saga's final
     * command, moments after its request, so a cache of {@code ledger.transfers.cache-size} (default 10,000) holds
     * every transfer in flight at a few hundred a second.
     */
    @Bean
    ConfigurerModule transferModule(TransferStepTimeout stepTimeout, StepTimeouts stepTimeouts, StepAnswers stepAnswers,
                                    @Value("${ledger.transfers.cache-size:10000}") int transferCacheSize) {
        return new TransferModule(stepTimeout, stepTimeouts, new LeastRecentlyUsedCache(transferCacheSize),
                stepAnswers);
    }

    /**
     * Axon's default logs a failing event handler and moves on, so a read model or a saga would silently miss
     * the event. Failures propagate instead: the processor retries with back-off, and its error shows in
     * {@code /api/admin/projections}. Read models go one step further and park the event in the dead-letter
     * queue ({@code dlq.enabled} in {@code application.yml}); sagas cannot use one.
     */
    @Bean
    ConfigurerModule failingHandlersAreNeverSkipped() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
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
