package dev.ledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The bench's identity towards a ledger that runs as an OAuth2 resource server: a fresh RSA key pair per run,
 * its public key handed to the ledger as a PEM file, and one RS256 token with role ADMIN signed with the JDK's
 * own crypto. A ledger without security ignores the header.
 */
final class BenchToken {

    static final String ISSUER = "https://bench.ledger.local";
    static final String AUDIENCE = "ledger-bench";

    private final Path publicKeyPem;
    private final String bearer;

    private BenchToken(Path publicKeyPem, String bearer) {
        this.publicKeyPem = publicKeyPem;
        this.bearer = bearer;
    }

    static BenchToken create(Path directory, Duration validity) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = directory.resolve("bench-jwt.pub");
        String encoded = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + encoded + "\n-----END PUBLIC KEY-----\n");

        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"bench\",\"iat\":" + now
                + ",\"exp\":" + (now + validity.toSeconds()) + ",\"roles\":[\"ADMIN\"]}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.getPrivate());
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        return new BenchToken(pem, "Bearer " + token);
    }

    String authorization() {
        return bearer;
    }

    /** The Spring Boot properties that make the ledger trust this token, as command-line arguments. */
    List<String> ledgerArguments() {
        String prefix = "--spring.security.oauth2.resourceserver.jwt.";
        return List.of(prefix + "public-key-location=file:" + publicKeyPem.toAbsolutePath(),
                prefix + "issuer-uri=" + ISSUER,
                prefix + "audiences=" + AUDIENCE);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
