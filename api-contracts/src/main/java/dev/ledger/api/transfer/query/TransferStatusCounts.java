package dev.ledger.api.transfer.query;

import dev.ledger.api.transfer.TransferStatus;
import java.util.EnumMap;
import java.util.Map;

/** How many transfers are in each status; a status with none is counted as zero. */
public record TransferStatusCounts(Map<TransferStatus, Long> counts) {

    public TransferStatusCounts {
        EnumMap<TransferStatus, Long> complete = new EnumMap<>(TransferStatus.class);
        for (TransferStatus status : TransferStatus.values()) {
            complete.put(status, counts.getOrDefault(status, 0L));
        }
        counts = Map.copyOf(complete);
    }

    public long of(TransferStatus status) {
        return counts.get(status);
    }
}
