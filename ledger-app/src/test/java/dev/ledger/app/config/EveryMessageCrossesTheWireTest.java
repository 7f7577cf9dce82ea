package dev.ledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ledger.LedgerApplication;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.transfer.TransferProcess;
import dev.ledger.transfer.TransferProcess.Stage;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Everything the ledger sends over a bus, stores as an event, or keeps as saga or deadline state comes back equal
 * through each serializer the application configures. A local bus passes objects by reference, so without this
 * test a type that Axon Server cannot carry (an {@code Optional}, a bare {@code List} whose elements come back as
 * maps) is found only in production. The types are found by scanning the handlers, not listed by hand, so a new
 * message cannot be forgotten.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EveryMessageCrossesTheWireTest {

    private static final List<Class<? extends Annotation>> HANDLERS = List.of(CommandHandler.class,
            EventHandler.class, EventSourcingHandler.class, SagaEventHandler.class, QueryHandler.class,
            DeadlineHandler.class);

    /** Handlers whose return value is a response that travels back to the sender. */
    private static final List<Class<? extends Annotation>> ANSWERING = List.of(CommandHandler.class,
            QueryHandler.class);

    private static JavaClasses ledger;

    @Autowired
    private ApplicationContext applicationContext;

    @Autowired
    private Serializer serializer;

    @Autowired
    @Qualifier("messageSerializer")
    private Serializer messageSerializer;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @BeforeAll
    static void scanTheLedger() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ledger");
    }

    @Test
    void everyPayloadAndAnswerOfAHandlerComesBackEqual() {
        Map<String, Type> wireTypes = new TreeMap<>();
        for (JavaClass type : ledger) {
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                if (HANDLERS.stream().noneMatch(unit::isAnnotatedWith)) {
                    continue;
                }
                Executable handler = (Executable) unit.reflect();
                // A handler of every event (the books projection) names no type of its own: the others cover its.
                // Nor does a deadline without a payload, whose parameters are all resources (beans) Axon injects.
                if (handler.getParameterCount() > 0 && handler.getGenericParameterTypes()[0] != Object.class
                        && !isInjectedResource(handler.getParameterTypes()[0])) {
                    wireTypes.put(handler.getGenericParameterTypes()[0].getTypeName(),
                            handler.getGenericParameterTypes()[0]);
                }
                if (handler instanceof Method method && ANSWERING.stream().anyMatch(unit::isAnnotatedWith)
                        && method.getReturnType() != void.class) {
                    wireTypes.put(method.getGenericReturnType().getTypeName(), method.getGenericReturnType());
                }
            }
        }
        assertThat(wireTypes).as("the scan found the ledger's handlers").hasSizeGreaterThan(30);

        List<String> failures = new ArrayList<>();
        for (Type type : wireTypes.values()) {
            for (Object sample : Samples.allOf(type)) {
                failures.addAll(roundTripEqual(sample));
            }
        }
        assertThat(failures).as("messages that do not survive the wire").isEmpty();
    }

    private boolean isInjectedResource(Class<?> parameterType) {
        return applicationContext.getBeanNamesForType(parameterType).length > 0;
    }

    /** Subscription-query updates, views and value types: everything public in the contracts module. */
    @Test
    void everyContractTypeComesBackEqual() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (JavaClass type : ledger) {
            if (type.getPackageName().startsWith("dev.ledger.api") && type.getModifiers().contains(
                    com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    && (type.isRecord() || type.isEnum())) {
                for (Object sample : Samples.allOf(type.reflect())) {
                    failures.addAll(roundTripEqual(sample));
                    checked++;
                }
            }
        }
        assertThat(checked).as("contract samples checked").isGreaterThan(40);
        assertThat(failures).as("contract types that do not survive the wire").isEmpty();
    }

    /** A query that finds nothing answers {@code null}, which must also cross the wire as nothing. */
    @Test
    void aQueryThatFindsNothingAnswersNothing() {
        for (Serializer each : List.of(serializer, messageSerializer, eventSerializer)) {
            SerializedObject<byte[]> nothing = each.serialize(null, byte[].class);
            assertThat((Object) each.deserialize(nothing)).isNull();
        }
    }

    /** Saga state and deadline payloads go through the general serializer, as the saga store and db-scheduler use it. */
    @Test
    void everySagaKeepsEveryFieldThroughItsStore() throws ReflectiveOperationException {
        int sagas = 0;
        for (JavaClass type : ledger) {
            boolean isSaga = type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(StartSaga.class));
            if (!isSaga) {
                continue;
            }
            sagas++;
            Class<?> sagaType = type.reflect();
            Constructor<?> constructor = sagaType.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object saga = constructor.newInstance();
            List<Field> fields = instanceFields(sagaType);
            for (Field field : fields) {
                field.setAccessible(true);
                field.set(saga, Samples.allOf(field.getGenericType()).get(0));
            }
            Object back = serializer.deserialize(serializer.serialize(saga, byte[].class));
            assertThat(back).as(sagaType.getSimpleName() + " through the saga store")
                    .usingRecursiveComparison().isEqualTo(saga);
            for (Field field : fields) {
                assertThat(field.get(back)).as(sagaType.getSimpleName() + "." + field.getName()).isNotNull();
            }
        }
        assertThat(sagas).as("sagas found").isPositive();
    }

    private List<String> roundTripEqual(Object sample) {
        List<String> failures = new ArrayList<>();
        Map<String, Serializer> serializers = new LinkedHashMap<>();
        serializers.put("general", serializer);
        serializers.put("messages", messageSerializer);
        serializers.put("events", eventSerializer);
        serializers.forEach((name, each) -> {
            try {
                Object back = each.deserialize(each.serialize(sample, byte[].class));
                if (!sample.equals(back)) {
                    failures.add(describe(sample) + " via " + name + " came back as " + describe(back));
                }
            } catch (RuntimeException e) {
                failures.add(describe(sample) + " via " + name + " failed: " + e.getMessage());
            }
        });
        return failures;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName() + " " + value;
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    /**
     * Sample values of a type: every constant of an enum, and for a record one instance built through its canonical
     * constructor from samples of its components, none of them {@code null}. A record whose invariants these samples
     * break fails the test with its name, to be given a sample of its own below.
     */
    static final class Samples {

        private static final java.time.Instant SAMPLE_INSTANT = java.time.Instant.parse("2026-11-23T10:00:00.123456Z");

        private Samples() {
        }

        static List<Object> allOf(Type type) {
            if (type instanceof ParameterizedType generic) {
                Class<?> raw = (Class<?>) generic.getRawType();
                Type[] arguments = generic.getActualTypeArguments();
                if (raw == java.util.Optional.class) {
                    return List.of(java.util.Optional.of(allOf(arguments[0]).get(0)));
                }
                if (List.class.isAssignableFrom(raw) || raw == java.util.Collection.class) {
                    return List.of(List.of(allOf(arguments[0]).get(0)));
                }
                if (Set.class.isAssignableFrom(raw)) {
                    return List.of(new LinkedHashSet<>(List.of(allOf(arguments[0]).get(0))));
                }
                if (Map.class.isAssignableFrom(raw)) {
                    return List.of(Map.of(allOf(arguments[0]).get(0), allOf(arguments[1]).get(0)));
                }
                throw new IllegalArgumentException("No samples of " + type);
            }
            Class<?> raw = (Class<?>) type;
            if (raw.isEnum()) {
                return List.of(raw.getEnumConstants());
            }
            Object known = known(raw);
            if (known != null) {
                return List.of(known);
            }
            if (raw.isRecord()) {
                return List.of(record(raw));
            }
            throw new IllegalArgumentException("No samples of " + raw.getName() + ": give it one in Samples.known");
        }

        private static Object known(Class<?> type) {
            if (type == String.class) {
                return "sample-1";
            }
            if (type == long.class || type == Long.class) {
                return 2_500L;
            }
            if (type == int.class || type == Integer.class) {
                return 3;
            }
            if (type == boolean.class || type == Boolean.class) {
                return true;
            }
            if (type == java.time.Instant.class) {
                return SAMPLE_INSTANT;
            }
            if (type == java.time.Duration.class) {
                return java.time.Duration.ofSeconds(30);
            }
            if (type == java.util.Currency.class) {
                return java.util.Currency.getInstance("EUR");
            }
            if (type == TransferProcess.class) {
                return aTransferProcessWithEveryFieldSet();
            }
            // A request's capture mode and expiry go together: a MANUAL one, the kind with every field set.
            if (type == RequestTransfer.class) {
                return new RequestTransfer(new TransferId("sample-1"), new AccountId("sample-1"),
                        new AccountId("sample-2"), Money.of(2_500, "EUR"), "sample-1", Requester.owner("sample-1"),
                        CaptureMode.MANUAL, SAMPLE_INSTANT);
            }
            if (type == TransferRequested.class) {
                return new TransferRequested(new TransferId("sample-1"), new AccountId("sample-1"),
                        new AccountId("sample-2"), Money.of(2_500, "EUR"), "sample-1", Requester.owner("sample-1"),
                        CaptureMode.MANUAL, SAMPLE_INSTANT);
            }
            if (type == dev.ledger.api.account.LegDecision.class) {
                return dev.ledger.api.account.LegDecision.rejected(
                        dev.ledger.api.error.LedgerErrorCode.INSUFFICIENT_FUNDS);
            }
            return null;
        }

        // Held, authorized, captured in part, refused at the credit, refunded and finishing, its final command sent
        // once already: every field holds a value but the outcome of a release, which a captured transfer never has.
        private static TransferProcess aTransferProcessWithEveryFieldSet() {
            TransferProcess process = TransferProcess.requested((TransferRequested) known(TransferRequested.class),
                    SAMPLE_INSTANT);
            process.decided(Stage.HOLDING, dev.ledger.api.account.LegDecision.applied());
            process.authorized();
            process.captureRequested(Money.of(2_000, "EUR"), SAMPLE_INSTANT.plusSeconds(60));
            process.decided(Stage.CAPTURING, dev.ledger.api.account.LegDecision.applied());
            process.decided(Stage.CREDITING, dev.ledger.api.account.LegDecision.rejected(
                    dev.ledger.api.error.LedgerErrorCode.ACCOUNT_FROZEN));
            process.decided(Stage.REFUNDING, dev.ledger.api.account.LegDecision.applied());
            process.timedOut(Stage.FINISHING);
            return process;
        }

        private static Object record(Class<?> type) {
            var components = type.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                parameterTypes[i] = components[i].getType();
                arguments[i] = allOf(components[i].getGenericType()).get(0);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
                canonical.setAccessible(true);
                return canonical.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                return fail("Cannot build a sample " + type.getName() + " from " + List.of(arguments)
                        + "; give it one in Samples.known", e);
            }
        }
    }
}
