package dev.ledger.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;

/**
 * A JPA slice test on the read-model schema that production runs: the Flyway script V2 of ledger-app,
 * applied as a plain SQL script (this module has no Flyway, and the other migrations are Axon's tables), with
 * Hibernate only validating the entities against it, so a mapping that drifts from the migration fails here.
 * The database is H2 in the PostgreSQL mode the application uses. Each test runs in a transaction that is
 * rolled back afterwards.
 *
 * <p>The script is read from the ledger-app sources relative to this module's directory, which is where
 * Maven runs the tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DataJpaTest(showSql = false, properties = {
        "spring.datasource.url=jdbc:h2:mem:read-models-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.sql.init.mode=always",
        "spring.sql.init.schema-locations=file:../ledger-app/src/main/resources/db/migration/V2__read_models.sql,"
                + "file:../ledger-app/src/main/resources/db/migration/V5_1__correlation_ids.sql,"
                + "file:../ledger-app/src/main/resources/db/migration/V6_1__listings_and_references.sql,"
                // The books projection's tables only so that V10.2, which also holds money on them, applies.
                + "file:../ledger-app/src/main/resources/db/migration/V9_1__books_projection.sql,"
                + "file:../ledger-app/src/main/resources/db/migration/V10_2__pending_on_accounts.sql,"
                + "file:../ledger-app/src/main/resources/db/migration/V10_4__two_phase_transfers.sql",
        "spring.jpa.hibernate.ddl-auto=validate"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
public @interface ReadModelTest {
}
