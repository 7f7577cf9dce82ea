package dev.ledger.query.transfer;

import dev.ledger.api.transfer.TransferEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.stereotype.Component;

/**
 * Keeps every event of one transfer in one sequence, whichever aggregate recorded it. A transfer's timeline
 * mixes the transfer's events with account legs; sequenced per aggregate (Axon's default) they could land in
 * different segments and be applied out of order. Named in {@code application.yml} for the transfer view.
 */
@Component("transferSequencingPolicy")
class TransferSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof TransferEvent transferEvent) {
            return transferEvent.transferId().value();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
