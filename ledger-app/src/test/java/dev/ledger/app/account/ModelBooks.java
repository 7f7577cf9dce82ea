package dev.ledger.app.account;

import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;

/**
 * What the model expects, kept apart from the ledger (accounts opened, cash the ledger accepted, transfers it
 * accepted), and the invariants checked against the journal of committed events. A broken invariant throws an
 * {@link AssertionError} whose message starts with the invariant's name in brackets.
 *
 * <p>Held money counts: each account's available balance (its balance less what it holds) stays above its overdraft
 * limit and is what its events report; a hold is captured or released, once, never both; a capture moves at most
 * what was held, and the credit and any refund move what was captured.
 */
final class ModelBooks {

    record Opening(Currency currency, long overdraftLimit) {
    }

    record Requested(AccountId source, AccountId destination, Money amount, boolean capturedLater) {
    }

    private final Map<AccountId, Opening> openings = new LinkedHashMap<>();
    private final Map<Currency, Long> cashIn = new HashMap<>();
    private final Map<TransferId, Requested> requested = new LinkedHashMap<>();

    void opened(AccountId accountId, Currency currency, long overdraftLimit) {
        openings.put(accountId, new Opening(currency, overdraftLimit));
    }

    boolean isOpened(AccountId accountId) {
        return openings.containsKey(accountId);
    }

    List<AccountId> openedAccounts() {
        return List.copyOf(openings.keySet());
    }

    Currency currencyOf(AccountId accountId) {
        return openings.get(accountId).currency();
    }

    /** Cash that entered (positive) or left (negative) the ledger through a deposit or a withdrawal it accepted. */
    void cashMoved(Money change) {
        cashIn.merge(change.currency(), change.minorUnits(), Math::addExact);
    }

    void requested(TransferId transferId, AccountId source, AccountId destination, Money amount,
                   boolean capturedLater) {
        requested.put(transferId, new Requested(source, destination, amount, capturedLater));
    }

