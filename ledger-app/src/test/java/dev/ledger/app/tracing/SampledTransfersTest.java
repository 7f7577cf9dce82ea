package dev.ledger.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.tracing.SpanFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * With a fraction of transfers sampled, each transfer's trace is all there or not there at all: the decision made
 * at the request reaches every span the transfer causes, in the request thread and in the processors. The
 * correlation id does not depend on that decision: every step of every transfer names its request.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:sampled-transfers;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "management.tracing.sampling.probability=0.5"})
@Import(SampledTransfersTest.InMemorySpans.class)
class SampledTransfersTest {

    /** At one half, all 30 transfers falling on the same side has a chance of one in half a billion. */
    private static final int TRANSFERS = 30;

    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("correlationId");
    private static final AttributeKey<String> MESSAGE_CORRELATION_ID =
            AttributeKey.stringKey("axon_metadata_correlationId");

    /** What every completed transfer's trace holds once the saga and the read models have handled its events. */
    private static final Set<String> A_WHOLE_TRANSFER = Set.of(
            "http post /api/transfers",
            "CommandBus.handleCommand(RequestTransfer)",
            "SagaManager.invokeSaga(TransferSaga)(TransferRequested)",
            "CommandBus.handleCommand(DebitAccount)",
            "CommandBus.handleCommand(CreditAccount)",
            "CommandBus.handleCommand(CompleteTransfer)",
            "AccountProjection.on(AccountCredited,long)",
            "StatementProjection.on(AccountCredited,EventMessage,long)",
            "TransferProjection.on(TransferCompleted,EventMessage)",
            "TransferFlowMetrics.on(TransferCompleted,EventMessage)");

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @TestConfiguration
    static class InMemorySpans {

