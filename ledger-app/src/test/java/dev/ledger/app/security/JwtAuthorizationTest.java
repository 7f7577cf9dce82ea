package dev.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.TestIdentities;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The authorization matrix with JWTs, as in production, and the token checks: signature, issuer, audience and
 * expiry are each enforced, and roles come from the {@code roles} claim.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.security.demo-users=false")
class JwtAuthorizationTest extends AuthorizationMatrix {

    private static final PrivateKey UNTRUSTED_KEY = untrustedKey();

    /** A token with valid claims, signed by a key the ledger does not trust. */
    @Override
    String rejectedCredential() {
        return "Bearer " + TestIdentities.sign(TestIdentities.claims("alice", "CUSTOMER").build(), UNTRUSTED_KEY);
    }

    private static PrivateKey untrustedKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenFromAnotherIssuerForAnotherAudienceOrExpiredIsRefused() {
        JWTClaimsSet valid = TestIdentities.claims("alice", "CUSTOMER").build();
        Date anHourAgo = Date.from(Instant.now().minusSeconds(3600));

        assertThat(statusWith(valid)).isEqualTo(200);
        assertThat(statusWith(new JWTClaimsSet.Builder(valid).issuer("https://somewhere.else").build())).isEqualTo(401);
        assertThat(statusWith(new JWTClaimsSet.Builder(valid).audience("another-api").build())).isEqualTo(401);
        assertThat(statusWith(new JWTClaimsSet.Builder(valid).issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(anHourAgo).build())).isEqualTo(401);
    }

    @Test
    void aTokenWithoutALedgerRoleAuthenticatesButMayReadNothing() {
        LedgerClient noRole = admin.withAuthorization(TestIdentities.bearer("alice"));
        LedgerClient unknownRole = admin.withAuthorization(TestIdentities.bearer("alice", "SUPERUSER"));

        assertThat(noRole.get("/api/accounts/" + alicesAccount).status()).isEqualTo(403);
        assertThat(unknownRole.get("/api/accounts/" + alicesAccount).status()).isEqualTo(403);
    }

    private int statusWith(JWTClaimsSet claims) {
        return admin.withAuthorization(TestIdentities.bearer(claims)).get("/api/accounts/" + alicesAccount).status();
    }
}
