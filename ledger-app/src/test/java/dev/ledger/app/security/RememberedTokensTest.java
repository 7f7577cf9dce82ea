package dev.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A token is validated once and then remembered, but never past its expiry, the maximum age, or a refusal. */
class RememberedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final ValidatingDecoder decoder = new ValidatingDecoder();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RememberedTokens tokens = new RememberedTokens(decoder, clock, MAX_AGE, 2);

    @Test
    void validatesATokenOnceWhileItIsGood() {
        decoder.accept("alice", NOW.plus(Duration.ofHours(1)));

        Jwt first = tokens.decode("alice");
        now = NOW.plus(Duration.ofMinutes(4));
        Jwt second = tokens.decode("alice");

        assertThat(second).isSameAs(first);
        assertThat(decoder.decoded).containsExactly("alice");
    }

    @Test
    void validatesAgainAfterTheMaximumAgeAndNoticesAWithdrawnKey() {
        decoder.accept("alice", NOW.plus(Duration.ofHours(1)));
        tokens.decode("alice");

        decoder.refuse("alice"); // e.g. its signing key was withdrawn
        now = NOW.plus(MAX_AGE);

        assertThatThrownBy(() -> tokens.decode("alice")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("alice")).isInstanceOf(BadJwtException.class);
        assertThat(decoder.decoded).containsExactly("alice", "alice", "alice");
    }

    @Test
    void neverAcceptsATokenPastItsExpiry() {
        decoder.accept("alice", NOW.plus(Duration.ofMinutes(1)));
        tokens.decode("alice");

        now = NOW.plus(Duration.ofMinutes(1));

        assertThatThrownBy(() -> tokens.decode("alice")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void remembersNoRefusal() {
        assertThatThrownBy(() -> tokens.decode("mallory")).isInstanceOf(BadJwtException.class);
        decoder.accept("mallory", NOW.plus(Duration.ofHours(1)));

        assertThat(tokens.decode("mallory").getSubject()).isEqualTo("mallory");
    }

    @Test
    void doesNotRememberATokenWithoutExpiry() {
        decoder.accept("forever", null);

        tokens.decode("forever");
        tokens.decode("forever");

        assertThat(decoder.decoded).containsExactly("forever", "forever");
    }

    @Test
    void forgetsTheTokenUsedLeastRecentlyBeyondItsCapacity() {
        for (String subject : List.of("alice", "bob", "carol")) {
            decoder.accept(subject, NOW.plus(Duration.ofHours(1)));
            tokens.decode(subject);
        }

        tokens.decode("carol");
        tokens.decode("bob");
        tokens.decode("alice");

        assertThat(decoder.decoded).containsExactly("alice", "bob", "carol", "alice");
    }

    /** Stands for Nimbus: accepts the tokens it was told to, checking their expiry against the test's clock. */
    private final class ValidatingDecoder implements JwtDecoder {

        final List<String> decoded = new ArrayList<>();
        private final Map<String, Instant> valid = new HashMap<>();

        void accept(String token, Instant expiresAt) {
            valid.put(token, expiresAt == null ? Instant.MAX : expiresAt);
        }

        void refuse(String token) {
            valid.remove(token);
        }

        @Override
        public Jwt decode(String token) {
            decoded.add(token);
            Instant expiresAt = valid.get(token);
            if (expiresAt == null || !now.isBefore(expiresAt)) {
                throw new BadJwtException("refused: " + token);
            }
            Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(token);
            return (expiresAt == Instant.MAX ? jwt : jwt.expiresAt(expiresAt)).build();
        }
    }
}
