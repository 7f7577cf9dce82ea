package dev.ledger.app.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reference consumer of the ledger's integration events, written the way a system outside the ledger would
 * write it: plain kafka-clients and a JSON parser, nothing from Axon or from the ledger's code. The contract it
 * relies on is the AsyncAPI document in {@code api-contracts} ({@code asyncapi/v1}).
 *
 * <ul>
 *   <li>It reads the topics from the beginning (all partitions, no consumer group).</li>
 *   <li>Delivery is at least once, so it handles each {@code axon-message-id} once and counts the rest as
 *       duplicates.</li>
 *   <li>It dispatches on {@code axon-message-type}, skips types it does not know, and keeps a balance per
 *       account by summing the money movements; it never reads {@code balanceAfter}.</li>
 *   <li>It keeps what is held on each account for two-phase transfers, from the holds placed, captured and
 *       released; the available balance is the balance less that. It never reads {@code availableAfter}.</li>
 * </ul>
 *
 * <p>It keeps its state in memory because it rebuilds it from the beginning each time. A consumer that keeps
 * state stores the handled ids (or, since a key's records are in order, the highest
 * {@code axon-message-aggregate-seq} per key) in the same transaction as the state they changed.
 */
public final class ReferenceConsumer implements AutoCloseable {

    /** One record as it was read, with the headers a consumer relies on, and whether its id was seen before. */
    public record Received(String topic, int partition, long offset, String key, String messageId, String type,
                           long aggregateSequence, Instant occurredAt, Instant receivedAt, JsonNode event,
                           boolean duplicate, Map<String, String> headers) {

        /** The event's simple name, such as {@code AccountDebited}. */
        public String eventName() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> handled = new HashSet<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private final List<Received> received = new ArrayList<>();

    public ReferenceConsumer(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "reference-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = Arrays.stream(topics)
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream())
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until {@code done} holds; returns whether it did before {@code timeout}. */
    public boolean pollUntil(BooleanSupplier done, Duration timeout) {
        try {
            // A KafkaConsumer belongs to one thread: the caller's. Its poll waits for records, so no pause between.
            Awaitility.await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    // The broker and the ledger share this JVM; their threads' failures are theirs to handle.
                    .dontCatchUncaughtExceptions()
                    .until(() -> {
                        if (!done.getAsBoolean()) {
                            consumer.poll(Duration.ofMillis(50)).forEach(this::handle);
                        }
                        return done.getAsBoolean();
                    });
            return true;
        } catch (ConditionTimeoutException timeIsUp) {
            return done.getAsBoolean();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Instant receivedAt = Instant.now();
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String messageId = headers.get("axon-message-id");
        String type = headers.get("axon-message-type");
        boolean duplicate = !handled.add(messageId);
        JsonNode event = JSON.readTree(record.value());
        received.add(new Received(record.topic(), record.partition(), record.offset(), record.key(), messageId, type,
                longHeader(record, "axon-message-aggregate-seq"),
                Instant.ofEpochMilli(longHeader(record, "axon-message-timestamp")), receivedAt, event, duplicate,
                headers));
        if (!duplicate) {
            apply(type.substring(type.lastIndexOf('.') + 1), event);
        }
    }

    private void apply(String eventName, JsonNode event) {
        switch (eventName) {
            case "MoneyDeposited", "AccountCredited", "AccountDebitRefunded" -> move(event, 1);
            case "MoneyWithdrawn", "AccountDebited" -> move(event, -1);
            case "AccountFundsHeld" -> hold(event, "amount", 1);
            case "AccountHoldCaptured" -> {
                // The captured amount is posted as a debit; all of the hold, captured and released, is let go.
                move(event, -1);
                hold(event, "amount", -1);
                hold(event, "released", -1);
            }
            case "AccountHoldReleased" -> hold(event, "amount", -1);
            default -> {
                // Lifecycle and transfer events move no money, nor does a review's resolution: its amount and its
                // evidence's are movements that the accounts' own events carry. Types added later are skipped.
            }
        }
    }

    private void move(JsonNode event, long sign) {
        add(balances, event, "amount", sign);
    }

    private void hold(JsonNode event, String field, long sign) {
        add(held, event, field, sign);
    }

    private static void add(Map<String, Long> totals, JsonNode event, String field, long sign) {
        String accountId = event.path("accountId").path("value").asString();
        long minorUnits = event.path(field).path("minorUnits").asLong();
        totals.merge(accountId, Math.multiplyExact(sign, minorUnits), Math::addExact);
    }

    /** Axon writes numeric headers (timestamp, sequence) as 8-byte big-endian longs. */
    private static long longHeader(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }

    /** The balance in minor units, from the movements read so far; zero for an account without any. */
    public long balanceOf(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    /** What two-phase transfers hold on the account, in minor units, from the holds read so far. */
    public long heldOn(String accountId) {
        return held.getOrDefault(accountId, 0L);
    }

    /** Every record read so far, duplicates included, in the order read. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The first copy of each event read so far, in the order read. */
    public List<Received> distinct() {
        return received.stream().filter(record -> !record.duplicate()).toList();
    }

    public long duplicates() {
        return received.stream().filter(Received::duplicate).count();
    }

    /** Whether the event with this {@code axon-message-id} has been read. */
    public boolean hasHandled(String messageId) {
        return handled.contains(messageId);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
