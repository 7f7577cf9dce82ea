package dev.ledger.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.ledger.api.Reference;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.review.ReviewAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which events leave the ledger is a decision made once per event, and the published contract says exactly
 * what is published: same events, same topics, same fields.
 */
class PublicEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventContract contract = new EventContract();

    @Test
    void everyEventOfTheContractsModuleIsEitherPublishedOrDeliberatelyKeptInside() {
        Set<Class<?>> events = new ClassFileImporter().importPackages("dev.ledger.api").stream()
                .filter(type -> type.isAnnotatedWith(Revision.class))
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());

        Set<Class<?>> decided = new HashSet<>(PublicEvents.PUBLISHED.keySet());
        decided.addAll(PublicEvents.INTERNAL);
        assertThat(events).as("every @Revision event is published or internal, by name").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(decided);
        assertThat(PublicEvents.PUBLISHED.keySet()).doesNotContainAnyElementsOf(PublicEvents.INTERNAL);
    }

    @Test
    void theAsyncApiDocumentPutsExactlyThePublishedEventsOnTheirTopics() {
        assertThat(contract.document().path("asyncapi").asString()).startsWith("3.0");
        assertThat(contract.addressOf("accounts")).isEqualTo("ledger.accounts");
        assertThat(contract.addressOf("transfers")).isEqualTo("ledger.transfers");
        assertThat(contract.messagesOn("accounts")).isEqualTo(publishedOn(PublicEvents.Stream.ACCOUNTS));
        assertThat(contract.messagesOn("transfers")).isEqualTo(publishedOn(PublicEvents.Stream.TRANSFERS));
        PublicEvents.PUBLISHED.keySet().forEach(event ->
                assertThat(contract.axonTypeOf(event.getSimpleName())).as(event.getSimpleName())
                        .isEqualTo(event.getName()));
    }

    /**
     * Fields added to a published event within version 1 of the contract. Records published before them lack them,
     * and stay in the topics, so the schema declares them and does not require them.
     */
    private static final Map<Class<?>, Set<String>> ADDED_WITHIN_VERSION_ONE = Map.of(
            TransferRequested.class, Set.of("capture", "expiresAt"));

    @Test
    void eachSchemaRequiresExactlyTheFieldsOfItsEventSaveThoseAddedSince() {
        PublicEvents.PUBLISHED.keySet().forEach(event -> {
            JsonNode schema = contract.schemaDocumentOf(event.getSimpleName());
            Set<String> fields = Arrays.stream(event.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> required = new TreeSet<>(fields);
            required.removeAll(ADDED_WITHIN_VERSION_ONE.getOrDefault(event, Set.of()));
            assertThat(schema.path("title").asString()).isEqualTo(event.getSimpleName());
            assertThat(new TreeSet<>(schema.path("properties").propertyNames())).as(event.getSimpleName())
                    .isEqualTo(fields);
            assertThat(schema.path("required").valueStream().map(JsonNode::asString).toList())
                    .as(event.getSimpleName()).containsExactlyInAnyOrderElementsOf(required);
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        });
    }

    /** A consumer reading a topic from its start meets both shapes of a transfer request; the schema takes both. */
    @Test
    void aTransferRequestIsValidWithOrWithoutTheFieldsOfTwoPhaseTransfers() {
        ObjectNode before = JSON.createObjectNode();
        before.putObject("transferId").put("value", "t-1");
        before.putObject("sourceAccountId").put("value", "alice-eur");
        before.putObject("destinationAccountId").put("value", "bob-eur");
        before.putObject("amount").put("minorUnits", 100).put("currency", "EUR");
        before.putNull("reference");
        before.putObject("requestedBy").put("principal", "alice").put("scope", "OWN_ACCOUNTS");
        ObjectNode automatic = before.deepCopy().put("capture", "AUTOMATIC").putNull("expiresAt");
        ObjectNode manual = before.deepCopy().put("capture", "MANUAL").put("expiresAt", "2026-12-07T10:00:00Z");

        assertThat(contract.violations("TransferRequested", before)).isEmpty();
        assertThat(contract.violations("TransferRequested", automatic)).isEmpty();
        assertThat(contract.violations("TransferRequested", manual)).isEmpty();
        assertThat(contract.violations("TransferRequested", manual.deepCopy().putNull("expiresAt")))
                .as("a MANUAL transfer always expires").isNotEmpty();
        assertThat(contract.violations("TransferRequested", automatic.deepCopy().put("expiresAt",
                "2026-12-07T10:00:00Z"))).as("an AUTOMATIC transfer never does").isNotEmpty();
    }

    /**
     * A published event carries a rule's code as its reason, the one its transfer was reviewed for, or an account's
     * refusal in a review's evidence. A code the schema did not list would fail a validating consumer on an event the
     * ledger stored correctly.
     */
    @Test
    void theErrorCodeSchemaListsEveryCodeOfTheLedger() {
        JsonNode codes = contract.schemaDocumentOf("common").path("definitions").path("ErrorCode").path("enum");
        assertThat(codes.valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(LedgerErrorCode.values()).map(Enum::name).toList());
    }

    /**
     * Four eyes as a consumer can check it: a resolution names an approver exactly when its action needs one, and
     * only such actions are proposed.
     */
    @Test
    void aResolutionNamesAnApproverExactlyWhenItsActionNeedsFourEyes() {
        for (ReviewAction action : ReviewAction.values()) {
            ObjectNode resolved = JSON.createObjectNode();
            resolved.putObject("transferId").put("value", "t-1");
            resolved.put("resolutionId", "r-1");
            resolved.put("action", action.name());
            resolved.put("reviewedFor", "STEP_TIMED_OUT");
            resolved.put("decidedBy", "admin");
            resolved.put("reason", "checked the accounts");
            resolved.putNull("approval");
            resolved.putObject("evidence").put("checkedAt", "2026-12-07T10:00:00Z").putArray("legs");
            boolean resumes = action == ReviewAction.REFUND || action == ReviewAction.RETRY;
            resolved.put("resumedLeg", resumes ? "REFUND" : null);
            if (resumes) {
                resolved.putObject("amount").put("minorUnits", 100).put("currency", "EUR");
            } else {
                resolved.putNull("amount");
            }
            ObjectNode approved = resolved.deepCopy().put("approvedBy", "admin2");
            ObjectNode unapproved = resolved.deepCopy().putNull("approvedBy");

            assertThat(contract.violations("TransferReviewResolved", approved).isEmpty()).as(action + " approved")
                    .isEqualTo(action.needsFourEyes());
            assertThat(contract.violations("TransferReviewResolved", unapproved).isEmpty()).as(action + " alone")
                    .isEqualTo(!action.needsFourEyes());

            ObjectNode proposed = JSON.createObjectNode();
            proposed.putObject("transferId").put("value", "t-1");
            proposed.put("resolutionId", "r-1");
            proposed.put("action", action.name());
            proposed.put("reason", "checked the accounts");
            proposed.put("proposedBy", "admin");
            proposed.putObject("evidence").put("checkedAt", "2026-12-07T10:00:00Z").putArray("legs");
            proposed.put("expiresAt", "2026-12-08T10:00:00Z");
            assertThat(contract.violations("TransferResolutionProposed", proposed).isEmpty()).as(action + " proposed")
                    .isEqualTo(action.needsFourEyes());
        }
    }

    /** The schema promises consumers what the ledger holds every reference to, and no more. */
    @Test
    void theReferenceSchemaAcceptsExactlyTheReferencesTheLedgerAccepts() {
        List<String> samples = List.of("", "Invoice 2026/11 – café", "x".repeat(Reference.MAX_LENGTH),
                "x".repeat(Reference.MAX_LENGTH + 1), "line\nbreak", "tab\there", "bell\u0007", "del\u007F",
                "rtl \u202Eoverride", "zero\u200Bwidth", "line\u2028separator", "nbsp\u00A0ok", "日本語 ok");
        for (String reference : samples) {
            boolean ledgerAccepts;
            try {
                Reference.requireValid(reference);
                ledgerAccepts = true;
            } catch (IllegalArgumentException refused) {
                ledgerAccepts = false;
            }
            ObjectNode deposited = JSON.createObjectNode();
            deposited.putObject("accountId").put("value", "alice-eur");
            deposited.putNull("movementId");
            deposited.putObject("amount").put("minorUnits", 100).put("currency", "EUR");
            deposited.put("reference", reference);
            deposited.putObject("balanceAfter").put("minorUnits", 100).put("currency", "EUR");
            assertThat(contract.violations("MoneyDeposited", deposited).isEmpty()).as(reference.codePoints()
                    .mapToObj(Integer::toHexString).toList().toString()).isEqualTo(ledgerAccepts);
        }
        assertThat(Reference.requireValid(null)).isNull();
    }

    @Test
    void theBridgeStartsWithTheShippedSettingsAndRefusesAnyThatWouldLoseEvents() {
        assertThatCode(() -> KafkaBridgeConfiguration.refuseSettingsThatLoseEvents(safe())).doesNotThrowAnyException();

        List<Consumer<KafkaProperties>> unsafe = List.of(
                kafka -> kafka.getPublisher().setConfirmationMode(ConfirmationMode.NONE),
                kafka -> kafka.getProducer().setEventProcessorMode(KafkaProperties.EventProcessorMode.SUBSCRIBING),
                kafka -> kafka.getProducer().setAcks("1"),
                kafka -> kafka.getProducer().getProperties().remove("enable.idempotence"),
                kafka -> kafka.getProducer().setRetries(0),
                kafka -> kafka.getPublisher().setProcessingGroup("__axon-kafka-event-publishing-group"));
        unsafe.forEach(change -> {
            KafkaProperties kafka = safe();
            change.accept(kafka);
            assertThatThrownBy(() -> KafkaBridgeConfiguration.refuseSettingsThatLoseEvents(kafka))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The Kafka bridge could lose events");
        });
    }

    private static Set<String> publishedOn(PublicEvents.Stream stream) {
        return PublicEvents.PUBLISHED.entrySet().stream()
                .filter(entry -> entry.getValue() == stream)
                .map(entry -> entry.getKey().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The settings that profile {@code kafka} ships, bound as Spring binds them. */
    private static KafkaProperties safe() {
        try {
            List<PropertySource<?>> profile = new YamlPropertySourceLoader()
                    .load("application-kafka.yml", new ClassPathResource("application-kafka.yml"));
            return new Binder(ConfigurationPropertySources.from(profile))
                    .bind("axon.kafka", Bindable.ofInstance(new KafkaProperties()))
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
