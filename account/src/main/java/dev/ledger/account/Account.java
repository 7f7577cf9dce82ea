package dev.ledger.account;

import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_CLOSED;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_EXISTS;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_FROZEN;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_NOT_EMPTY;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_NOT_FOUND;
import static dev.ledger.api.error.LedgerErrorCode.BALANCE_LIMIT_EXCEEDED;
import static dev.ledger.api.error.LedgerErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION;
import static dev.ledger.api.error.LedgerErrorCode.CURRENCY_MISMATCH;
import static dev.ledger.api.error.LedgerErrorCode.INSUFFICIENT_FUNDS;
import static dev.ledger.api.error.LedgerErrorCode.MOVEMENT_ID_REUSED;
import static dev.ledger.api.error.LedgerErrorCode.PROPERTY_NOT_ALLOWED;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_NOT_FOUND;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_TOO_OLD;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.ledger.account.LegMemory.Leg;
import dev.ledger.account.MovementMemory.Direction;
import dev.ledger.account.MovementMemory.Movement;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountClosed;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozen;
import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.account.CaptureAccountHold;
import dev.ledger.api.account.HoldAccountFunds;
import dev.ledger.api.account.ReleaseAccountHold;
import dev.ledger.api.account.CashMovementReceipt;
import dev.ledger.api.account.CloseAccount;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.FreezeAccount;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.MovementId;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.account.UnfreezeAccount;
import dev.ledger.api.account.WithdrawMoney;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

/**
 * A bank account, event-sourced: its balance is what its events add up to, never a stored figure. It decides every
 * movement of money: cash in and out for callers, and the legs of transfers for the transfer saga. A rule a caller
 * breaks is refused with a {@link LedgerRuleViolation}; a rule a saga's leg breaks is recorded as a rejection event,
 * so that the saga can act on it. Plugged into Axon by {@link AccountModule}.
 *
 * <p>Money held for transfers captured later is {@code pending}: still in the posted balance, no longer available.
 * Every check that lets money out (withdrawals, debits, holds, the overdraft floor) is made against the available
 * balance, so held money is never spent twice; the upper limit is made against the posted one.
 *
 * <p>The revision is that of the account's snapshots: revision 2 added the holds. Axon skips a snapshot of another
 * revision and replays the account from its events instead, so a snapshot taken before cannot load without them.
 */
@Revision("2")
public class Account {

    /** Far below {@code Long.MAX_VALUE}, so that no balance the ledger accepts is close to overflowing. */
    static final long BALANCE_LIMIT = 1_000_000_000_000_000_000L;

    @AggregateIdentifier
    private AccountId accountId;
    private String owner;
    private Currency currency;
    private Money balance;
    private Money overdraftLimit;
    private AccountStatus status;
    // Held money by transfer. Plain data, as a field of the account's snapshot.
    private final Map<TransferId, Money> holds = new LinkedHashMap<>();
    // Every transfer leg is decided once, so that a redelivered leg has no second effect.
    private final LegMemory legs = new LegMemory();
    // And every cash movement that has an id, so that one retried after its answer was lost moves nothing again.
    private final MovementMemory movements = new MovementMemory();

    Account() {
        // Axon creates the account through this constructor and then replays its events.
    }

