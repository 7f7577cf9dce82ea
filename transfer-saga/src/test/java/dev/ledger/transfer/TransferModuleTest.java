package dev.ledger.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.AssociationValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs a whole transfer through a real Axon configuration, with accounts that answer straight away. */
class TransferModuleTest {

    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final AccountId SOURCE = new AccountId("alice-eur");
    private static final AccountId DESTINATION = new AccountId("bob-eur");
    private static final Money AMOUNT = Money.of(2500, "EUR");
    private static final Requester REQUESTER = Requester.owner("alice");

    private Configuration axon;

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    @Test
    void completesATransferBetweenTwoAccounts() {
        axon = startWithAccounts(SOURCE, DESTINATION);

        axon.commandGateway().sendAndWait(new RequestTransfer(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER));

        assertThat(eventsOfTheTransfer()).containsExactly(
                new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER),
                new TransferCompleted(TRANSFER));
        assertThat(sagasOfTheTransfer()).isEmpty();
    }

    @Test
    void refundsATransferToAnAccountThatDoesNotExist() {
        axon = startWithAccounts(SOURCE);

        axon.commandGateway().sendAndWait(new RequestTransfer(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER));

        assertThat(eventsOfTheTransfer()).containsExactly(
                new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER),
                new TransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_NOT_FOUND));
        assertThat(sagasOfTheTransfer()).isEmpty();
    }

    @Test
    void keepsTheTransferInTheCacheItIsGiven() {
        Cache transfers = new WeakReferenceCache();
        axon = start(new TransferModule(TransferStepTimeout.DEFAULT, StepTimeouts.IGNORED, transfers, StepAnswers.AT_ONCE), SOURCE, DESTINATION);

        axon.commandGateway().sendAndWait(new RequestTransfer(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER));

        assertThat(transfers.containsKey(TRANSFER.value())).isTrue();
        assertThat(eventsOfTheTransfer()).endsWith(new TransferCompleted(TRANSFER));
    }

    private static Configuration startWithAccounts(AccountId... existing) {
        return start(new TransferModule(), existing);
    }

    private static Configuration start(TransferModule module, AccountId... existing) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .eventProcessing(eventProcessing -> eventProcessing.usingSubscribingEventProcessors())
                .registerCommandHandler(config -> new Accounts(Set.of(existing), config.eventBus()));
        module.configureModule(configurer);
        return configurer.start();
    }

    private List<Object> eventsOfTheTransfer() {
        return axon.eventStore().readEvents(TRANSFER.toString()).asStream().<Object>map(Message::getPayload).toList();
    }

    private Set<String> sagasOfTheTransfer() {
        return axon.eventProcessingConfiguration().sagaConfiguration(TransferSaga.class).store().findSagas(TransferSaga.class, new AssociationValue(TransferSaga.TRANSFER_ID, TRANSFER.toString()));
    }

    /** Accounts that take every leg; a leg for an account they do not hold fails as Axon's repository would. */
    static final class Accounts {

        private final Set<AccountId> existing;
        private final EventBus eventBus;

        Accounts(Set<AccountId> existing, EventBus eventBus) {
            this.existing = existing;
            this.eventBus = eventBus;
        }

        @CommandHandler
        void handle(DebitAccount command) {
            requireExisting(command.accountId());
            publish(new AccountDebited(command.accountId(), command.transferId(), command.amount(), command.amount().negate()));
        }

        /** Like the real account: a credit to an id never opened is refused in that id's own stream. */
        @CommandHandler
        void handle(CreditAccount command) {
            if (!existing.contains(command.accountId())) {
                publish(new AccountCreditRejected(command.accountId(), command.transferId(), command.amount(),
                        LedgerErrorCode.ACCOUNT_NOT_FOUND));
                return;
            }
            publish(new AccountCredited(command.accountId(), command.transferId(), command.amount(), command.amount()));
        }

        @CommandHandler
        void handle(RefundAccountDebit command) {
            requireExisting(command.accountId());
            publish(new AccountDebitRefunded(command.accountId(), command.transferId(), command.amount(),
                    command.reason(), Money.zero(command.amount().currency())));
        }

        private void requireExisting(AccountId accountId) {
            if (!existing.contains(accountId)) {
                throw new AggregateNotFoundException(accountId.toString(), "No account " + accountId);
            }
        }

        private void publish(Object event) {
            eventBus.publish(GenericEventMessage.asEventMessage(event));
        }
    }
}
