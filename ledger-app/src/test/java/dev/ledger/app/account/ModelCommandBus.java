package dev.ledger.app.account;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

import java.util.ArrayDeque;
import java.util.Deque;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * The command bus, with a fault the test can arm: the next command the saga sends is lost. Client requests
 * are never lost, because a client that sees a failure decides for itself whether to try again.
 */
final class ModelCommandBus implements CommandBus {

    private final CommandBus delegate;
    private final Deque<Boolean> armedLosses = new ArrayDeque<>();
    private boolean sagaIsSending;
    private int lost;

    ModelCommandBus(CommandBus delegate) {
        this.delegate = delegate;
    }

    /** Loses the next saga command: before it is handled, or ({@code afterHandling}) only its answer. */
    void loseNext(boolean afterHandling) {
        armedLosses.add(afterHandling);
    }

    /** The outage is over: nothing armed is lost any more. */
    void heal() {
        armedLosses.clear();
    }

    void sagaIsSending(boolean sending) {
        sagaIsSending = sending;
    }

    int lost() {
        return lost;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        Boolean afterHandling = sagaIsSending ? armedLosses.poll() : null;
        if (afterHandling == null) {
            delegate.dispatch(command, callback);
            return;
        }
        lost++;
        if (afterHandling) {
            delegate.dispatch(command, (handled, result) -> callback.onResult(command, lostAnswer(command)));
        } else {
            callback.onResult(command, lostAnswer(command));
        }
    }

    private static <R> CommandResultMessage<R> lostAnswer(CommandMessage<?> command) {
        return asCommandResultMessage(new LostCommand(command.getCommandName()));
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerDispatchInterceptor(interceptor);
    }

    /** What a remote bus reports for a command that went missing; without a stack trace, as it is expected. */
    static final class LostCommand extends CommandDispatchException {

        LostCommand(String commandName) {
            super(commandName + " was lost on its way");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
