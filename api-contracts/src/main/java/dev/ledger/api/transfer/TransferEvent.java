package dev.ledger.api.transfer;

/**
 * An event on one transfer's timeline: the transfer's own events and every account leg (debit, credit,
 * refund, and their rejections). All events of a transfer share its id, which is how the saga associates
 * them and how consumers keep them in order.
 */
public interface TransferEvent {

    TransferId transferId();
}
