package dev.ledger.query.transfer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TransferViewRepository extends JpaRepository<TransferViewEntity, String> {

    /** Rows of (status, count). */
    @Query("select t.status, count(t) from TransferViewEntity t group by t.status")
    List<Object[]> countByStatus();
}
