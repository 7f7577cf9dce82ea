package dev.ledger.app.correlation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request an id: the caller's {@value #HEADER} when it is a plausible id, otherwise a new UUID.
 * The id is echoed in the response's {@value #HEADER}, becomes the correlation id of every command the request
 * sends (and so of every event and saga step that follows), tags the request's trace span and stands in the
 * log lines of the request as {@code correlationId}.
 *
 * <p>An unusable header is replaced rather than refused: observability must never fail a request. Runs right
 * after the HTTP observation filter, so that the request's span is current when it is tagged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestIdFilter extends OncePerRequestFilter {

    /** The request and response header carrying the request id. */
    static final String HEADER = "X-Request-Id";

    /** Ids travel in Kafka headers and log lines: printable, short, and free of separators that need escaping. */
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ObjectProvider<Tracer> tracer;

    RequestIdFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        String requestId = offered != null && PLAUSIBLE.matcher(offered).matches()
                ? offered : UUID.randomUUID().toString();
        response.setHeader(HEADER, requestId);
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span != null) {
            span.tag(CorrelationMdc.KEY, requestId);
        }
        String previous = MDC.get(CorrelationMdc.KEY);
        MDC.put(CorrelationMdc.KEY, requestId);
        RequestCorrelation.begin(requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestCorrelation.end();
            CorrelationMdc.restore(previous);
        }
    }
}
