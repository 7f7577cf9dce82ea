package dev.ledger.app.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.deadline.ScheduledDeadlineInfo;
import org.axonframework.test.deadline.StubDeadlineManager;

/**
 * Axon's stub deadline manager, which fires nothing by itself, plus what was cancelled: with a persistent
 * scheduler, a deadline that fires while it is being cancelled still runs, so a cancelled deadline may fire too.
 */
final class ModelDeadlines extends StubDeadlineManager {

    private final List<ScheduledDeadlineInfo> cancelled = new ArrayList<>();

    ModelDeadlines() {
        super(Instant.EPOCH);
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        getScheduledDeadlines().stream()
                .filter(deadline -> deadline.getScheduleId().equals(scheduleId))
                .forEach(cancelled::add);
        super.cancelSchedule(deadlineName, scheduleId);
    }

    /** Takes a deadline off the schedule because it fires now, which is not a cancellation. */
    void take(ScheduledDeadlineInfo deadline) {
        super.cancelSchedule(deadline.getDeadlineName(), deadline.getScheduleId());
    }

    /** A cancelled deadline that fires all the same, or null when none was cancelled. */
    ScheduledDeadlineInfo takeCancelled(int pick) {
        return cancelled.isEmpty() ? null : cancelled.remove(pick % cancelled.size());
    }
}
