package dev.ledger.transfer;

import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.REQUESTED_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTER;
import static dev.ledger.transfer.OneTransfer.SOURCE;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.LegDecision;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over a bus that handles commands on another thread, as Axon Server's does on another node, the saga hears a leg's
 * answer at once only when it comes within the patience it was given; otherwise the leg's event brings it.
 */
class StepSenderTest {

    private static final DebitAccount DEBIT = new DebitAccount(SOURCE, TRANSFER, AMOUNT, REQUESTER, REQUESTED_AT);

    private final ExecutorService handlerThread = Executors.newSingleThreadExecutor();
    private final CountDownLatch accountMayAnswer = new CountDownLatch(1);
    private CommandGateway gateway;

    @BeforeEach
    void aBusThatHandlesElsewhere() {
        CommandBus bus = AsynchronousCommandBus.builder().executor(handlerThread).build();
        bus.subscribe(DebitAccount.class.getName(), command -> {
            accountMayAnswer.await();
            return LegDecision.applied();
        });
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @AfterEach
    void stopTheHandler() {
        accountMayAnswer.countDown();
        handlerThread.shutdownNow();
    }

    @Test
    void anAnswerThatComesWithinThePatienceIsHeardAtOnce() {
        accountMayAnswer.countDown();

        assertThat(StepSender.answeredWithin(gateway, Duration.ofSeconds(30)).send(DEBIT))
                .contains(new StepSender.Answer(LegDecision.applied()));
    }

    @Test
    void anAnswerLaterThanThePatienceIsLeftToTheLegsEvent() {
        assertThat(StepSender.answeredWithin(gateway, Duration.ofMillis(20)).send(DEBIT)).isEmpty();
    }

    @Test
    void withoutPatienceOnlyAnAnswerGivenBeforeSendReturnsIsHeard() {
        assertThat(StepSender.answeredAtOnce(gateway).send(DEBIT)).isEmpty();
    }
}
