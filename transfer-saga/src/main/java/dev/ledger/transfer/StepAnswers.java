package dev.ledger.transfer;

import org.axonframework.commandhandling.gateway.CommandGateway;

/** Which {@link StepSender} the transfer saga uses: a choice of infrastructure, made once at configuration. */
public enum StepAnswers {

    /** {@link StepSender#answeredAtOnce}: a transfer runs in one transaction on a local bus. The default. */
    AT_ONCE,

    /** {@link StepSender#answeredByEvents}: every answer comes as the leg's event, one transaction per step. */
    BY_EVENTS;

    /** The sender of this kind over {@code commandGateway}. */
    public StepSender over(CommandGateway commandGateway) {
        return this == AT_ONCE ? StepSender.answeredAtOnce(commandGateway) : StepSender.answeredByEvents(commandGateway);
    }
}
