package dev.ledger.app.account;

import dev.ledger.api.transfer.TransferStatus;
import java.util.EnumMap;
import java.util.Map;

/** What the model runs did, summed over all tries, so that a green run shows how much it actually exercised. */
final class ModelFigures {

    int tries;
    int operations;
    int transfers;
    int duplicateDeliveries;
    int reorderedDeliveries;
    int lostCommands;
    int earlyDeadlines;
    int cancelledDeadlinesFired;
    int duplicatesApplied;
    final Map<TransferStatus, Integer> outcomes = new EnumMap<>(TransferStatus.class);

    void add(ModelFigures run) {
        tries += run.tries;
        operations += run.operations;
        transfers += run.transfers;
        duplicateDeliveries += run.duplicateDeliveries;
        reorderedDeliveries += run.reorderedDeliveries;
        lostCommands += run.lostCommands;
        earlyDeadlines += run.earlyDeadlines;
        cancelledDeadlinesFired += run.cancelledDeadlinesFired;
        duplicatesApplied += run.duplicatesApplied;
        run.outcomes.forEach((status, count) -> outcomes.merge(status, count, Integer::sum));
    }

    String summary() {
        return tries + " tries, " + operations + " operations, " + transfers + " transfers " + outcomes + ", "
                + duplicateDeliveries + " duplicate deliveries, " + reorderedDeliveries + " reorders, "
                + lostCommands + " lost commands, " + earlyDeadlines + " early deadlines, " + cancelledDeadlinesFired
                + " cancelled deadlines fired, duplicates applied: " + duplicatesApplied;
    }
}
