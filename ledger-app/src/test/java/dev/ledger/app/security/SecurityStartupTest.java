package dev.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.LedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** How the ledger starts, or refuses to, depending on how callers authenticate. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityStartupTest {

    private static final String IN_MEMORY = "--spring.datasource.url=jdbc:h2:mem:security-startup;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void aProductionProfileWithTheDemoUsersOnRefusesToStartAndSaysWhy() {
        for (String profile : new String[] {"postgres", "axonserver"}) {
            assertThatThrownBy(() -> start("--spring.profiles.active=" + profile, "--ledger.security.demo-users=true"))
                    .as("before any bean is created, so before the database is touched: %s", profile)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("demo users")
                    .hasMessageContaining(profile)
                    .hasMessageContaining("ledger.security.demo-users");
        }
    }

    @Test
    void jwtAuthenticationWithoutAnAudienceRefusesToStartAndSaysWhichSettingIsMissing() {
        assertThatThrownBy(() -> start(IN_MEMORY, "--ledger.security.demo-users=false",
                "--spring.security.oauth2.resourceserver.jwt.audiences="))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.audiences")
                .hasMessageNotContaining("issuer-uri");
    }

    @Test
    void theDemoUsersAreAnnouncedByAWarningAtStartUp(CapturedOutput output) {
        // The embedded default exactly, whatever profile the surrounding run (CI's PostgreSQL pass) activates.
        try (ConfigurableApplicationContext ledger = start(IN_MEMORY, "--spring.profiles.active=default",
                "--ledger.security.demo-users=true")) {
            assertThat(ledger.isActive()).isTrue();
            assertThat(output.getOut())
                    .containsPattern("WARN.*DEMO USERS ARE ON: \\[alice, bob, teller, auditor, admin, admin2]");
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--server.port=0";
        all[arguments.length + 1] = "--spring.main.banner-mode=off";
        return new SpringApplicationBuilder(LedgerApplication.class).run(all);
    }
}
