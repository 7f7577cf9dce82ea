package dev.ledger.query.statement;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface StatementEntryRepository extends JpaRepository<StatementEntryEntity, String> {

    Page<StatementEntryEntity> findByAccountIdOrderBySequenceNumberDesc(String accountId, Pageable page);
}
