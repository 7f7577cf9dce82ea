package dev.ledger.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The callers tests act as: the demo users of the REST contract over HTTP Basic, or the same users as JWTs
 * signed with the test key that {@code config/application.yml} makes the ledger trust. Which one a ledger
 * under test accepts follows its {@code ledger.security.demo-users}.
 */
public final class TestIdentities {

    public static final String ISSUER = "https://issuer.test.ledger.dev";
    public static final String AUDIENCE = "ledger-api";
    public static final String PUBLIC_KEY = "security/jwt-test-public.pem";

    /** The demo users and their roles, as in the REST contract. */
    public static final Map<String, String> DEMO_ROLES = Map.of(
            "alice", "CUSTOMER", "bob", "CUSTOMER", "teller", "TELLER", "auditor", "AUDITOR", "admin", "ADMIN",
            "admin2", "ADMIN");

    private static final PrivateKey SIGNING_KEY = privateKey("security/jwt-test-private.pem");

    private TestIdentities() {
    }

    public static boolean demoUsersOn(Environment environment) {
        return environment.getProperty("ledger.security.demo-users", Boolean.class, false);
    }

    /** The {@code Authorization} header for a demo user, in whichever scheme the ledger accepts. */
    public static String authorizationFor(String user, Environment environment) {
        return demoUsersOn(environment) ? basic(user, "demo") : bearer(user, DEMO_ROLES.get(user));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A valid token for {@code subject} with {@code roles}, for an hour. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + sign(claims(subject, roles).build(), SIGNING_KEY);
    }

    /** Claims the ledger under test accepts, for tests that change one of them. */
    public static JWTClaimsSet.Builder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("roles", List.of(roles));
    }

    public static String bearer(JWTClaimsSet claims) {
        return "Bearer " + sign(claims, SIGNING_KEY);
    }

    public static String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String resource) {
        try (InputStream in = TestIdentities.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