    List<TransferId> transfersCapturedLater() {
        return requested.entrySet().stream()
                .filter(transfer -> transfer.getValue().capturedLater())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The transfers authorized whose second phase is not decided yet, as the journal tells. */
    static List<TransferId> transfersResting(List<EventMessage<?>> journal) {
        List<TransferId> resting = new ArrayList<>();
        for (EventMessage<?> event : journal) {
            if (event.getPayload() instanceof TransferAuthorized authorized) {
                resting.add(authorized.transferId());
            } else if (event.getPayload() instanceof TransferCaptureRequested
                    || event.getPayload() instanceof TransferVoidRequested
                    || event.getPayload() instanceof TransferAuthorizationLapsed) {
                resting.remove(((TransferEvent) event.getPayload()).transferId());
            }
        }
        return resting;
    }

    Money amountOf(TransferId transferId) {
        return requested.get(transferId).amount();
    }

    List<TransferId> transfersTo(AccountId destination) {
        return requested.entrySet().stream()
                .filter(transfer -> transfer.getValue().destination().equals(destination))
                .map(Map.Entry::getKey)
                .toList();
    }

    int transferCount() {
        return requested.size();
    }

    /** The balance the account itself last reported, zero before its first movement. */
    static long balanceOf(List<EventMessage<?>> journal, AccountId accountId) {
        long balance = 0;
        for (EventMessage<?> event : journal) {
            Money after = balanceAfter(event.getPayload(), accountId);
            if (after != null) {
                balance = after.minorUnits();
            }
        }
        return balance;
    }

    /** The invariants that hold after every step, whatever is still in flight. */
    void checkAtAnyMoment(List<EventMessage<?>> journal) {
        Map<AccountId, Long> balances = checkEveryBalance(journal);
        Map<TransferId, Legs> legs = legsOf(journal);
        legs.forEach(this::checkTheLegs);
        checkConservation(balances, legs);
    }

    /**
     * Once nothing is pending and no deadline is left, every transfer has ended, exactly once, and holds nothing
     * any more, unless it was left for review: then people decide what becomes of its hold.
     */
    void checkEveryTransferEnded(List<EventMessage<?>> journal) {
        Map<TransferId, Legs> legs = legsOf(journal);
        requested.keySet().forEach(transferId -> {
            Legs transfer = legs.get(transferId);
            if (transfer == null || transfer.ends.size() != 1) {
                throw violation("ended once", transferId + " ended " + (transfer == null ? "never" : transfer.ends));
            }
            boolean stillHeld = !transfer.holds.isEmpty() && transfer.captures.isEmpty() && transfer.releases.isEmpty();
            if (stillHeld && transfer.ends.get(0) != TransferStatus.MANUAL_REVIEW) {
                throw violation("released", transferId + " ended " + transfer.ends + " with its money still held");
            }
        });
    }

    /** The end of every transfer that has one. */
    Map<TransferId, TransferStatus> outcomes(List<EventMessage<?>> journal) {
        Map<TransferId, TransferStatus> outcomes = new LinkedHashMap<>();
        legsOf(journal).forEach((transferId, legs) -> legs.ends.forEach(end -> outcomes.put(transferId, end)));
        return outcomes;
    }

    /** Legs that took effect more than once for the same transfer; each one is money moved twice. */
    static int duplicatesApplied(List<EventMessage<?>> journal) {
        int duplicates = 0;
        for (Legs legs : legsOf(journal).values()) {
            duplicates += Math.max(0, legs.debits.size() - 1) + Math.max(0, legs.credits.size() - 1)
                    + Math.max(0, legs.refunds.size() - 1) + Math.max(0, legs.holds.size() - 1)
                    + Math.max(0, legs.captures.size() - 1) + Math.max(0, legs.releases.size() - 1);
        }
        return duplicates;
    }

    // Each account's reported balance is the sum of its movements, and what it reports available is that less what
    // it holds, which never goes below its overdraft limit.
    private Map<AccountId, Long> checkEveryBalance(List<EventMessage<?>> journal) {
        Map<AccountId, Long> balances = new LinkedHashMap<>();
        Map<AccountId, Long> pending = new HashMap<>();
        for (EventMessage<?> event : journal) {
            Movement movement = movementOf(event.getPayload());
            if (movement == null) {
                continue;
            }
            long held = pending.merge(movement.accountId(), movement.heldChange(), Math::addExact);
            Opening opening = openings.get(movement.accountId());
            if (opening == null || !movement.change().isIn(opening.currency())) {
                throw violation("currency", movement + " on an account opened as " + opening);
            }
            long balance = balances.merge(movement.accountId(), movement.change().minorUnits(), Math::addExact);
            if (movement.balanceAfter() != null && balance != movement.balanceAfter().minorUnits()) {
                throw violation("balance", movement + " reports a balance the movements do not add up to: " + balance);
            }
            if (held < 0) {
                throw violation("held", movement + " releases more than the account holds: " + held);
            }
            if (movement.availableAfter() != null && movement.availableAfter().minorUnits() != balance - held) {
                throw violation("available", movement + " reports as available what the balance " + balance
                        + " less the " + held + " held is not");
            }
            if (balance - held < -opening.overdraftLimit()) {
                throw violation("overdraft", movement + " takes the available balance below the overdraft limit of "
                        + opening.overdraftLimit());
            }
        }
        return balances;
    }

    private void checkTheLegs(TransferId transferId, Legs legs) {
        Requested transfer = requested.get(transferId);
        if (transfer == null) {
            throw violation("known transfer", "events for a transfer the ledger never accepted: " + transferId);
        }
        if (legs.debits.size() + legs.debitRejections > 1 || legs.credits.size() + legs.creditRejections > 1
                || legs.refunds.size() + legs.refundRejections > 1 || legs.holds.size() + legs.holdRejections > 1
                || legs.captures.size() + legs.captureRejections > 1
                || legs.releases.size() + legs.releaseRejections > 1 || legs.secondPhases > 1) {
            throw violation("once", transferId + " had a leg decided twice: " + legs);
        }
        Money moved = legs.captures.isEmpty() ? transfer.amount() : legs.captures.get(0).amount();
        legs.debits.forEach(debit -> requireLeg(transferId, transfer, "debit", debit.accountId(), debit.amount(),
                transfer.amount()));
        legs.holds.forEach(hold -> requireLeg(transferId, transfer, "hold", hold.accountId(), hold.amount(),
                transfer.amount()));
        legs.captures.forEach(capture -> requireLeg(transferId, transfer, "capture", capture.accountId(),
                capture.amount().plus(capture.released()), transfer.amount()));
        legs.releases.forEach(release -> requireLeg(transferId, transfer, "release", release.accountId(),
                release.amount(), transfer.amount()));
        legs.credits.forEach(credit -> requireLeg(transferId, transfer, "credit", credit.accountId(), credit.amount(),
                moved));
        legs.refunds.forEach(refund -> requireLeg(transferId, transfer, "refund", refund.accountId(), refund.amount(),
                moved));
        if (transfer.capturedLater() ? !legs.debits.isEmpty() : !legs.holds.isEmpty()) {
            throw violation("legs", transferId + " was debited and held, or held without being captured later: "
                    + legs);
        }
        boolean held = !legs.holds.isEmpty();
        if ((!legs.captures.isEmpty() || !legs.releases.isEmpty()) && !held
                || !legs.captures.isEmpty() && !legs.releases.isEmpty()) {
            throw violation("legs", transferId + " captured or released a hold never placed, or both: " + legs);
        }
        boolean debited = !legs.debits.isEmpty() || !legs.captures.isEmpty();
        boolean credited = !legs.credits.isEmpty();
        boolean refunded = !legs.refunds.isEmpty();
        if ((credited || refunded) && !debited || (credited && refunded)) {
            throw violation("legs", transferId + " moved money that was never taken, or gave it back twice: " + legs);
        }
        if (legs.ends.size() > 1) {
            throw violation("ended once", transferId + " ended more than once: " + legs.ends);
        }
        legs.ends.forEach(end -> {
            boolean consistent = switch (end) {
                case FAILED -> !debited && !held;
                case COMPLETED -> debited && credited && !refunded;
                case REFUNDED -> debited && refunded && !credited;
                case MANUAL_REVIEW -> true;
                case VOIDED, EXPIRED -> held && !legs.releases.isEmpty() && !debited && !credited && !refunded;
                case REQUESTED, AUTHORIZED, DEBITED, REFUNDING -> false;
            };
            if (!consistent) {
                throw violation("outcome", transferId + " ended " + end + " but its legs are " + legs);
            }
        });
    }

    // A credit is on the destination, every other leg on the source, and each of the amount it should move.
    private static void requireLeg(TransferId transferId, Requested transfer, String leg, AccountId account, Money amount,
                                   Money expectedAmount) {
        AccountId expected = leg.equals("credit") ? transfer.destination() : transfer.source();
        if (!account.equals(expected) || !amount.equals(expectedAmount)) {
            throw violation("legs", transferId + " had a " + leg + " of " + amount + " on " + account + ": " + transfer);
        }
    }

    // Σ balances + Σ transfers debited but neither credited nor refunded = Σ deposits − Σ withdrawals, per currency.
    // Held money is still in its account's balance; a captured hold is in flight like a debit, for what it captured.
    private void checkConservation(Map<AccountId, Long> balances, Map<TransferId, Legs> legs) {
        Map<Currency, Long> held = new HashMap<>();
        balances.forEach((accountId, balance) -> held.merge(currencyOf(accountId), balance, Math::addExact));
        legs.forEach((transferId, transfer) -> {
            boolean taken = !transfer.debits.isEmpty() || !transfer.captures.isEmpty();
            if (taken && transfer.credits.isEmpty() && transfer.refunds.isEmpty()) {
                Money inFlight = transfer.captures.isEmpty() ? requested.get(transferId).amount()
                        : transfer.captures.get(0).amount();
                held.merge(inFlight.currency(), inFlight.minorUnits(), Math::addExact);
            }
        });
        for (Currency currency : union(held, cashIn)) {
            long inTheLedger = held.getOrDefault(currency, 0L);
            long cameIn = cashIn.getOrDefault(currency, 0L);
            if (inTheLedger != cameIn) {
                throw violation("conservation", currency + ": balances plus transfers in flight are " + inTheLedger
                        + ", but deposits minus withdrawals are " + cameIn);
            }
        }
    }

    private static List<Currency> union(Map<Currency, Long> one, Map<Currency, Long> other) {
        List<Currency> currencies = new ArrayList<>(one.keySet());
        other.keySet().stream().filter(currency -> !one.containsKey(currency)).forEach(currencies::add);
        return currencies;
    }

    static AssertionError violation(String invariant, String detail) {
        return new AssertionError("[" + invariant + "] " + detail);
    }

    /**
     * What an event does to an account: {@code change} to its balance, {@code heldChange} to what it holds, and what it
     * reports afterwards: {@code balanceAfter} where the balance moved, {@code availableAfter} where the event says.
     */
    private record Movement(AccountId accountId, Money change, long heldChange, Money balanceAfter,
                            Money availableAfter) {

        Movement(AccountId accountId, Money change, Money balanceAfter) {
            this(accountId, change, 0, balanceAfter, null);
        }
    }

    private static Movement movementOf(Object payload) {
        if (payload instanceof MoneyDeposited e) {
            return new Movement(e.accountId(), e.amount(), e.balanceAfter());
        } else if (payload instanceof MoneyWithdrawn e) {
            return new Movement(e.accountId(), e.amount().negate(), e.balanceAfter());
        } else if (payload instanceof AccountDebited e) {
            return new Movement(e.accountId(), e.amount().negate(), e.balanceAfter());
        } else if (payload instanceof AccountCredited e) {
            return new Movement(e.accountId(), e.amount(), e.balanceAfter());
        } else if (payload instanceof AccountDebitRefunded e) {
            return new Movement(e.accountId(), e.amount(), e.balanceAfter());
        } else if (payload instanceof AccountFundsHeld e) {
            return new Movement(e.accountId(), Money.zero(e.amount().currency()), e.amount().minorUnits(), null,
                    e.availableAfter());
        } else if (payload instanceof AccountHoldCaptured e) {
            return new Movement(e.accountId(), e.amount().negate(), -e.amount().plus(e.released()).minorUnits(),
                    e.balanceAfter(), e.availableAfter());
        } else if (payload instanceof AccountHoldReleased e) {
            return new Movement(e.accountId(), Money.zero(e.amount().currency()), -e.amount().minorUnits(), null,
                    e.availableAfter());
        }
        return null;
    }

    private static Money balanceAfter(Object payload, AccountId accountId) {
        Movement movement = movementOf(payload);
        return movement != null && movement.accountId().equals(accountId) ? movement.balanceAfter() : null;
    }

    /** What happened to one transfer, as the journal tells it. */
    private static final class Legs {
        final List<AccountDebited> debits = new ArrayList<>();
        final List<AccountCredited> credits = new ArrayList<>();
        final List<AccountDebitRefunded> refunds = new ArrayList<>();
        final List<TransferStatus> ends = new ArrayList<>();
        final List<AccountFundsHeld> holds = new ArrayList<>();
        final List<AccountHoldCaptured> captures = new ArrayList<>();
        final List<AccountHoldReleased> releases = new ArrayList<>();
        int debitRejections;
        int creditRejections;
        int refundRejections;
        int holdRejections;
        int captureRejections;
        int releaseRejections;
        int secondPhases;

        void add(Object payload) {
            if (payload instanceof AccountDebited e) {
                debits.add(e);
            } else if (payload instanceof AccountCredited e) {
                credits.add(e);
            } else if (payload instanceof AccountDebitRefunded e) {
                refunds.add(e);
            } else if (payload instanceof AccountDebitRejected) {
                debitRejections++;
            } else if (payload instanceof AccountCreditRejected) {
                creditRejections++;
            } else if (payload instanceof AccountRefundRejected) {
                refundRejections++;
            } else if (payload instanceof TransferCompleted) {
                ends.add(TransferStatus.COMPLETED);
            } else if (payload instanceof TransferFailed) {
                ends.add(TransferStatus.FAILED);
            } else if (payload instanceof TransferRefunded) {
                ends.add(TransferStatus.REFUNDED);
            } else if (payload instanceof TransferFlaggedForReview) {
                ends.add(TransferStatus.MANUAL_REVIEW);
            } else if (payload instanceof TransferVoided) {
                ends.add(TransferStatus.VOIDED);
            } else if (payload instanceof TransferExpired) {
                ends.add(TransferStatus.EXPIRED);
            } else if (payload instanceof AccountFundsHeld e) {
                holds.add(e);
            } else if (payload instanceof AccountHoldCaptured e) {
                captures.add(e);
            } else if (payload instanceof AccountHoldReleased e) {
                releases.add(e);
            } else if (payload instanceof AccountHoldRejected) {
                holdRejections++;
            } else if (payload instanceof AccountCaptureRejected) {
                captureRejections++;
            } else if (payload instanceof AccountReleaseRejected) {
                releaseRejections++;
            } else if (payload instanceof TransferCaptureRequested || payload instanceof TransferVoidRequested
                    || payload instanceof TransferAuthorizationLapsed) {
                secondPhases++;
            } else if (!(payload instanceof TransferRequested) && !(payload instanceof TransferAuthorized)) {
                throw violation("known event", "an unexpected transfer event: " + payload);
            }
        }

        @Override
        public String toString() {
            return "debits " + debits.size() + " (rejected " + debitRejections + "), credits " + credits.size()
                    + " (rejected " + creditRejections + "), refunds " + refunds.size() + " (rejected "
                    + refundRejections + "), holds " + holds.size() + " (rejected " + holdRejections + "), captures "
                    + captures.size() + " (rejected " + captureRejections + "), releases " + releases.size()
                    + " (rejected " + releaseRejections + "), second phases " + secondPhases + ", ends " + ends;
        }
    }

    private static Map<TransferId, Legs> legsOf(List<EventMessage<?>> journal) {
        Map<TransferId, Legs> legs = new LinkedHashMap<>();
        for (EventMessage<?> event : journal) {
            if (event.getPayload() instanceof TransferEvent transferEvent) {
                legs.computeIfAbsent(transferEvent.transferId(), id -> new Legs()).add(transferEvent);
            }
        }
        return legs;
    }
}
