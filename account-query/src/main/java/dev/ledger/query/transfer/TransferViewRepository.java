package dev.ledger.query.transfer;

import org.springframework.data.jpa.repository.JpaRepository;

interface TransferViewRepository extends JpaRepository<TransferViewEntity, String> {
}
