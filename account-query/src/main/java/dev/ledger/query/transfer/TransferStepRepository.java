package dev.ledger.query.transfer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface TransferStepRepository extends JpaRepository<TransferStepEntity, String> {

    /** In no particular order: the timeline orders them ({@code TransferProjection}). */
    List<TransferStepEntity> findByTransferId(String transferId);
}
