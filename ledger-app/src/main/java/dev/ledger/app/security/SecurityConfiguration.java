package dev.ledger.app.security;

import static dev.ledger.app.security.Role.ADMIN;
import static dev.ledger.app.security.Role.AUDITOR;
import static dev.ledger.app.security.Role.CUSTOMER;
import static dev.ledger.app.security.Role.TELLER;

import dev.ledger.app.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
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
 *
 * <p>With the demo users, staff may also log in to the operator console ({@code /console}) with a form. The console
 * is pages only: its scripts call the same API as any client, with the console's session instead of a credential
 * of their own, so a session is accepted by the API too, and an unsafe request made with it needs the session's
 * CSRF token. Without the demo users there is nobody to log in with a password, and the console is off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** The roles that may use the console; a customer has its own channels, and no console. */
    private static final Role[] STAFF = {ADMIN, TELLER, AUDITOR};

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

    /**
     * The operator console's pages: a login form, a session, a logout, and CSRF protection for the forms and for the
     * scripts, which read the token from the {@code XSRF-TOKEN} cookie and send it back as {@code X-XSRF-TOKEN}.
     * Ordered before the API's chain, which takes every other request.
     */
    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, SecuritySettings settings) throws Exception {
        http.securityMatcher("/console", "/console/**");
        if (!settings.demoUsers()) {
            log.info("The operator console (/console) is off: it logs in with a password, and with JWT authentication "
                    + "the ledger has no users to check one against; /console answers 404 (docs/security.md).");
            ConsoleOff off = new ConsoleOff();
            return http.authorizeHttpRequests(routes -> routes.anyRequest().denyAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .requestCache(AbstractHttpConfigurer::disable)
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(off).accessDeniedHandler(off))
                    .build();
        }
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage("/console/forbidden");
        // spa() loads the token on every console request, so its cookie is there before the scripts' first POST.
        http.csrf(CsrfConfigurer::spa)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/console/login", "/console/forbidden", "/console/console.css",
                                "/console/favicon.svg").permitAll()
                        .anyRequest().hasAnyRole(names(STAFF)))
                .formLogin(form -> form.loginPage("/console/login").defaultSuccessUrl("/console/", true)
                        .failureUrl("/console/login?error"))
                // Every login lands on the console's start, so a visitor's request need not be kept in a session.
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                // A script whose session has ended is told so, not sent the login page as its answer.
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(scriptsUnchallenged(new LoginUrlAuthenticationEntryPoint(
                                "/console/login")))
                        .accessDeniedHandler(forbidden))
                .headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(
                        "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                + "frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, ProblemResponses problems) throws Exception {
        if (settings.demoUsers()) {
            // The console's scripts call the API with the console's session. A session is read, never created or
            // written here, so a client with a credential stays stateless; an unsafe request that a session
            // authenticates needs the session's CSRF token, since a browser sends the cookie to whoever asks it to.
            http.securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                            new RequestAttributeSecurityContextRepository(), new ConsoleSessions())))
                    // The console's cookie, checked here and never written: spa() would make a token, and set a
                    // cookie, on every API request; the plain handler reads the header as the cookie has it.
                    .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                            .requireCsrfProtectionMatcher(SecurityConfiguration::unsafeInASession));
        } else {
            http.csrf(AbstractHttpConfigurer::disable); // no cookies or sessions: every request carries its credentials
        }
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Nothing to save a request into or to log out of without sessions: two filters fewer per request.
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // The manual-review queue is evidence an auditor reads; acting on it stays with the admins.
                        .requestMatchers(HttpMethod.GET, "/api/admin/reviews", "/api/admin/reviews/**")
                        .hasAnyRole(names(ADMIN, AUDITOR))
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
            SecurityProblems refusals = new SecurityProblems(problems, scriptsUnchallenged(basicChallenge()));
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
        log.warn("DEMO USERS ARE ON: {} can call the ledger over HTTP Basic, and its staff log in to the console at "
                + "/console, with the password 'demo'. This is for trying the ledger only; production profiles "
                + "authenticate with JWTs (docs/security.md).", DEMO_USERS);
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

    /**
     * A script's request (the console's) that is not authenticated gets a bare 401: neither a Basic challenge,
     * which the browser would answer with its own password dialog over the console's page, nor a redirect to the
     * login page, which the script would take for its answer.
     */
    private static AuthenticationEntryPoint scriptsUnchallenged(AuthenticationEntryPoint challenge) {
        return (request, response, failure) -> {
            if (fromAScript(request)) {
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
            } else {
                challenge.commence(request, response, failure);
            }
        };
    }

    private static boolean fromAScript(HttpServletRequest request) {
        return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }

    /** An unsafe request that comes with a console session, which a browser sends along on its own. */
    private static boolean unsafeInASession(HttpServletRequest request) {
        return CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request) && ConsoleSessions.loggedIn(request);
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
