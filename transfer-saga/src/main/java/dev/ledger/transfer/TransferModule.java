package dev.ledger.transfer;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Plugs the transfer into an Axon configuration: the event-sourced {@code Transfer} aggregate, which takes
 * the transfer commands, and the {@link TransferSaga}, which runs each transfer's legs in the
 * {@code transfer-saga} processing group.
 *
 * <p>The configuration must provide a {@link org.axonframework.deadline.DeadlineManager}: the saga puts a
 * deadline on every running transfer, and Axon's Spring Boot autoconfiguration does not create one. Keep it
 * persistent (such as {@code DbSchedulerDeadlineManager}) so a restart does not drop the retries.
 *
 * <p>A cache for transfers spares the saga's final command a read of the transfer's stream: the transfer is
 * created by the request and cached, and its end is recorded moments later.
 */
public class TransferModule implements ConfigurerModule {

    private final TransferStepTimeout stepTimeout;
    private final StepTimeouts stepTimeouts;
    private final Cache transferCache;
    private final StepAnswers stepAnswers;

    /**
     * With the default step timeout of {@link TransferStepTimeout#DEFAULT}, nobody told of timeouts, no cache, and
     * answers heard {@linkplain StepAnswers#AT_ONCE at once} where the command bus gives them.
     */
    public TransferModule() {
        this(TransferStepTimeout.DEFAULT, StepTimeouts.IGNORED, NoCache.INSTANCE, StepAnswers.AT_ONCE);
    }

    /**
     * @param transferCache holds loaded transfers between commands; {@link NoCache#INSTANCE} for none. Safe with
     *                      several nodes as long as a stale transfer's append fails as a conflict, which Axon's
     *                      event stores ensure, and the command is then retried on a fresh load.
     * @param stepAnswers   how the saga hears the answers to the commands it sends over the configuration's gateway
     */
    public TransferModule(TransferStepTimeout stepTimeout, StepTimeouts stepTimeouts, Cache transferCache,
                          StepAnswers stepAnswers) {
        this.stepTimeout = stepTimeout;
        this.stepTimeouts = stepTimeouts;
        this.transferCache = transferCache;
        this.stepAnswers = stepAnswers;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.registerComponent(TransferStepTimeout.class, configuration -> stepTimeout);
        configurer.registerComponent(StepTimeouts.class, configuration -> stepTimeouts);
        configurer.registerComponent(TransferEnds.class, configuration -> TransferEnds.from(configuration.eventStore()));
        configurer.registerComponent(StepSender.class,
                configuration -> stepAnswers.over(configuration.commandGateway()));
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Transfer.class)
                .configureCache(configuration -> transferCache));
        configurer.eventProcessing(eventProcessing -> eventProcessing.registerSaga(TransferSaga.class));
    }
}