    /**
     * Opens the account, also on an id whose stream so far holds only credits refused because it was not open:
     * those refusals stay decided, so a transfer refunded for a missing destination is never credited later.
     * Like a debit, an opening is held to its requester: only staff open for another owner or lend the bank's
     * money as an overdraft.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenAccount cmd) {
        // Before the id is looked at, so that a refused opening says nothing about whose the id is.
        cmd.propertyNotAllowed().ifPresent(reason -> {
            throw new LedgerRuleViolation(PROPERTY_NOT_ALLOWED, "Opening of account " + cmd.accountId()
                    + " refused: " + reason);
        });
        if (status != null) {
            throw new LedgerRuleViolation(ACCOUNT_EXISTS, "Account " + cmd.accountId() + " exists");
        }
        apply(new AccountOpened(cmd.accountId(), cmd.owner(), cmd.currency(), cmd.overdraftLimit()));
    }

    @CommandHandler
    CashMovementReceipt handle(DepositMoney cmd) {
        String request = "Deposit of " + cmd.amount();
        return appliedBefore(cmd.movementId(), Direction.IN, cmd.amount(), request).orElseGet(() -> {
            refuse(movementViolation(cmd.amount()), request);
            apply(new MoneyDeposited(accountId, cmd.movementId(), cmd.amount(), cmd.reference(),
                    balance.plus(cmd.amount())));
            return receipt();
        });
    }

    @CommandHandler
    CashMovementReceipt handle(WithdrawMoney cmd) {
        String request = "Withdrawal of " + cmd.amount();
        return appliedBefore(cmd.movementId(), Direction.OUT, cmd.amount(), request).orElseGet(() -> {
            refuse(movementViolation(cmd.amount().negate()), request);
            apply(new MoneyWithdrawn(accountId, cmd.movementId(), cmd.amount(), cmd.reference(),
                    balance.minus(cmd.amount())));
            return receipt();
        });
    }

    // A movement applied before is answered as the first time, before any rule: it moved already, and the account may
    // be frozen or its balance spent since. The same id asking for anything else is not a repeat, and moves nothing.
    private Optional<CashMovementReceipt> appliedBefore(MovementId id, Direction direction, Money amount,
                                                        String request) {
        return movements.applied(id).map(first -> {
            refuse(first.isSameAs(direction, amount) ? Optional.empty() : Optional.of(MOVEMENT_ID_REUSED),
                    request + " under movement " + id);
            return first.receipt();
        });
    }

    // Applied at once in a command handler, so the version is the sequence number of the event just applied.
    private CashMovementReceipt receipt() {
        return new CashMovementReceipt(getVersion(), balance);
    }

    @CommandHandler
    void handle(FreezeAccount cmd) {
        refuse(lifecycleViolation(), "Freezing");
        if (status == AccountStatus.OPEN) {
            apply(new AccountFrozen(accountId));
        }
    }

    @CommandHandler
    void handle(UnfreezeAccount cmd) {
        refuse(lifecycleViolation(), "Unfreezing");
        if (status == AccountStatus.FROZEN) {
            apply(new AccountUnfrozen(accountId));
        }
    }

    @CommandHandler
    void handle(CloseAccount cmd) {
        refuse(status == null ? Optional.of(ACCOUNT_NOT_FOUND) : Optional.empty(), "Closing");
        if (status != AccountStatus.CLOSED) {
            refuse(balance.isZero() && holds.isEmpty() ? Optional.empty() : Optional.of(ACCOUNT_NOT_EMPTY), "Closing");
            apply(new AccountClosed(accountId));
        }
    }

    @CommandHandler
    LegDecision handle(DebitAccount cmd) {
        TransferId id = cmd.transferId();
        if (legs.has(id, Leg.DEBIT_TAKEN) || legs.has(id, Leg.DEBIT_REJECTED)) {
            return LegDecision.decidedBefore();
        }
        return decide(ageViolation(cmd.requestedAt())
                        .or(() -> requesterViolation(cmd.requestedBy()))
                        .or(() -> movementViolation(cmd.amount().negate())),
                reason -> new AccountDebitRejected(accountId, id, cmd.amount(), reason),
                () -> new AccountDebited(accountId, id, cmd.amount(), balance.minus(cmd.amount())));
    }

    /**
     * A credit to an id that was never opened is refused in that id's own stream, like any other refusal, so
     * it is decided once and for all: opening the account later cannot let a re-sent credit through.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    LegDecision handle(CreditAccount cmd) {
        TransferId id = cmd.transferId();
        if (legs.has(id, Leg.CREDIT_DECIDED)) {
            return LegDecision.decidedBefore();
        }
        return decide(ageViolation(cmd.requestedAt()).or(() -> movementViolation(cmd.amount())),
                reason -> new AccountCreditRejected(cmd.accountId(), id, cmd.amount(), reason),
                () -> new AccountCredited(accountId, id, cmd.amount(), balance.plus(cmd.amount())));
    }

    @CommandHandler
    LegDecision handle(RefundAccountDebit cmd) {
        TransferId id = cmd.transferId();
        if (legs.has(id, Leg.REFUND_DECIDED)) {
            return LegDecision.decidedBefore();
        }
        return decide(ageViolation(cmd.requestedAt()).or(() -> refundViolation(id, cmd.amount())),
                reason -> new AccountRefundRejected(accountId, id, cmd.amount(), reason),
                () -> new AccountDebitRefunded(accountId, id, cmd.amount(), cmd.reason(), balance.plus(cmd.amount())));
    }

    /**
     * Reserves a transfer's amount. Decided once per transfer, also after the hold has outlived the leg memory: while
     * it is held, a hold sent again is a repeat.
     */
    @CommandHandler
    LegDecision handle(HoldAccountFunds cmd) {
        TransferId id = cmd.transferId();
        if (legs.has(id, Leg.HOLD_DECIDED) || holds.containsKey(id)) {
            return LegDecision.decidedBefore();
        }
        return decide(ageViolation(cmd.requestedAt())
                        .or(() -> requesterViolation(cmd.requestedBy()))
                        .or(() -> movementViolation(cmd.amount().negate())),
                reason -> new AccountHoldRejected(accountId, id, cmd.amount(), reason),
                () -> new AccountFundsHeld(accountId, id, cmd.amount(), available().minus(cmd.amount())));
    }