        @Bean
        SpanProcessor inMemorySpans() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void everyTransfersTraceIsWholeOrAbsentAndEveryTransferCarriesItsCorrelationId() {
        LedgerClient ledger = new LedgerClient(port, environment);
        Map<String, String> transfersByRequest = new LinkedHashMap<>();
        for (int i = 0; i < TRANSFERS; i++) {
            // Accounts of its own, so no transfer's spans depend on what the ones before it did to an account.
            String source = ledger.openAccount("alice", "EUR");
            String destination = ledger.openAccount("bob", "EUR");
            ledger.deposit(source, 1_000);
            String requestId = "sampled-" + UUID.randomUUID();
            LedgerClient.Response requested = ledger.post("/api/transfers", "{\"sourceAccountId\":\"" + source
                            + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":100,\"currency\":\"EUR\"}",
                    "Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", requestId);
            assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
            transfersByRequest.put(requestId, requested.json().path("transferId").asString());
        }

        for (Map.Entry<String, String> transfer : transfersByRequest.entrySet()) {
            JsonNode ended = ledger.awaitTransfer(transfer.getValue());
            assertThat(ended.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(ended.path("correlationId").asString()).isEqualTo(transfer.getKey());
            assertThat(ended.path("steps")).as(ended.toString()).isNotEmpty().allSatisfy(step ->
                    assertThat(step.path("correlationId").asString()).as(step.toString()).isEqualTo(transfer.getKey()));
        }

        // Each streaming processor handles the events in order, so once the last sampled transfer has been handled
        // by as many processors as the first, every transfer before it has had all of its spans.
        List<String> sampled = new ArrayList<>();
        List<String> unsampled = new ArrayList<>();
        for (String requestId : transfersByRequest.keySet()) {
            (tracesOf(requestId).isEmpty() ? unsampled : sampled).add(requestId);
        }
        assertThat(sampled).as("some transfers sampled").isNotEmpty();
        assertThat(unsampled).as("some transfers not sampled").isNotEmpty();
        String first = sampled.get(0);
        String last = sampled.get(sampled.size() - 1);
        LedgerClient.eventually(() -> processorSpans(traceOf(last)),
                handled -> names(traceOf(last)).containsAll(A_WHOLE_TRANSFER)
                        && handled.equals(processorSpans(traceOf(first))));

        Set<String> aWholeTransfer = names(traceOf(first));
        Map<String, Long> handledByTheProcessors = processorSpans(traceOf(first));
        assertThat(aWholeTransfer).as(describe(traceOf(first))).containsAll(A_WHOLE_TRANSFER);
        for (String requestId : sampled) {
            List<SpanData> trace = traceOf(requestId);
            assertThat(names(trace)).as("the trace of " + requestId + ":\n" + describe(trace))
                    .isEqualTo(aWholeTransfer);
            assertThat(processorSpans(trace)).as("the trace of " + requestId + ":\n" + describe(trace))
                    .isEqualTo(handledByTheProcessors);
            Set<String> spanIds = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
            assertThat(trace.stream().filter(span -> !span.getParentSpanContext().isValid())).as(describe(trace))
                    .hasSize(1);
            assertThat(trace).allSatisfy(span -> assertThat(!span.getParentSpanContext().isValid()
                    || spanIds.contains(span.getParentSpanId())).as(span.getName()).isTrue());
        }
        for (String requestId : unsampled) {
            assertThat(tracesOf(requestId)).as("spans of unsampled " + requestId).isEmpty();
        }
    }

    /**
     * Axon starts a deadline's handling as a new trace that links to where the deadline was scheduled: it must take
     * that trace's decision, not draw its own, or a tenth of unsampled transfers would show a timed-out step alone.
     */
    @Test
    void aSpanStartedForAStoredMessageTakesTheDecisionOfTheTraceThatSentIt(@Autowired SpanFactory spans) {
        List<String> sampledCauses = new ArrayList<>();
        List<String> unsampledCauses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sampledCauses.add(handleLinked(spans, TraceFlags.getSampled()));
            unsampledCauses.add(handleLinked(spans, TraceFlags.getDefault()));
        }

        Set<String> recordedCauses = SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getName().startsWith("probe"))
                .flatMap(span -> span.getLinks().stream())
                .map(link -> link.getSpanContext().getTraceId())
                .collect(Collectors.toSet());
        assertThat(recordedCauses).containsAll(sampledCauses).doesNotContainAnyElementsOf(unsampledCauses);
    }

    private static String handleLinked(SpanFactory spans, TraceFlags flags) {
        SpanContext cause = SpanContext.create(IdGenerator.random().generateTraceId(),
                IdGenerator.random().generateSpanId(), flags, TraceState.getDefault());
        String traceparent = "00-" + cause.getTraceId() + "-" + cause.getSpanId() + "-" + flags.asHex();
        GenericEventMessage<String> stored = new GenericEventMessage<>("stored",
                MetaData.with("traceparent", traceparent));
        spans.createLinkedHandlerSpan(() -> "probe", stored).start().end();
        return cause.getTraceId();
    }

    private static Set<String> tracesOf(String requestId) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(span -> requestId.equals(span.getAttributes().get(REQUEST_ID))
                        || requestId.equals(span.getAttributes().get(MESSAGE_CORRELATION_ID)))
                .map(SpanData::getTraceId)
                .collect(Collectors.toSet());
    }

    private static List<SpanData> traceOf(String requestId) {
        Set<String> traces = tracesOf(requestId);
        assertThat(traces).as("every span of " + requestId + " in one trace").hasSize(1);
        String traceId = traces.iterator().next();
        return SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** How many streaming processors handled each of the transfer's events. */
    private static Map<String, Long> processorSpans(List<SpanData> trace) {
        return trace.stream().map(SpanData::getName)
                .filter(name -> name.startsWith("StreamingEventProcessor.process"))
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
    }

    private static Set<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(List<SpanData> spans) {
        return spans.stream().map(span -> span.getName() + " " + span.getAttributes())
                .collect(Collectors.joining("\n"));
    }
}
