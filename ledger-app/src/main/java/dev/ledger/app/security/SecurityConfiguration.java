package dev.ledger.app.security;

import static dev.ledger.app.security.Role.ADMIN;
import static dev.ledger.app.security.Role.AUDITOR;
import static dev.ledger.app.security.Role.CUSTOMER;
import static dev.ledger.app.security.Role.TELLER;

import dev.ledger.app.web.ProblemResponses;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. The routes say which roles may make a request at all; the controllers then limit a
 * customer to its own accounts and transfers and to the properties it may set, and the account itself refuses a
 * debit or an opening its requester may not make. Two ways to authenticate, never both: the demo users over HTTP
 * Basic on the embedded default, or JWTs from the bank's identity provider, validated as an OAuth2 resource
 * server, everywhere else.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final List<String> DEMO_USERS = List.of("alice", "bob", "teller", "auditor", "admin", "admin2");
    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

    @Bean
    static DemoUsersGuard demoUsersGuard() {
        return new DemoUsersGuard();
    }

    /**
     * Spring Security would observe each of its filters, every authentication and every authorization: a dozen
     * spans per request that say nothing a trace of a transfer needs, and CPU spent on every request for them
     * (docs/performance.md). The request's own span, and the trace it starts through commands and events, stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, ProblemResponses problems) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: every request carries its credentials
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Nothing to save a request into or to log out of without sessions: two filters fewer per request.
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**", "/api/admin/**").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasAnyRole(names(AUDITOR, ADMIN))
                        // A customer opens its own accounts only, without an overdraft: AccountController decides.
                        .requestMatchers(HttpMethod.POST, "/api/accounts").hasAnyRole(names(CUSTOMER, TELLER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/transfers").hasAnyRole(names(CUSTOMER, ADMIN))
                        // Whose transfer it is, the transfer decides: its requester, or staff.
                        .requestMatchers(HttpMethod.POST, "/api/transfers/*/capture", "/api/transfers/*/void")
                        .hasAnyRole(names(CUSTOMER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/deposits", "/api/accounts/*/withdrawals",
                                "/api/accounts/*/freeze", "/api/accounts/*/unfreeze", "/api/accounts/*/close")
                        .hasAnyRole(names(TELLER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(names(Role.values()))
                        .anyRequest().hasRole(ADMIN.name()));
        if (settings.demoUsers()) {
            SecurityProblems refusals = new SecurityProblems(problems, basicChallenge());
            http.httpBasic(basic -> basic.authenticationEntryPoint(refusals.entryPoint()))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(refusals.entryPoint())
                            .accessDeniedHandler(refusals));
        } else {
            SecurityProblems refusals = new SecurityProblems(problems, new BearerTokenAuthenticationEntryPoint());
            http.oauth2ResourceServer(server -> server.jwt(jwt -> { })
                            .authenticationEntryPoint(refusals.entryPoint())
                            .accessDeniedHandler(refusals))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(refusals.entryPoint())
                            .accessDeniedHandler(refusals));
        }
        return http.build();
    }

    /**
     * The demo users of the REST contract, one per role, each with the password {@code demo}. Their hashes use
     * a low BCrypt cost on purpose: HTTP Basic checks the password on every request, and these are no secret.
     */
    @Bean
    InMemoryUserDetailsManager demoUsers(SecuritySettings settings) {
        if (!settings.demoUsers()) {
            return new InMemoryUserDetailsManager(); // nobody: authentication is by JWT
        }
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
        String demo = "{bcrypt}" + encoder.encode("demo");
        // Two admins, so that an action needing four eyes can be proposed by one and approved by the other.
        List<Role> roles = List.of(CUSTOMER, CUSTOMER, TELLER, AUDITOR, ADMIN, ADMIN);
        UserDetails[] users = new UserDetails[DEMO_USERS.size()];
        for (int i = 0; i < users.length; i++) {
            users[i] = User.withUsername(DEMO_USERS.get(i)).password(demo).roles(roles.get(i).name()).build();
        }
        log.warn("DEMO USERS ARE ON: {} can call the ledger over HTTP Basic with the password 'demo'. This is for "
                + "trying the ledger only; production profiles authenticate with JWTs (docs/security.md).", DEMO_USERS);
        return new InMemoryUserDetailsManager(users);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                return Caller.of(SecurityContextHolder.getContext().getAuthentication());
            }
        });
    }

    /**
     * Validates signature, expiry, issuer and audience, from Spring Boot's standard properties. Declared here
     * rather than left to Boot because Boot ignores {@code issuer-uri} next to a {@code public-key-location} (or
     * fetches the issuer's discovery document), and a ledger must never accept a token for another audience or
     * from another issuer. A production ledger without these settings refuses to start. Validated tokens are
     * remembered for a while ({@link RememberedTokens}), so a client's token is checked once, not per request.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "ledger.security.demo-users", havingValue = false)
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer) throws IOException, GeneralSecurityException {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        List<String> missing = new ArrayList<>();
        if (!StringUtils.hasText(jwt.getIssuerUri())) {
            missing.add(JWT + "issuer-uri");
        }
        if (jwt.getAudiences().isEmpty()) {
            missing.add(JWT + "audiences");
        }
        if (StringUtils.hasText(jwt.getJwkSetUri()) == (jwt.getPublicKeyLocation() != null)) {
            missing.add("exactly one of " + JWT + "jwk-set-uri and " + JWT + "public-key-location");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("JWT authentication is on (ledger.security.demo-users=false) but not "
                    + "configured: set " + String.join(", ", missing) + " (docs/security.md).");
        }
        NimbusJwtDecoder decoder = StringUtils.hasText(jwt.getJwkSetUri())
                ? NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(publicKey(jwt)).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(jwt.getIssuerUri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audiences -> audiences != null && audiences.stream().anyMatch(jwt.getAudiences()::contains))));
        return new RememberedTokens(decoder, Clock.systemUTC(), RememberedTokens.MAX_AGE, RememberedTokens.CAPACITY);
    }

    private static RSAPublicKey publicKey(OAuth2ResourceServerProperties.Jwt jwt) throws IOException,
            GeneralSecurityException {
        String pem = jwt.readPublicKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static BasicAuthenticationEntryPoint basicChallenge() {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName("ledger");
        return challenge;
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
