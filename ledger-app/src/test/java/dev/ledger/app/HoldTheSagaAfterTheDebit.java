package dev.ledger.app;

import dev.ledger.api.account.AccountDebited;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;

/**
 * An extra source for a test's application context: the saga's processor refuses {@code AccountDebited}, so
 * every transfer stops between its debit and its credit, as if that answer never came.
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
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerHandlerInterceptor("transfer-saga", configuration -> refuseDebits));
    }
}
