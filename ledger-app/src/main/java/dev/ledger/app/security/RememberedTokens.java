package dev.ledger.app.security;

import dev.ledger.app.caching.LeastRecentlyUsedCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.common.caching.Cache;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A JWT decoder that remembers the tokens it has validated, so a client that sends the same token with every
 * request has its signature checked once, not every time: the RSA signature check is a visible share of the
 * request threads' CPU when done per request (docs/performance.md).
 *
 * <p>A token is remembered until it expires, and never longer than {@code maxAge}: the decoder it wraps
 * keeps the identity provider's keys for as long (Spring Security's JWK set cache, Nimbus's 5-minute default), so a
 * token signed by a key the provider has withdrawn stops working about as soon as it would without this cache. Tokens the
 * decoder refuses, and tokens without an expiry, are not remembered.
 */
final class RememberedTokens implements JwtDecoder {

    /** As long as Spring Security's decoder keeps a JWK set (Nimbus's {@code JWKSourceBuilder} default). */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int CAPACITY = 10_000;

    private record Validated(Jwt jwt, Instant goodUntil) {
    }

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache validated;

    RememberedTokens(JwtDecoder decoder, Clock clock, Duration maxAge, int capacity) {
        this.decoder = decoder;
        this.clock = clock;
        this.maxAge = maxAge;
        this.validated = new LeastRecentlyUsedCache(capacity);
    }

    @Override
    public Jwt decode(String token) {
        Instant now = clock.instant();
        Validated known = validated.get(token);
        if (known != null && now.isBefore(known.goodUntil())) {
            return known.jwt();
        }
        Jwt jwt = decoder.decode(token); // refuses what is invalid, with the decoder's own error
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null) { // a token string without expiry never has one, so it was never remembered either
            Instant oldest = now.plus(maxAge);
            validated.put(token, new Validated(jwt, expiresAt.isBefore(oldest) ? expiresAt : oldest));
        }
        return jwt;
    }
}
