package dev.ledger.transfer;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Plugs the transfer into an Axon configuration: the event-sourced {@code Transfer} aggregate, which takes
 * the transfer commands, and the {@link TransferSaga}, which runs each transfer's legs in the
 * {@code transfer-saga} processing group.
 *
 * <p>The configuration must provide a {@link org.axonframework.deadline.DeadlineManager}: the saga puts a
 * deadline on every running transfer, and Axon's Spring Boot autoconfiguration does not create one. Keep it persistent
 * (such as {@code DbSchedulerDeadlineManager}) so a restart does not drop the retries.
 */
public class TransferModule implements ConfigurerModule {

    private final TransferStepTimeout stepTimeout;
    private final StepTimeouts stepTimeouts;

    /** With the default step timeout of {@link TransferStepTimeout#DEFAULT}, and nobody told of timeouts. */
    public TransferModule() {
        this(TransferStepTimeout.DEFAULT, StepTimeouts.IGNORED);
    }

    public TransferModule(TransferStepTimeout stepTimeout, StepTimeouts stepTimeouts) {
        this.stepTimeout = stepTimeout;
        this.stepTimeouts = stepTimeouts;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.registerComponent(TransferStepTimeout.class, configuration -> stepTimeout);
        configurer.registerComponent(StepTimeouts.class, configuration -> stepTimeouts);
        configurer.configureAggregate(Transfer.class);
        configurer.eventProcessing(eventProcessing -> eventProcessing.registerSaga(TransferSaga.class));
    }
}
