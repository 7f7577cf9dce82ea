package dev.ledger.app.idempotency;

import dev.ledger.app.config.AxonServerSwitch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a request meets over Axon Server when its command ran but the answer never came back, on the embedded store
 * this suite runs on: a gateway that loses the next answer to a command of a given type after the command ran, and the
 * idempotent requests as they run under {@code axonserver} (key claimed apart from the events) while a test asks.
 */
@TestConfiguration(proxyBeanMethods = false)
class LostAnswers {

    @Bean
    @Primary
    LosingGateway losingGateway(@Qualifier("commandGateway") CommandGateway ledgersGateway) {
        return new LosingGateway(ledgersGateway);
    }

    @Bean
    @Primary
    AsOverAxonServerWhenAsked asOverAxonServerWhenAsked(JdbcTemplate jdbc, TransactionManager transactionManager,
                                                        JsonMapper json) {
        return new AsOverAxonServerWhenAsked(jdbc, transactionManager, json);
    }

    /** The ledger's gateway, but the answer to one chosen command, once it ran, is a lost connection. */
    static final class LosingGateway implements CommandGateway {

        private final CommandGateway ledgers;
        private final AtomicReference<Class<?>> loseTheAnswerTo = new AtomicReference<>();

        LosingGateway(CommandGateway ledgers) {
            this.ledgers = ledgers;
        }

        void loseTheNextAnswerTo(Class<?> commandType) {
            loseTheAnswerTo.set(commandType);
        }

        @Override
        public <R> R sendAndWait(Object command) {
            return answered(command, () -> ledgers.sendAndWait(command));
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return answered(command, () -> ledgers.sendAndWait(command, timeout, unit));
        }

        // The message Axon Server SE 2023.2.1 gave when the handling node went away (RemoteFailuresTest).
        private <R> R answered(Object command, Supplier<R> send) {
            R answer = send.get();
            if (loseTheAnswerTo.compareAndSet(command.getClass(), null)) {
                throw new AxonServerException("AXONIQ-0001", "Connection lost while executing command on: node-1");
            }
            return answer;
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            ledgers.send(command, callback);
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            return ledgers.send(command);
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            return ledgers.registerDispatchInterceptor(dispatchInterceptor);
        }
    }

    /** The idempotent requests of the embedded default, or, while a test asks, as they run under Axon Server. */
    static final class AsOverAxonServerWhenAsked extends IdempotentRequests {

        private final IdempotentRequests overAxonServer;
        private volatile boolean asked;

        AsOverAxonServerWhenAsked(JdbcTemplate jdbc, TransactionManager transactionManager, JsonMapper json) {
            super(jdbc, transactionManager, json, new AxonServerSwitch(false));
            this.overAxonServer = new IdempotentRequests(jdbc, transactionManager, json, new AxonServerSwitch(true));
        }

        void asked(boolean eventsInAxonServer) {
            asked = eventsInAxonServer;
        }

        @Override
        public ResponseEntity<?> execute(String caller, String key, Object request,
                                         Function<String, ResponseEntity<?>> action) {
            return asked ? overAxonServer.execute(caller, key, request, action)
                    : super.execute(caller, key, request, action);
        }
    }
}
