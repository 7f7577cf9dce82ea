package dev.ledger.query.account;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountViewRepository extends JpaRepository<AccountViewEntity, String> {

    List<AccountViewEntity> findByOwnerOrderByOpenedAtAscAccountIdAsc(String owner);
}
