package dev.ledger.transfer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both {@link StepSender}s do with a failed command. */
final class StepFailures {

    private static final Logger log = LoggerFactory.getLogger(StepSender.class);

    private StepFailures() {
    }

    static void warn(Object command, Throwable failure) {
        if (failure != null) {
            log.warn("{} failed; the step deadline will send it again", command, failure);
        }
    }

    /** Waits up to {@code patience} for {@code result}; its outcome, or its absence, is read from it afterwards. */
    static void awaitQuietly(CompletableFuture<Object> result, Duration patience) {
        try {
            result.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException answeredLaterOrNot) {
            // the saga goes on as without an answer: the leg's event, or the step's deadline, decides
        }
    }

    static Optional<RuntimeException> lockRefusal(CompletableFuture<Object> result) {
        if (!result.isCompletedExceptionally()) {
            return Optional.empty();
        }
        Throwable failure = result.handle((ignored, thrown) -> thrown).join();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionFailedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }
}
