package dev.ledger.app.metrics;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Meter updates wait for the unit of work at hand to commit, so a rolled-back step counts nothing. */
final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs the action once the current unit of work has committed, or at once when there is none. */
    static void run(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
