package dev.ledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class TransientFailureRetryTest {

    record Touch(String id) {
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger attempts = new AtomicInteger();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = DefaultCommandGateway.builder()
            .commandBus(bus)
            .retryScheduler(new TransientFailureRetry(executor, 3, Duration.ofMillis(1)))
            .build();

    @AfterEach
    void stopRetrying() {
        executor.shutdownNow();
    }

    @Test
    void aConflictingAppendIsRetriedUntilItGoesThrough() {
        failTimes(2, new ConcurrencyException("another node appended first"));

        assertThat((String) gateway.sendAndWait(new Touch("a"))).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aConnectionThatCouldNotBeHadIsRetried() {
        failTimes(1, new CannotGetJdbcConnectionException("pool exhausted"));

        assertThat((String) gateway.sendAndWait(new Touch("a"))).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anAggregateLockRefusedToAvoidADeadlockIsRetried() {
        failTimes(1, new DeadlockException("another saga batch holds the account"));

        assertThat((String) gateway.sendAndWait(new Touch("a"))).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void retriesStopAfterThree() {
        failTimes(10, new ConcurrencyException("always busy"));

        assertThatThrownBy(() -> gateway.sendAndWait(new Touch("a"))).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aBrokenRuleIsNeverRetried() {
        failTimes(1, new LedgerRuleViolation(LedgerErrorCode.INSUFFICIENT_FUNDS, "no"));

        assertThatThrownBy(() -> gateway.sendAndWait(new Touch("a"))).isInstanceOf(LedgerRuleViolation.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aFailureOfUnknownOutcomeIsNeverRetried() {
        failTimes(1, new IllegalStateException("connection lost during commit"));

        assertThatThrownBy(() -> gateway.sendAndWait(new Touch("a"))).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aTakenIdIsNotRetriedEvenThoughItIsAConcurrencyFailure() {
        failTimes(1, new AggregateStreamCreationException("id taken"));

        assertThatThrownBy(() -> gateway.sendAndWait(new Touch("a")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(attempts).hasValue(1);
    }

    private void failTimes(int failures, RuntimeException failure) {
        bus.subscribe(Touch.class.getName(), command -> {
            if (attempts.incrementAndGet() <= failures) {
                throw failure;
            }
            return "done";
        });
    }
}
