package dev.ledger.api.transfer.query;

/** Asks how many transfers the read model holds in each status; answered with {@link TransferStatusCounts}. */
public record CountTransfersByStatus() {
}
