package dev.ledger.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * A ledger started as shipped samples a tenth of its transfers, and an operator changes that with the environment
 * variable any Boot property has, without rebuilding.
 */
class SamplingDefaultsTest {

    @Test
    void aDefaultStartSamplesATenthOfTheRequests() {
        try (ConfigurableApplicationContext ledger = startWith(Map.of())) {
            assertThat(ledger.getBean(TracingProperties.class).getSampling().getProbability()).isEqualTo(0.1f);
            assertThat(ledger.getBean(Sampler.class).getDescription())
                    .startsWith("FollowTheCause{ParentBased{root:TraceIdRatioBased{0.100000}");
        }
    }

    @Test
    void theEnvironmentOverridesTheProbability() {
        try (ConfigurableApplicationContext ledger =
                startWith(Map.of("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.25"))) {
            assertThat(ledger.getBean(TracingProperties.class).getSampling().getProbability()).isEqualTo(0.25f);
            assertThat(ledger.getBean(Sampler.class).getDescription())
                    .startsWith("FollowTheCause{ParentBased{root:TraceIdRatioBased{0.250000}");
        }
    }

    /** The ledger with exactly these environment variables, and none of the JVM's own. */
    private static ConfigurableApplicationContext startWith(Map<String, Object> variables) {
        Map<String, Object> environment = new HashMap<>(variables);
        environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:sampling-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        StandardServletEnvironment spring = new StandardServletEnvironment();
        spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        return new SpringApplicationBuilder(LedgerApplication.class).environment(spring).run("--server.port=0");
    }
}
