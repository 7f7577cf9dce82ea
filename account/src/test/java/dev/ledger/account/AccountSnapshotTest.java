package dev.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.api.account.FreezeAccount;
import dev.ledger.api.account.MovementId;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.account.UnfreezeAccount;
import dev.ledger.api.account.WithdrawMoney;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.axonframework.common.caching.NoCache;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An account loaded from its latest snapshot and the events after it must be the account that a replay of its whole
 * stream builds: otherwise a snapshot would change what the account decides next.
 */
class AccountSnapshotTest {

    private static final AccountId ACCOUNT = new AccountId("acc-snap");
    private static final AccountId OTHER = new AccountId("acc-other");
    private static final int THRESHOLD = 7;
    private static final Instant REQUESTED_AT = Instant.now();

    private static final JacksonSerializer SERIALIZER = LoadedAccounts.ledgerSerializer();

    private final InMemoryEventStorageEngine snapshotted = new SerializingSnapshots();
    private final InMemoryEventStorageEngine replayedInFull = new InMemoryEventStorageEngine();
    private Configuration withSnapshots;
    private Configuration withoutSnapshots;

    @AfterEach
    void shutDown() {
        withSnapshots.shutdown();
        withoutSnapshots.shutdown();
    }

    @Test
    void aSnapshotPlusItsTailIsTheAccountThatAFullReplayBuilds() {
        withSnapshots = axon(snapshotted, THRESHOLD);
        long seed = Long.getLong("ledger.snapshot.seed", System.nanoTime());
        for (Object command : history(new Random(seed), 60)) {
            try {
                withSnapshots.commandGateway().sendAndWait(command);
            } catch (RuntimeException refused) {
                // a refused request records nothing; the history goes on
            }
        }
        assertThat(withSnapshots.eventStore().readEvents(ACCOUNT.value()).peek().getPayload())
                .as("a load starts from a snapshot").isInstanceOf(Account.class);
        // A copy of the raw events, without the snapshot, to replay from the first.
        List<? extends DomainEventMessage<?>> whole = snapshottedStream();
        replayedInFull.appendEvents(whole);
        withoutSnapshots = axon(replayedInFull, Integer.MAX_VALUE);

        String rerun = "seed " + seed + " (rerun with -Dledger.snapshot.seed=" + seed + ")";
        assertThat(LoadedAccounts.load(withSnapshots, ACCOUNT)).as(rerun).usingRecursiveComparison().isEqualTo(LoadedAccounts.load(withoutSnapshots, ACCOUNT));
        assertThat(whole).hasSizeGreaterThan(2 * THRESHOLD);
    }

    private List<? extends DomainEventMessage<?>> snapshottedStream() {
        return snapshotted.readEvents(ACCOUNT.value(), 0).asStream().collect(Collectors.toList());
    }

    /** Every kind of event the account records, legs and cash movements refused and repeated among them. */
    private static List<Object> history(Random random, int length) {
        List<Object> commands = new ArrayList<>();
        commands.add(new OpenAccount(ACCOUNT, "owner", Money.currencyOf("EUR"), eur(1_000), Requester.staff("teller")));
        for (int i = 0; i < length; i++) {
            TransferId transfer = new TransferId("tr-" + random.nextInt(length / 2));
            Money amount = eur(1 + random.nextInt(900));
            MovementId movement = random.nextBoolean() ? new MovementId("mv-" + random.nextInt(length / 4)) : null;
            commands.add(switch (random.nextInt(8)) {
                case 0 -> new DepositMoney(ACCOUNT, movement, amount, "cash");
                case 1 -> new WithdrawMoney(ACCOUNT, movement, amount, "cash");
                case 2 -> new DebitAccount(ACCOUNT, transfer, amount, Requester.owner("owner"), REQUESTED_AT);
                case 3 -> new CreditAccount(ACCOUNT, transfer, amount, REQUESTED_AT);
                case 4 -> new RefundAccountDebit(ACCOUNT, transfer, amount, LedgerErrorCode.ACCOUNT_FROZEN, REQUESTED_AT);
                case 5 -> new FreezeAccount(ACCOUNT);
                case 6 -> new UnfreezeAccount(ACCOUNT);
                default -> new CreditAccount(OTHER, transfer, amount, REQUESTED_AT);
            });
        }
        return commands;
    }

    private static Money eur(long cents) {
        return Money.of(cents, "EUR");
    }

    private static Configuration axon(InMemoryEventStorageEngine storage, int snapshotThreshold) {
        var configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(configuration -> SERIALIZER)
                .configureEmbeddedEventStore(configuration -> storage);
        new AccountModule(NoCache.INSTANCE, snapshotThreshold).configureModule(configurer);
        return configurer.start();
    }

    /**
     * The in-memory store hands out a snapshot's payload as the very object it was given, and each load would then
     * mutate that one object. Every real store serializes it, with the ledger's settings (fields, not getters, are
     * the state); this one does too, so that each load starts from its own copy, as from the database or Axon Server.
     */
    private static final class SerializingSnapshots extends InMemoryEventStorageEngine {

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return super.readSnapshot(aggregateIdentifier).map(snapshot -> {
                SerializedObject<byte[]> stored = SERIALIZER.serialize(snapshot.getPayload(), byte[].class);
                return new GenericDomainEventMessage<>(snapshot.getType(), snapshot.getAggregateIdentifier(),
                        snapshot.getSequenceNumber(), SERIALIZER.deserialize(stored), snapshot.getMetaData(),
                        snapshot.getIdentifier(), snapshot.getTimestamp());
            });
        }
    }
}
