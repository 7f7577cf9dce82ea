package dev.ledger.app.correlation;

import dev.ledger.api.Correlation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Correlation and causation on every message (see {@link Correlation}).
 *
 * <ul>
 *   <li>A command sent while serving an HTTP request takes the request id as both ids: the request is its
 *       correlation and its cause. A command sent outside any request and any handler correlates to itself.</li>
 *   <li>Every message created while another is handled (the events a command applies, the commands the saga
 *       sends, a deadline and what it sends) inherits the correlation id and names the handled message as its
 *       cause. This replaces Axon's default {@code MessageOriginProvider}, whose {@code correlationId} meant the
 *       parent message and whose {@code traceId} meant the root.</li>
 *   <li>The correlation id is in the logging context while any command, event or deadline handler runs.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    @Bean
    CorrelationDataProvider correlationAndCausation() {
        return message -> {
            if (message == null) {
                return Map.of();
            }
            Map<String, Object> data = new HashMap<>(2);
            data.put(Correlation.CORRELATION_ID,
                    message.getMetaData().getOrDefault(Correlation.CORRELATION_ID, message.getIdentifier()));
            data.put(Correlation.CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }

    /**
     * Commands that start a chain get their ids where they are dispatched. Registered on the command bus, so it
     * holds for every gateway and for Axon Server's bus alike; the MDC interceptor covers command handlers.
     */
    @Bean
    ConfigurerModule correlationOnCommandsAndHandlers(ObjectProvider<DeadlineManager> deadlineManager) {
        CorrelationMdc mdc = new CorrelationMdc();
        return configurer -> {
            configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor((c, name) -> mdc));
            configurer.onInitialize(configuration -> configuration.onStart(() -> {
                CommandBus commandBus = configuration.commandBus();
                commandBus.registerDispatchInterceptor(new RootCommandCorrelation());
                commandBus.registerHandlerInterceptor(mdc);
                deadlineManager.ifAvailable(manager -> manager.registerHandlerInterceptor(mdc));
            }));
        };
    }

    /** Gives a command that has no correlation yet the request's id, or its own. */
    static final class RootCommandCorrelation implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> command.getMetaData().containsKey(Correlation.CORRELATION_ID)
                    ? command
                    : command.andMetaData(rootIds(command));
        }

        private static Map<String, String> rootIds(Message<?> command) {
            return RequestCorrelation.current()
                    .map(requestId -> Map.of(Correlation.CORRELATION_ID, requestId,
                            Correlation.CAUSATION_ID, requestId))
                    .orElseGet(() -> Map.of(Correlation.CORRELATION_ID, command.getIdentifier()));
        }
    }
}
