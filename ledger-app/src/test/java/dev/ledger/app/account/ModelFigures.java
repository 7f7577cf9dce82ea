package dev.ledger.app.account;

import dev.ledger.api.error.LedgerErrorCode;
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
    int secondPhasesTaken;
    final Map<LedgerErrorCode, Integer> secondPhasesRefused = new EnumMap<>(LedgerErrorCode.class);
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
        secondPhasesTaken += run.secondPhasesTaken;
        run.secondPhasesRefused.forEach((code, count) -> secondPhasesRefused.merge(code, count, Integer::sum));
        run.outcomes.forEach((status, count) -> outcomes.merge(status, count, Integer::sum));
    }

    String summary() {
        return tries + " tries, " + operations + " operations, " + transfers + " transfers " + outcomes + ", "
                + duplicateDeliveries + " duplicate deliveries, " + reorderedDeliveries + " reorders, "
                + lostCommands + " lost commands, " + earlyDeadlines + " early deadlines, " + cancelledDeadlinesFired
                + " cancelled deadlines fired, " + secondPhasesTaken + " captures and voids taken and refused "
                + secondPhasesRefused + ", duplicates applied: " + duplicatesApplied;
    }
}
