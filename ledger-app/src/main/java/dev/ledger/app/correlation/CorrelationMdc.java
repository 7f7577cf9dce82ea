package dev.ledger.app.correlation;

import dev.ledger.api.Correlation;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the message being handled into the logging context ({@value #KEY}) while its
 * handler runs, so every log line of a command handler, a projection, the saga or a deadline names the request
 * it belongs to. Micrometer Tracing adds the trace and span ids next to it.
 */
final class CorrelationMdc implements MessageHandlerInterceptor<Message<?>> {

    /** The logging-context key, the same as the metadata key, so one search finds both. */
    static final String KEY = Correlation.CORRELATION_ID;

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(Correlation.CORRELATION_ID);
        if (correlationId == null) {
            return interceptorChain.proceed();
        }
        String previous = MDC.get(KEY);
        MDC.put(KEY, correlationId.toString());
        try {
            return interceptorChain.proceed();
        } finally {
            restore(previous);
        }
    }

    static void restore(String previous) {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
