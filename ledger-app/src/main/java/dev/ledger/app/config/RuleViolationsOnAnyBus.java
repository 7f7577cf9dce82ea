package dev.ledger.app.config;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A broken business rule reaches the sender of a command as the same {@link LedgerRuleViolation}, whichever bus
 * carried it. Axon Server carries an exception as its message only, so every rule violation came back as an
 * anonymous remote failure (a 500 where the contract says 422 or 409). The handling side wraps it in Axon's
 * {@link CommandExecutionException} with the code as its details, which cross the wire, and the sender's gateway
 * unwraps it again, so that callers (the idempotent requests that store refusals, the problem responses) see one
 * exception type on one node and on many.
 */
final class RuleViolationsOnAnyBus {

    private RuleViolationsOnAnyBus() {
    }

    /** The handling side: the code travels as the exception's details. */
    static final class CodeInTheDetails implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                return chain.proceed();
            } catch (LedgerRuleViolation violation) {
                throw new CommandExecutionException(violation.getMessage(), violation, violation.code());
            }
        }
    }

    /** The sending side: a failure whose details are a ledger code is the rule violation it was. */
    static final class UnwrappingGateway extends DefaultCommandGateway {

        UnwrappingGateway(Builder builder) {
            super(builder);
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            super.send(command, (CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) ->
                    callback.onResult(message, unwrapped(result)));
        }

        private static <R> CommandResultMessage<? extends R> unwrapped(CommandResultMessage<? extends R> result) {
            if (result.isExceptional() && result.exceptionResult() instanceof CommandExecutionException failure
                    && failure.getDetails().orElse(null) instanceof LedgerErrorCode code) {
                return GenericCommandResultMessage.asCommandResultMessage(
                        new LedgerRuleViolation(code, failure.getMessage()));
            }
            return result;
        }
    }
}
