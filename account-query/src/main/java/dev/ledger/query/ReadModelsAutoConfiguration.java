package dev.ledger.query;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The read side's one contribution to the host: the projections, readers and writers of the account, statement and
 * transfer views, and the transfer view's sequencing policy, found in this module's packages only, and its JPA
 * entities and repositories. Listed in {@code META-INF/spring/...AutoConfiguration.imports}, so that an application
 * gets the read models by having this module on its class path, whatever its own package.
 * <p>
 * The read models' classes stay package-private, so they are scanned rather than imported one by one. The entities
 * and repositories are declared here too, so that they do not depend on where the host's application class sits.
 * Both replace Boot's defaults (the application's package): a host that adds entities or repositories of its own
 * declares its own {@code @EntityScan} and {@code @EnableJpaRepositories} for them. (Adding this package to Boot's
 * list with {@code @AutoConfigurationPackage} instead found the repository twice, under the ledger's application
 * class in {@code dev.ledger}.) Ordered before Boot's JPA repositories, which back off once these exist.
 */
@AutoConfiguration(before = {HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class})
@EntityScan
@EnableJpaRepositories
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = ReadModelsAutoConfiguration.class))
public class ReadModelsAutoConfiguration {
}
