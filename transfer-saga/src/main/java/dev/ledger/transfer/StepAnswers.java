package dev.ledger.transfer;

import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Which {@link StepSender} the transfer saga uses: a choice of infrastructure, made once at configuration. */
public enum StepAnswers {

    /**
     * {@link StepSender#answeredAtOnce}: a transfer runs in one transaction on a local bus, and on a remote one when
     * each leg's answer comes back within the patience it is given. The default.
     */
    AT_ONCE,

    /** {@link StepSender#answeredByEvents}: every answer comes as the leg's event, one transaction per step. */
    BY_EVENTS;

    /** The sender of this kind over {@code commandGateway}, which awaits no remote answer. */
    public StepSender over(CommandGateway commandGateway) {
        return over(commandGateway, Duration.ZERO);
    }

    /**
     * The sender of this kind over {@code commandGateway}; {@code AT_ONCE} awaits a remote bus's answer for up to
     * {@code remotePatience} ({@link StepSender#answeredWithin}).
     */
    public StepSender over(CommandGateway commandGateway, Duration remotePatience) {
        return this == AT_ONCE ? StepSender.answeredWithin(commandGateway, remotePatience)
                : StepSender.answeredByEvents(commandGateway);
    }
}
