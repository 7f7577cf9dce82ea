package dev.ledger.app.console;

import dev.ledger.app.security.Caller;
import dev.ledger.app.security.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's pages that the server writes: the login form and the refusal, both of which carry the session's
 * CSRF token in a form, and who is logged in, for the console's scripts. Everything else of the console is static
 * (static/console) and reads the ledger through the REST API, as any client does.
 */
@Controller
@Hidden // pages for the console's browser, not part of the REST contract's description
class ConsolePages {

    private final String loginPage = template("login.html");
    private final String forbiddenPage = template("forbidden.html");

    /** The console's user: the principal it logged in as, and its roles, as the API names them. */
    record ConsoleUser(String user, List<String> roles) {
    }

    @GetMapping(path = "/console/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 CsrfToken csrf) {
        String message = error != null ? "That user name and password do not match."
                : logout != null ? "You are logged out." : "";
        return fill(loginPage, Map.of("csrfParameter", csrf.getParameterName(), "csrfToken", csrf.getToken(),
                "message", message, "messageHidden", message.isEmpty() ? "hidden" : ""));
    }

    /**
     * Where a refused console request is forwarded (with its own method, hence every method): a customer, who has
     * no console, or a form whose CSRF token had gone stale.
     */
    @RequestMapping(path = "/console/forbidden", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> forbidden(HttpServletRequest request, Authentication caller, CsrfToken csrf) {
        boolean loggedIn = caller != null && !(caller instanceof AnonymousAuthenticationToken);
        String reason;
        if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            reason = "The form had expired (its CSRF token was missing or stale). Log in again.";
        } else if (loggedIn) {
            reason = caller.getName() + " is " + String.join(", ", roles(caller))
                    + ": the console is for the bank's staff (ADMIN, TELLER or AUDITOR). Customers use the API.";
        } else {
            reason = "The console is for the bank's staff (ADMIN, TELLER or AUDITOR).";
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_HTML).body(fill(forbiddenPage,
                Map.of("reason", reason, "csrfParameter", csrf.getParameterName(), "csrfToken", csrf.getToken(),
                        "logoutHidden", loggedIn ? "" : "hidden")));
    }

    @GetMapping(path = "/console/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ConsoleUser me(Authentication caller) {
        return new ConsoleUser(caller.getName(), roles(caller));
    }

    private static List<String> roles(Authentication caller) {
        return Caller.of(caller).roles().stream().map(Role::name).sorted().toList();
    }

    /** The page with each {@code {{name}}} replaced by its value, escaped for HTML. */
    private static String fill(String page, Map<String, String> values) {
        String filled = page;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{{" + value.getKey() + "}}", HtmlUtils.htmlEscape(value.getValue()));
        }
        return filled;
    }

    private static String template(String name) {
        try (InputStream in = new ClassPathResource("console-pages/" + name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The console's page " + name + " is missing from the jar", e);
        }
    }
}
