package dev.ledger.app.web.openapi;

import dev.ledger.app.security.Caller;
import dev.ledger.app.security.SecuritySettings;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: what the ledger is, how to authenticate, and, through
 * {@link LedgerOperations}, what each operation is called and answers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** The version of the REST contract (shared API.md), not of the jar: it changes when the contract does. */
    static final String API_VERSION = "1.0.0";
    static final String TITLE = "Ledger API";

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";

    static {
        // The caller comes from the security context, never from the request: springdoc would show it as a query.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /**
     * Documents the one scheme this ledger accepts: the demo users over HTTP Basic when they are on (the embedded
     * default), else JWT bearer tokens (production profiles), as SecurityConfiguration decides.
     */
    @Bean
    OpenAPI ledgerOpenApi(SecuritySettings security) {
        String scheme = security.demoUsers() ? BASIC : BEARER;
        SecurityScheme accepted = security.demoUsers()
                ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("The demo users alice and bob (CUSTOMER), teller, auditor and admin, each with"
                                + " the password demo. On only in the embedded default, never in production.")
                : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT from the bank's identity provider, checked for signature, expiry,"
                                + " issuer and audience. Its roles are CUSTOMER, TELLER, AUDITOR and ADMIN.");
        return new OpenAPI()
                .info(new Info().title(TITLE).version(API_VERSION)
                        .description("""
                                An event-sourced banking ledger. Accounts hold money in one currency, as an integer \
                                count of its minor units; transfers between accounts are run by a saga that either \
                                completes, fails without moving money, or refunds the source. Writes are \
                                acknowledged when their events are stored; reads come from read models that follow \
                                eventually, and the audit operations read the event store itself.

                                Every 4xx and 5xx answer is application/problem+json with a stable code. \
                                Money-moving requests take an Idempotency-Key header."""))
                .addTagsItem(new Tag().name(DocumentedOperations.ACCOUNTS)
                        .description("Opening, reading, funding and closing accounts"))
                .addTagsItem(new Tag().name(DocumentedOperations.TRANSFERS)
                        .description("Moving money between accounts, and following a transfer to its end"))
                .addTagsItem(new Tag().name(DocumentedOperations.AUDIT)
                        .description("Reading the event store: history, balances as of an instant, and the books"))
                .addTagsItem(new Tag().name(DocumentedOperations.ADMIN)
                        .description("Operating the read models: progress, rebuilds and parked events"))
                .addTagsItem(new Tag().name(DocumentedOperations.REVIEWS)
                        .description("Resolving transfers stopped in manual review, checked against the accounts'"
                                + " streams, with four eyes for what moves money by hand"))
                // Relative, so that Swagger UI sends requests to the ledger that served the document, on any port.
                .addServersItem(new Server().url("/").description("The ledger that serves this document"))
                .components(new Components().addSecuritySchemes(scheme, accepted))
                .addSecurityItem(new SecurityRequirement().addList(scheme));
    }

    @Bean
    OpenApiCustomizer ledgerOperations() {
        return new LedgerOperations();
    }
}
