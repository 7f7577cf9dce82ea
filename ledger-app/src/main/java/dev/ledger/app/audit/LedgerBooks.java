package dev.ledger.app.audit;

import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.app.audit.AccountReplay.MalformedHistory;
import dev.ledger.app.audit.BooksReport.Conservation;
import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.BooksReport.StuckTransfer;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The whole ledger replayed from its events, fed one event at a time in the event store's order: every
 * account's state, every transfer's legs, and the cash that came in and went out per currency. It holds one
 * small entry per account and per transfer, never the events themselves. It knows nothing of read models.
 */
final class LedgerBooks {

    private final Map<String, AuditedAccount> accounts = new LinkedHashMap<>();
    private final Map<TransferId, TransferTrail> transfers = new HashMap<>();
    private final Map<String, BigInteger> deposits = new TreeMap<>();
    private final Map<String, BigInteger> withdrawals = new TreeMap<>();
    private final List<Mismatch> eventMismatches = new ArrayList<>();
    private long eventsReplayed;

    /**
     * Records the next event. {@code position} is its place in the event store and {@code readModelKey} the key
     * by which the account read model's processor assigns it to a segment; both serve to tell lag from error.
     */
    void record(DomainEventMessage<?> event, long position, Object readModelKey) {
        eventsReplayed++;
        Object payload = event.getPayload();
        if (payload instanceof MoneyDeposited deposit) {
            add(deposits, deposit.amount());
        } else if (payload instanceof MoneyWithdrawn withdrawal) {
            add(withdrawals, withdrawal.amount());
        }
        if (payload instanceof TransferEvent transferEvent) {
            transfers.computeIfAbsent(transferEvent.transferId(), id -> new TransferTrail()).record(event)
                    .ifPresent(eventMismatches::add);
        }
        if (AccountReplay.isAccountEvent(payload)) {
            accounts.computeIfAbsent(event.getAggregateIdentifier(), AuditedAccount::new)
                    .record(event, position, readModelKey, eventMismatches::add);
        }
    }

    Collection<AuditedAccount> accounts() {
        return accounts.values();
    }

    long eventsReplayed() {
        return eventsReplayed;
    }

    /** Disagreements found inside the events: histories that cannot be replayed, and wrong recorded balances. */
    List<Mismatch> eventMismatches() {
        return List.copyOf(eventMismatches);
    }

    /** Conservation per currency, in currency-code order. */
    List<Conservation> conservation() {
        Map<String, BigInteger> balances = new TreeMap<>();
        Map<String, BigInteger> pending = new TreeMap<>();
        accounts.values().stream()
                .filter(AuditedAccount::isSound)
                .forEach(account -> {
                    add(balances, account.replay().balance());
                    add(pending, account.replay().pending());
                });
        Map<String, BigInteger> inFlight = new TreeMap<>();
        transfers.values().stream()
                .filter(TransferTrail::isInFlight)
                .forEach(transfer -> add(inFlight, transfer.debited()));
        Map<String, BigInteger> openHolds = new TreeMap<>();
        soundHolds().forEach(transfer -> add(openHolds, transfer.hold().held()));
        return conservation(new Totals(balances, inFlight, deposits, withdrawals, pending, openHolds));
    }

    /**
     * The totals per currency code that conservation is judged from; {@code pending} is what sound accounts hold,
     * {@code openHolds} what the transfers holding money on sound accounts hold.
     */
    record Totals(Map<String, BigInteger> balances, Map<String, BigInteger> inFlight,
                  Map<String, BigInteger> deposits, Map<String, BigInteger> withdrawals,
                  Map<String, BigInteger> pending, Map<String, BigInteger> openHolds) {
    }

    /** Conservation per currency, in currency-code order, from totals per currency code. */
    static List<Conservation> conservation(Totals totals) {
        Set<String> currencies = new TreeSet<>();
        List.of(totals.balances(), totals.inFlight(), totals.deposits(), totals.withdrawals(), totals.pending(),
                totals.openHolds()).forEach(sums -> currencies.addAll(sums.keySet()));
        return currencies.stream().map(currency -> {
            BigInteger held = totals.balances().getOrDefault(currency, BigInteger.ZERO);
            BigInteger moving = totals.inFlight().getOrDefault(currency, BigInteger.ZERO);
            BigInteger in = totals.deposits().getOrDefault(currency, BigInteger.ZERO);
            BigInteger out = totals.withdrawals().getOrDefault(currency, BigInteger.ZERO);
            BigInteger pending = totals.pending().getOrDefault(currency, BigInteger.ZERO);
            BigInteger holds = totals.openHolds().getOrDefault(currency, BigInteger.ZERO);
            boolean ok = held.add(moving).equals(in.subtract(out)) && pending.equals(holds);
            return new Conservation(currency, ok, held, moving, in, out, pending, holds);
        }).toList();
    }

