package dev.ledger.app.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.security.*}: whether the demo users are on, and which profiles are production, where they
 * must not be. Off, the ledger is an OAuth2 resource server configured by Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * @param demoUsers          HTTP Basic with the demo users of the REST contract, password {@code demo}
 * @param productionProfiles profiles under which the demo users refuse to start
 */
@ConfigurationProperties("ledger.security")
public record SecuritySettings(boolean demoUsers, List<String> productionProfiles) {

    public SecuritySettings {
        productionProfiles = productionProfiles == null ? List.of("postgres", "axonserver") : List.copyOf(productionProfiles);
    }
}
