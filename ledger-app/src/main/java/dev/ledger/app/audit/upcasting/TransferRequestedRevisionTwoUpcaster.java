package dev.ledger.app.audit.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision 2 of {@code TransferRequested} as revision 3. Revision 2 was written before transfers could be
 * captured later, so every such transfer moved its money at once: its {@code capture} is {@code AUTOMATIC}, and it
 * has no {@code expiresAt} (left absent, which reads as none). A revision 2 event that already names a capture mode
 * keeps it.
 *
 * <p>It runs after {@link TransferRequestedUpcaster}, so a revision 1 event arrives here as revision 2 and leaves as
 * revision 3: Axon applies the upcaster beans in their {@link Order}.
 */
@Component
@Order(TransferRequestedUpcaster.ORDER + 1)
class TransferRequestedRevisionTwoUpcaster extends RevisionStep {

    TransferRequestedRevisionTwoUpcaster() {
        super(TransferRequestedUpcaster.TYPE, "2", "3");
    }

    @Override
    void mend(ObjectNode requested) {
        if (!requested.hasNonNull("capture")) {
            requested.put("capture", "AUTOMATIC");
        }
    }
}