    /**
     * Sound accounts whose pending is not the sum of the holds open on them, as findings: {@code expected} is what
     * the transfers hold there, {@code actual} what the account's events add up to, at its last event.
     */
    List<Mismatch> holdMismatches() {
        Map<String, Money> holding = new HashMap<>();
        soundHolds().forEach(transfer -> holding.merge(transfer.hold().accountId(), transfer.hold().held(),
                Money::plus));
        List<Mismatch> found = new ArrayList<>();
        accounts.values().stream().filter(AuditedAccount::isSound).forEach(account -> {
            AccountReplay replay = account.replay();
            Money held = holding.getOrDefault(replay.accountId(), Money.zero(replay.pending().currency()));
            if (!held.equals(replay.pending())) {
                found.add(holdMismatch(replay.accountId(), held.minorUnits(), replay.pending().minorUnits(),
                        replay.lastSequence()));
            }
        });
        return found;
    }

    static Mismatch holdMismatch(String accountId, long openHolds, long pending, long lastSequence) {
        return new Mismatch(accountId, "pending", openHolds, pending, lastSequence);
    }

    // Holds on accounts whose history broke are left out, as the accounts themselves are.
    private Stream<TransferTrail> soundHolds() {
        return transfers.values().stream()
                .filter(TransferTrail::isHolding)
                .filter(transfer -> {
                    AuditedAccount account = accounts.get(transfer.hold().accountId());
                    return account != null && account.isSound();
                });
    }

    /** Transfers that have not ended and have had no event since {@code now - threshold}, oldest first. */
    List<StuckTransfer> stuckTransfers(Instant now, Duration threshold) {
        Instant quietSince = now.minus(threshold);
        return transfers.entrySet().stream()
                .filter(entry -> entry.getValue().isQuietSince(quietSince))
                .map(entry -> new StuckTransfer(entry.getKey().value(), entry.getValue().lastEvent(),
                        entry.getValue().lastEventAt()))
                .sorted(Comparator.comparing(StuckTransfer::lastEventAt))
                .toList();
    }

    private static void add(Map<String, BigInteger> totals, Money amount) {
        totals.merge(amount.currency().getCurrencyCode(), BigInteger.valueOf(amount.minorUnits()), BigInteger::add);
    }

    /**
     * One account as replayed, with where its last event stands for the read model's processor. The books
     * projection keeps the same state in its tables and resumes it event by event.
     */
    static final class AuditedAccount {

        private final AccountReplay replay;
        private boolean malformed;
        private long lastPosition = -1;
        private Object readModelKey;

        AuditedAccount(String accountId) {
            this.replay = new AccountReplay(accountId);
        }

        /** An account as the books projection stored it. */
        AuditedAccount(AccountReplay replay, boolean malformed, long lastPosition, Object readModelKey) {
            this.replay = replay;
            this.malformed = malformed;
            this.lastPosition = lastPosition;
            this.readModelKey = readModelKey;
        }

        /** Records the account's next event; what it finds inside the events goes to {@code findings}. */
        void record(DomainEventMessage<?> event, long position, Object key, Consumer<Mismatch> findings) {
            lastPosition = position;
            readModelKey = key;
            if (malformed) {
                return;
            }
            try {
                replay.audit(event).forEach(findings);
            } catch (MalformedHistory e) {
                // Nothing after a broken event can be trusted: one report per account, and no balance from it.
                malformed = true;
                findings.accept(e.finding());
            }
        }

        boolean isMalformed() {
            return malformed;
        }

        AccountReplay replay() {
            return replay;
        }

        /** Whether the history replayed cleanly, so its state can be compared and counted. */
        boolean isSound() {
            return !malformed && replay.isOpened();
        }

        long lastPosition() {
            return lastPosition;
        }

        Object readModelKey() {
            return readModelKey;
        }
    }
}
