package dev.ledger.app.security;

import dev.ledger.LedgerApplication;
import dev.ledger.app.TestIdentities;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;

/** The authorization matrix with the demo users of the embedded default, over HTTP Basic. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.security.demo-users=true")
@DisabledIfEnvironmentVariable(named = "SPRING_PROFILES_ACTIVE", matches = ".*(postgres|axonserver).*",
        disabledReason = "the demo users refuse to start under a production profile; the embedded run covers them")
class DemoUserAuthorizationTest extends AuthorizationMatrix {

    @Override
    String rejectedCredential() {
        return TestIdentities.basic("alice", "not-demo");
    }
}
