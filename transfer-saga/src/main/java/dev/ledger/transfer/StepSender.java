package dev.ledger.transfer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * How the transfer saga sends a step's command, and whether it hears the answer at once. Chosen once, when the
 * ledger is configured ({@link #answeredByEvents} or {@link #answeredAtOnce}); the saga itself has one path either
 * way: an answer given here is handled exactly as the leg's event would be, and the event, coming later, is then a
 * repeat the saga ignores.
 */
public interface StepSender {

    /**
     * Sends {@code command}. A failure is left to the step's deadline.
     *
     * @return the command's result if this sender answers at once and the command was handled without error before
     * this returned; otherwise empty, and the saga waits for the step's event
     */
    Optional<Answer> send(Object command);

    /** What a command's handler answered: a leg's {@code LegDecision}, or {@code null} for the transfer's commands. */
    record Answer(Object result) {
    }

    /** Every answer comes as the step's event. The one way over a remote command bus, and correct on any bus. */
    static StepSender answeredByEvents(CommandGateway commandGateway) {
        return command -> {
            commandGateway.send(command).whenComplete((ignored, failure) -> StepFailures.warn(command, failure));
            return Optional.empty();
        };
    }

    /**
     * A command handled before {@code send} returns, as on a local command bus in this event's own transaction, is
     * answered at once: on one node a transfer then runs from its request to its end in one transaction of the
     * saga's, which is never stored and needs no watchdog, instead of one transaction per leg. Over a remote bus it
     * answers nothing, like {@link #answeredByEvents}.
     *
     * <p>On a local bus, a batch keeps every account it touched locked until it commits. Another batch may be waiting
     * for one of those while holding the account this command needs: Axon then refuses the lock rather than
     * deadlock. Only a rollback frees the accounts, so the refusal is thrown, failing the batch, which the processor
     * retries moments later, instead of the transfer waiting for its deadline.
     */
    static StepSender answeredAtOnce(CommandGateway commandGateway) {
        return command -> {
            CompletableFuture<Object> result = commandGateway.send(command);
            Optional<RuntimeException> lockRefused = StepFailures.lockRefusal(result);
            if (lockRefused.isPresent()) {
                throw lockRefused.get();
            }
            result.whenComplete((ignored, failure) -> StepFailures.warn(command, failure));
            return result.isDone() && !result.isCompletedExceptionally()
                    ? Optional.of(new Answer(result.join()))
                    : Optional.empty();
        };
    }
}
