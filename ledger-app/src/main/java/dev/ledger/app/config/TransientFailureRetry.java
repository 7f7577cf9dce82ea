package dev.ledger.app.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Retries a command with exponential back-off, but only after a failure that is known to have changed
 * nothing: a conflicting append to a busy account (another node won the race), no database connection to be
 * had, or a lock that was not acquired, in the database or on an aggregate. Anything else, and above all a failure
 * whose outcome is unknown (a commit that lost its connection half-way), is returned to the caller: retrying a
 * deposit without an idempotency key could then apply it twice. Transfer legs would be safe either way, as they
 * are idempotent.
 *
 * <p>Axon itself never retries a lock refused to avoid a deadlock while the sender's unit of work is active: that
 * unit of work holds the locks the other side waits for. A saga batch is such a sender, so the saga fails its batch
 * instead ({@code TransferSaga}), and the processor retries the whole batch.
 */
class TransientFailureRetry implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(TransientFailureRetry.class);

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Duration firstDelay;

    TransientFailureRetry(ScheduledExecutorService executor, int maxRetries, Duration firstDelay) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.firstDelay = firstDelay;
    }

    @Override
    @SuppressWarnings("rawtypes") // Axon's RetryScheduler declares the raw type; an override must repeat it
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        int retriesSoFar = failures.size() - 1;
        if (retriesSoFar >= maxRetries || !changedNothing(lastFailure)) {
            return false;
        }
        long delay = firstDelay.toMillis() << retriesSoFar;
        log.info("Retrying {} in {} ms after {}", commandMessage.getCommandName(), delay, lastFailure.toString());
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean changedNothing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return false; // the id is taken for good: a retry would fail the same way
            }
            if (cause instanceof ConcurrencyException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotAcquireLockException
                    || cause instanceof LockAcquisitionFailedException) {
                return true;
            }
        }
        return false;
    }
}