    /**
     * Posts a hold as a debit. The money was reserved when it was held, so only a missing hold or a larger amount
     * refuse it; the rest of the hold is released in the same event.
     */
    @CommandHandler
    LegDecision handle(CaptureAccountHold cmd) {
        TransferId id = cmd.transferId();
        if (legs.has(id, Leg.CAPTURE_DECIDED)) {
            return LegDecision.decidedBefore();
        }
        Money held = holds.get(id);
        return decide(ageViolation(cmd.requestedAt()).or(() -> captureViolation(held, cmd.amount())),
                reason -> new AccountCaptureRejected(accountId, id, cmd.amount(), reason),
                () -> new AccountHoldCaptured(accountId, id, cmd.amount(), held.minus(cmd.amount()),
                        balance.minus(cmd.amount()), available().plus(held).minus(cmd.amount())));
    }

    @CommandHandler
    LegDecision handle(ReleaseAccountHold cmd) {
        TransferId id = cmd.transferId();
        if (legs.has(id, Leg.RELEASE_DECIDED)) {
            return LegDecision.decidedBefore();
        }
        Money held = holds.get(id);
        return decide(ageViolation(cmd.requestedAt())
                        .or(() -> held == null ? Optional.of(TRANSFER_NOT_FOUND) : Optional.empty()),
                reason -> new AccountReleaseRejected(accountId, id, reason),
                () -> new AccountHoldReleased(accountId, id, held, available().plus(held)));
    }

    /**
     * Every leg is decided alike: its rejection or its effect is recorded, and answered, so that a saga whose command
     * ran on a local bus can go on without waiting for the event.
     */
    private static LegDecision decide(Optional<LedgerErrorCode> violation,
                                      Function<LedgerErrorCode, Object> rejection, Supplier<Object> effect) {
        if (violation.isPresent()) {
            apply(rejection.apply(violation.get()));
            return LegDecision.rejected(violation.get());
        }
        apply(effect.get());
        return LegDecision.applied();
    }

    // A leg the account no longer remembers may have been decided before, so it is refused rather than guessed at:
    // the saga then leaves the transfer to people (LegMemory says why no leg in the window is ever forgotten).
    private Optional<LedgerErrorCode> ageViolation(Instant requestedAt) {
        return legs.outlived(requestedAt, GenericEventMessage.clock.instant()) ? Optional.of(TRANSFER_TOO_OLD)
                : Optional.empty();
    }

    // The account decides this itself, so a debit nobody may request is refused whatever route the command took.
    // It is answered as the API answers that requester: an account it may not touch does not exist for it.
    private Optional<LedgerErrorCode> requesterViolation(Requester requester) {
        return status == null || requester.mayDebitAccountOf(owner) ? Optional.empty() : Optional.of(ACCOUNT_NOT_FOUND);
    }

    // Direct requests and saga legs share this, so they cannot disagree. The change is negative for money out.
    private Optional<LedgerErrorCode> movementViolation(Money change) {
        return lifecycleViolation()
                .or(() -> status == AccountStatus.FROZEN ? Optional.of(ACCOUNT_FROZEN) : balanceViolation(change));
    }

    // The money is the owner's own, so unlike a credit a refund is not held back by a freeze.
    private Optional<LedgerErrorCode> refundViolation(TransferId transferId, Money amount) {
        return lifecycleViolation()
                .or(() -> legs.has(transferId, Leg.DEBIT_TAKEN) ? balanceViolation(amount)
                        : Optional.of(TRANSFER_NOT_FOUND));
    }

    private static Optional<LedgerErrorCode> captureViolation(Money held, Money amount) {
        if (held == null) {
            return Optional.of(TRANSFER_NOT_FOUND);
        }
        if (!amount.isIn(held.currency())) {
            return Optional.of(CURRENCY_MISMATCH);
        }
        return held.isLessThan(amount) ? Optional.of(CAPTURE_EXCEEDS_AUTHORIZATION) : Optional.empty();
    }

    // A null status is an id that was never opened: its stream holds only refused credits.
    private Optional<LedgerErrorCode> lifecycleViolation() {
        if (status == null) {
            return Optional.of(ACCOUNT_NOT_FOUND);
        }
        return status == AccountStatus.CLOSED ? Optional.of(ACCOUNT_CLOSED) : Optional.empty();
    }

    private Optional<LedgerErrorCode> balanceViolation(Money change) {
        if (!change.isIn(currency)) {
            return Optional.of(CURRENCY_MISMATCH);
        }
        if (staysWithinBounds(change)) {
            return Optional.empty();
        }
        return Optional.of(change.isPositive() ? BALANCE_LIMIT_EXCEEDED : INSUFFICIENT_FUNDS);
    }

