package dev.ledger.app.account;

import dev.ledger.account.Account;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.CloseAccount;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.api.account.FreezeAccount;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.account.UnfreezeAccount;
import dev.ledger.api.account.WithdrawMoney;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.CaptureTransfer;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.VoidTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.app.account.ModelOperation.Authorize;
import dev.ledger.app.account.ModelOperation.Capture;
import dev.ledger.app.account.ModelOperation.Close;
import dev.ledger.app.account.ModelOperation.DeliverNext;
import dev.ledger.app.account.ModelOperation.DeliverOutOfOrder;
import dev.ledger.app.account.ModelOperation.Deposit;
import dev.ledger.app.account.ModelOperation.FireCancelledDeadline;
import dev.ledger.app.account.ModelOperation.FireDeadline;
import dev.ledger.app.account.ModelOperation.Freeze;
import dev.ledger.app.account.ModelOperation.LoseNextCommand;
import dev.ledger.app.account.ModelOperation.Open;
import dev.ledger.app.account.ModelOperation.Redeliver;
import dev.ledger.app.account.ModelOperation.Transfer;
import dev.ledger.app.account.ModelOperation.Unfreeze;
import dev.ledger.app.account.ModelOperation.VoidAuthorization;
import dev.ledger.app.account.ModelOperation.Withdraw;
import dev.ledger.app.account.ModelOperation.WithdrawAll;
import dev.ledger.transfer.StepAnswers;
import dev.ledger.transfer.StepTimeouts;
import dev.ledger.transfer.TransferModule;
import dev.ledger.transfer.TransferSaga;
import dev.ledger.transfer.TransferStepTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.NoCache;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.axonframework.test.deadline.ScheduledDeadlineInfo;

/**
 * The real {@code Account} and {@code Transfer} aggregates and the real {@link TransferSaga} in an in-memory
 * Axon configuration, run one step at a time on the test's thread. Nothing here waits or uses the clock: the
 * {@link ModelNetwork} decides when the saga sees an event, the {@link ModelCommandBus} decides whether the
 * saga's command arrives, and {@link ModelDeadlines} fires step deadlines when the scenario says so.
 */
final class ModelLedger implements AutoCloseable {

    static final List<AccountId> ACCOUNTS = IntStream.range(0, 5).mapToObj(i -> new AccountId("model-" + i)).toList();

    private static final Currency EUR = Money.currencyOf("EUR");
    private static final Currency JPY = Money.currencyOf("JPY");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    // Far enough that only the expiry deadline, fired by the scenario or the drain, lapses an authorization.
    private static final Instant EXPIRES_AT = Instant.now().plus(Duration.ofDays(7));
    private static final Requester STAFF = Requester.staff("model");
    /** TransferSaga's association key, which is package-private there. */
    private static final String TRANSFER_ID = "transferId";
    // Far more than any scenario needs once the faults stop: a drain that does not end is a saga that never does.
    private static final int DRAIN_LIMIT = 5_000;

    private final ModelNetwork network = new ModelNetwork();
    private final ModelCommandBus commandBus = new ModelCommandBus(SimpleCommandBus.builder().build());
    private final ModelDeadlines deadlines = new ModelDeadlines();
    private final InMemorySagaStore sagaStore = new InMemorySagaStore();
    private final ModelBooks books = new ModelBooks();
    private final ModelFigures figures = new ModelFigures();
    private final Configuration axon;
    private final AbstractSagaManager<TransferSaga> sagaManager;
    private int transfersRequested;

