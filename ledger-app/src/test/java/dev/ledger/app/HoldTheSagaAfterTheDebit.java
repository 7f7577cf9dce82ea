package dev.ledger.app;

import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.DebitAccount;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;

/**
 * An extra source for a test's application context: every transfer stops between its debit and its credit, as if
 * that answer never came. The debit is taken, but its command answers nothing, and the saga's processor refuses
 * {@code AccountDebited}: the saga hears of the debit neither way.
 */
public class HoldTheSagaAfterTheDebit {

    @Bean
    ConfigurerModule refuseDebitsToTheSaga() {
        MessageHandlerInterceptor<EventMessage<?>> refuseDebits = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof AccountDebited) {
                throw new IllegalStateException("Held on purpose by a test: the saga must not see this debit");
            }
            return chain.proceed();
        };
        MessageHandlerInterceptor<CommandMessage<?>> hideTheDebitsAnswer = (unitOfWork, chain) -> {
            Object answer = chain.proceed();
            return unitOfWork.getMessage().getPayload() instanceof DebitAccount ? null : answer;
        };
        return configurer -> configurer
                .eventProcessing(processing ->
                        processing.registerHandlerInterceptor("transfer-saga", configuration -> refuseDebits))
                .onInitialize(configuration -> configuration.onStart(
                        () -> configuration.commandBus().registerHandlerInterceptor(hideTheDebitsAnswer)));
    }
}