    // The posted balance stays below BALANCE_LIMIT, and the available one above minus the overdraft limit. An
    // overdraft limit may be as large as a long, so the sums can overflow, and an overflow crosses a bound as surely
    // as a large sum does.
    private boolean staysWithinBounds(Money change) {
        try {
            Money after = balance.plus(change);
            return after.minorUnits() <= BALANCE_LIMIT && !after.minus(pending()).isLessThan(overdraftLimit.negate());
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    private Money available() {
        return balance.minus(pending());
    }

    // Summed when asked rather than kept beside the holds, so that it cannot disagree with them; an account holds for
    // few transfers at a time.
    private Money pending() {
        return holds.values().stream().reduce(Money.zero(currency), Money::plus);
    }

    /** How many transfers' legs the account remembers: bounded by the window, whatever the account's age. */
    int legsRemembered() {
        return legs.size();
    }

    /** How many cash movements the account remembers: bounded by the window, whatever the account's age. */
    int movementsRemembered() {
        return movements.size();
    }

    private void refuse(Optional<LedgerErrorCode> violation, String request) {
        violation.ifPresent(code -> {
            throw new LedgerRuleViolation(code, request + " refused on account " + accountId + ": " + code);
        });
    }

    // The balance is the sum of the movements; an event's balanceAfter is a convenience for readers only.
    @EventSourcingHandler
    void on(AccountOpened e) {
        accountId = e.accountId();
        owner = e.owner();
        currency = e.currency();
        overdraftLimit = e.overdraftLimit();
        balance = Money.zero(e.currency());
        status = AccountStatus.OPEN;
    }

    @EventSourcingHandler
    void on(MoneyDeposited e, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance = balance.plus(e.amount());
        movements.remember(e.movementId(), new Movement(Direction.IN, e.amount(),
                new CashMovementReceipt(sequence, balance), at));
    }

    @EventSourcingHandler
    void on(MoneyWithdrawn e, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance = balance.minus(e.amount());
        movements.remember(e.movementId(), new Movement(Direction.OUT, e.amount(),
                new CashMovementReceipt(sequence, balance), at));
    }

    @EventSourcingHandler
    void on(AccountDebited e, @Timestamp Instant at) {
        balance = balance.minus(e.amount());
        legs.remember(e.transferId(), Leg.DEBIT_TAKEN, at);
    }

    @EventSourcingHandler
    void on(AccountDebitRejected e, @Timestamp Instant at) {
        legs.remember(e.transferId(), Leg.DEBIT_REJECTED, at);
    }

    @EventSourcingHandler
    void on(AccountCredited e, @Timestamp Instant at) {
        balance = balance.plus(e.amount());
        legs.remember(e.transferId(), Leg.CREDIT_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountCreditRejected e, @Timestamp Instant at) {
        accountId = e.accountId();
        legs.remember(e.transferId(), Leg.CREDIT_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountDebitRefunded e, @Timestamp Instant at) {
        balance = balance.plus(e.amount());
        legs.remember(e.transferId(), Leg.REFUND_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountRefundRejected e, @Timestamp Instant at) {
        legs.remember(e.transferId(), Leg.REFUND_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountFundsHeld e, @Timestamp Instant at) {
        holds.put(e.transferId(), e.amount());
        legs.remember(e.transferId(), Leg.HOLD_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountHoldRejected e, @Timestamp Instant at) {
        legs.remember(e.transferId(), Leg.HOLD_DECIDED, at);
    }

    // A captured hold is a debit taken from then on: a refund of it is allowed, once.
    @EventSourcingHandler
    void on(AccountHoldCaptured e, @Timestamp Instant at) {
        holds.remove(e.transferId());
        balance = balance.minus(e.amount());
        legs.remember(e.transferId(), Leg.CAPTURE_DECIDED, at);
        legs.remember(e.transferId(), Leg.DEBIT_TAKEN, at);
    }

    @EventSourcingHandler
    void on(AccountCaptureRejected e, @Timestamp Instant at) {
        legs.remember(e.transferId(), Leg.CAPTURE_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountHoldReleased e, @Timestamp Instant at) {
        holds.remove(e.transferId());
        legs.remember(e.transferId(), Leg.RELEASE_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountReleaseRejected e, @Timestamp Instant at) {
        legs.remember(e.transferId(), Leg.RELEASE_DECIDED, at);
    }

    @EventSourcingHandler
    void on(AccountFrozen e) {
        status = AccountStatus.FROZEN;
    }

    @EventSourcingHandler
    void on(AccountUnfrozen e) {
        status = AccountStatus.OPEN;
    }

    @EventSourcingHandler
    void on(AccountClosed e) {
        status = AccountStatus.CLOSED;
    }
}
