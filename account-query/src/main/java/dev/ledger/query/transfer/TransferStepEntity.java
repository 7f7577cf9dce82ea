package dev.ledger.query.transfer;

import dev.ledger.api.transfer.query.TransferStep;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "transfer_step")
class TransferStepEntity {

    /** The id of the event that recorded the step, so a redelivered event adds no second step. */
    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "transfer_id")
    private String transferId;

    private String name;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "correlation_id")
    private String correlationId;

    @Column(name = "causation_id")
    private String causationId;

    protected TransferStepEntity() {
    }

    TransferStep toStep() {
        return new TransferStep(name, occurredAt, correlationId, causationId);
    }
}
