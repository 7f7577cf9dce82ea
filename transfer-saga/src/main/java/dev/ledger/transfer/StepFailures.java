package dev.ledger.transfer;

import java.util.Optional;
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
