package dev.ledger.app.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Boot's sampler, except that a span with no parent but linked to the spans that caused it takes their decision
 * instead of drawing its own.
 *
 * <p>Boot's parent-based sampler already makes every child follow its parent, and Axon makes the handlers of a
 * message children of the span that sent it (from the message's {@code traceparent}). But Axon starts some spans
 * as new roots that only link to their cause: a deadline firing (the saga's step watchdog, an authorization's
 * expiry), and the handlers of a streaming processor when batch traces are turned off. Sampled by trace-id ratio,
 * those would be kept for a fraction of unsampled transfers and dropped for a fraction of sampled ones. Following
 * the link keeps the decision made at the transfer's request: a sampled transfer can be followed through all of
 * its traces, an unsampled one costs none.
 */
final class FollowTheCauseSampler implements Sampler {

    private final Sampler boots;

    FollowTheCauseSampler(Sampler boots) {
        this.boots = boots;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (!Span.fromContext(parentContext).getSpanContext().isValid()) {
            boolean linked = false;
            for (LinkData link : parentLinks) {
                SpanContext cause = link.getSpanContext();
                if (cause.isValid()) {
                    if (cause.isSampled()) {
                        // One sampled cause is enough: a batch that handles a sampled transfer's event is part of
                        // that transfer's story.
                        return SamplingResult.recordAndSample();
                    }
                    linked = true;
                }
            }
            if (linked) {
                return SamplingResult.drop();
            }
        }
        return boots.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "FollowTheCause{" + boots.getDescription() + "}";
    }

    @Override
    public String toString() {
        return getDescription();
    }
}