    private ModelLedger(StepAnswers stepAnswers) {
        // Not auto-located: the Axon Server connector on this module's classpath would try to connect.
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .configureCommandBus(config -> commandBus)
                .registerComponent(DeadlineManager.class, config -> deadlines)
                .configureAggregate(Account.class)
                .eventProcessing(processing -> processing
                        .registerSubscribingEventProcessor("transfer-saga", config -> network)
                        .registerSagaStore(config -> sagaStore)
                        .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance()));
        new TransferModule(new TransferStepTimeout(STEP_TIMEOUT), StepTimeouts.IGNORED, NoCache.INSTANCE,
                stepAnswers).configureModule(configurer);
        axon = configurer.start();
        axon.eventBus().subscribe(network::committed);
        sagaManager = axon.eventProcessingConfiguration().sagaConfiguration(TransferSaga.class).manager();
    }

    /**
     * Runs the scenario, checking the books after every step; then lets the network deliver everything and the
     * deadlines fire until all is quiet, and checks that every transfer ended once. Finally every event the saga
     * saw is delivered once more, a transfer's request after its saga ended among them: nothing may change after the
     * end, and nothing may start that runs for ever.
     */
    static ModelFigures run(List<ModelOperation> scenario) {
        return run(scenario, StepAnswers.AT_ONCE);
    }

    /** As {@link #run(List)}, with the saga hearing its answers as configured. */
    static ModelFigures run(List<ModelOperation> scenario, StepAnswers stepAnswers) {
        try (ModelLedger ledger = new ModelLedger(stepAnswers)) {
            for (ModelOperation operation : scenario) {
                ledger.apply(operation);
                ledger.books.checkAtAnyMoment(ledger.network.journal());
            }
            ledger.drain();
            ledger.books.checkEveryTransferEnded(ledger.network.journal());
            Map<TransferId, TransferStatus> outcomes = ledger.books.outcomes(ledger.network.journal());
            ledger.redeliverEverything();
            ledger.drain();
            Map<TransferId, TransferStatus> outcomesAfterwards = ledger.books.outcomes(ledger.network.journal());
            if (!outcomes.equals(outcomesAfterwards)) {
                throw ModelBooks.violation("final", "ends changed after the end: " + outcomes
                        + " became " + outcomesAfterwards);
            }
            return ledger.figures(scenario.size(), outcomes);
        }
    }

    private void apply(ModelOperation operation) {
        if (operation instanceof Open step) {
            open(step.account(), step.yen(), step.overdraftLimit());
        } else if (operation instanceof Deposit step) {
            deposit(step.account(), step.amount());
        } else if (operation instanceof Withdraw step) {
            withdraw(step.account(), step.amount());
        } else if (operation instanceof WithdrawAll step) {
            withdrawAll(step.account());
        } else if (operation instanceof Freeze step) {
            sendTo(step.account(), FreezeAccount::new);
        } else if (operation instanceof Unfreeze step) {
            sendTo(step.account(), UnfreezeAccount::new);
        } else if (operation instanceof Close step) {
            sendTo(step.account(), CloseAccount::new);
        } else if (operation instanceof Transfer step) {
            transfer(step.source(), step.destination(), step.anyDestination(), step.amount(), CaptureMode.AUTOMATIC);
        } else if (operation instanceof Authorize step) {
            transfer(step.source(), step.destination(), step.anyDestination(), step.amount(), CaptureMode.MANUAL);
        } else if (operation instanceof Capture step) {
            captureOrVoid(step.pick(), transferId -> new CaptureTransfer(transferId, step.part() == 0 ? null
                    : new Money(step.part(), books.amountOf(transferId).currency()), STAFF));
        } else if (operation instanceof VoidAuthorization step) {
            captureOrVoid(step.pick(), transferId -> new VoidTransfer(transferId, STAFF));
        } else if (operation instanceof DeliverNext) {
            deliver(0);
        } else if (operation instanceof DeliverOutOfOrder step) {
            deliver(step.pick());
        } else if (operation instanceof Redeliver step) {
            redeliver(step.pick());
        } else if (operation instanceof LoseNextCommand step) {
            commandBus.loseNext(step.afterHandling());
        } else if (operation instanceof FireDeadline step) {
            fireDeadline(step.pick(), step.times());
        } else if (operation instanceof FireCancelledDeadline step) {
            fireCancelledDeadline(step.pick());
        } else {
            throw new IllegalArgumentException("No such step: " + operation);
        }
    }

    private void open(int account, boolean yen, long overdraftLimit) {
        AccountId accountId = ACCOUNTS.get(account);
        Currency currency = yen ? JPY : EUR;
        Money limit = new Money(overdraftLimit, currency);
        if (!books.isOpened(accountId)
                && accepted(new OpenAccount(accountId, "owner-" + account, currency, limit,
                        Requester.staff("model")))) {
            books.opened(accountId, currency, overdraftLimit);
        }
    }

    private void deposit(int account, long amount) {
        AccountId accountId = opened(account);
        if (accountId != null) {
            Money cash = new Money(amount, books.currencyOf(accountId));
            if (accepted(new DepositMoney(accountId, null, cash, "model"))) {
                books.cashMoved(cash);
            }
        }
    }

    private void withdraw(int account, long amount) {
        AccountId accountId = opened(account);
        if (accountId != null) {
            Money cash = new Money(amount, books.currencyOf(accountId));
            if (accepted(new WithdrawMoney(accountId, null, cash, "model"))) {
                books.cashMoved(cash.negate());
            }
        }
    }

    private void withdrawAll(int account) {
        AccountId accountId = opened(account);
        long balance = accountId == null ? 0 : ModelBooks.balanceOf(network.journal(), accountId);
        if (balance > 0) {
            withdraw(ACCOUNTS.indexOf(accountId), balance);
        }
    }

    private void transfer(int source, int destination, boolean anyDestination, long amount, CaptureMode capture) {
        AccountId sourceId = opened(source);
        if (sourceId != null) {
            TransferId transferId = new TransferId("transfer-" + ++transfersRequested);
            Money money = new Money(amount, books.currencyOf(sourceId));
            AccountId destinationId = anyDestination ? ACCOUNTS.get(destination) : opened(destination);
            if (accepted(new RequestTransfer(transferId, sourceId, destinationId, money, "model", STAFF, capture,
                    capture == CaptureMode.MANUAL ? EXPIRES_AT : null))) {
                books.requested(transferId, sourceId, destinationId, money, capture == CaptureMode.MANUAL);
            }
        }
    }

    /**
     * Sent whatever the transfer's state, the transfer refusing what comes too early, too late or twice; but three
     * picks in four go to a transfer authorized and not yet resolved, if there is one, so that many are taken.
     */
    private void captureOrVoid(int pick, Function<TransferId, Object> command) {
        List<TransferId> resting = ModelBooks.transfersResting(network.journal());
        List<TransferId> authorized = pick % 4 != 0 && !resting.isEmpty() ? resting : books.transfersCapturedLater();
        if (!authorized.isEmpty()) {
            try {
                axon.commandGateway().sendAndWait(command.apply(authorized.get(pick % authorized.size())));
                figures.secondPhasesTaken++;
            } catch (LedgerRuleViolation refused) {
                figures.secondPhasesRefused.merge(refused.code(), 1, Integer::sum);
            }
        }
    }

    private void deliver(int pick) {
        if (network.pendingCount() > 0) {
            int index = pick % network.pendingCount();
            if (index > 0) {
                figures.reorderedDeliveries++;
            }
            whileTheSagaIsSending(() -> network.deliver(index));
        }
    }

    private void redeliver(int pick) {
        List<EventMessage<?>> candidates = network.delivered();
        if (!candidates.isEmpty()) {
            figures.duplicateDeliveries++;
            whileTheSagaIsSending(() -> network.redeliver(candidates.get(pick % candidates.size())));
        }
    }

    /** Fires the picked deadline, then the one its saga sets next, and so on, {@code times} in all. */
    private void fireDeadline(int pick, int times) {
        List<ScheduledDeadlineInfo> scheduled = deadlines.getScheduledDeadlines();
        ScheduledDeadlineInfo deadline = scheduled.isEmpty() ? null : scheduled.get(pick % scheduled.size());
        for (int fired = 0; fired < times && deadline != null; fired++) {
            TransferId transferId = transferGuardedBy(deadline);
            if (transferId != null && network.isWaitingFor(transferId)) {
                figures.earlyDeadlines++;
            }
            fire(deadline);
            deadline = nextDeadlineOf(deadline.getDeadlineScope());
        }
    }

    private void fireCancelledDeadline(int pick) {
        ScheduledDeadlineInfo deadline = deadlines.takeCancelled(pick);
        if (deadline != null) {
            figures.cancelledDeadlinesFired++;
            fire(deadline);
        }
    }

    @Override
    public void close() {
        axon.shutdown();
    }

    private boolean accepted(Object command) {
        try {
            axon.commandGateway().sendAndWait(command);
            return true;
        } catch (LedgerRuleViolation refused) {
            return false;
        }
    }

    private void sendTo(int account, Function<AccountId, Object> command) {
        AccountId accountId = opened(account);
        if (accountId != null) {
            accepted(command.apply(accountId));
        }
    }

    // The account, if opened; otherwise one of the opened ones, so that few steps of a scenario are wasted.
    private AccountId opened(int account) {
        List<AccountId> opened = books.openedAccounts();
        if (opened.isEmpty()) {
            return null;
        }
        AccountId accountId = ACCOUNTS.get(account);
        return opened.contains(accountId) ? accountId : opened.get(account % opened.size());
    }

    private void whileTheSagaIsSending(Runnable delivery) {
        commandBus.sagaIsSending(true);
        try {
            delivery.run();
        } finally {
            commandBus.sagaIsSending(false);
        }
    }

    private void fire(ScheduledDeadlineInfo deadline) {
        deadlines.take(deadline);
        DeadlineMessage<?> message = deadline.deadlineMessage();
        whileTheSagaIsSending(() -> {
            ResultMessage<?> result = DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> {
                sagaManager.send(message, deadline.getDeadlineScope());
                return null;
            });
            if (result.isExceptional()) {
                throw new AssertionError("The saga failed on its deadline " + message.getPayload(),
                        result.exceptionResult());
            }
        });
    }

    private ScheduledDeadlineInfo nextDeadlineOf(ScopeDescriptor saga) {
        return deadlines.getScheduledDeadlines().stream()
                .filter(deadline -> deadline.getDeadlineScope().equals(saga))
                .findFirst()
                .orElse(null);
    }

    private TransferId transferGuardedBy(ScheduledDeadlineInfo deadline) {
        Object sagaId = ((SagaScopeDescriptor) deadline.getDeadlineScope()).getIdentifier();
        SagaStore.Entry<TransferSaga> saga = sagaStore.loadSaga(TransferSaga.class, sagaId.toString());
        if (saga == null) {
            return null;
        }
        return saga.associationValues().stream()
                .filter(association -> association.getKey().equals(TRANSFER_ID))
                .map(association -> new TransferId(association.getValue()))
                .findFirst()
                .orElse(null);
    }

    // The faults stop: every pending event is delivered, then the next deadline fires, until nothing is left.
    private void drain() {
        commandBus.heal();
        for (int step = 0; step < DRAIN_LIMIT; step++) {
            if (network.pendingCount() > 0) {
                deliver(0);
            } else if (!deadlines.getScheduledDeadlines().isEmpty()) {
                fire(deadlines.getScheduledDeadlines().get(0));
            } else {
                if (sagaStore.size() > 0) {
                    throw ModelBooks.violation("saga ended", sagaStore.size()
                            + " sagas still run with nothing left to wake them");
                }
                return;
            }
            books.checkAtAnyMoment(network.journal());
        }
        throw ModelBooks.violation("drained", "still busy after " + DRAIN_LIMIT + " deliveries and deadlines: "
                + sagaStore.size() + " sagas running, " + deadlines.getScheduledDeadlines().size()
                + " deadlines scheduled");
    }

    private void redeliverEverything() {
        List<EventMessage<?>> candidates = network.delivered();
        for (EventMessage<?> event : candidates) {
            figures.duplicateDeliveries++;
            whileTheSagaIsSending(() -> network.redeliver(event));
        }
    }

    private ModelFigures figures(int operations, Map<TransferId, TransferStatus> outcomes) {
        figures.tries = 1;
        figures.operations = operations;
        figures.transfers = books.transferCount();
        figures.lostCommands = commandBus.lost();
        figures.duplicatesApplied = ModelBooks.duplicatesApplied(network.journal());
        outcomes.values().forEach(outcome -> figures.outcomes.merge(outcome, 1, Integer::sum));
        return figures;
    }
}
