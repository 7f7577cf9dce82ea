package dev.ledger.query.transfer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface TransferStepRepository extends JpaRepository<TransferStepEntity, String> {

    List<TransferStepEntity> findByTransferIdOrderByOccurredAtAscEventIdAsc(String transferId);
}
