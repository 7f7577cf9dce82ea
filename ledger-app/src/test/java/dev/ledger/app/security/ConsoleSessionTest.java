package dev.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.TestIdentities;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console's login, session and CSRF protection, over HTTP as a browser sends it, and the API clients
 * that must not notice any of it. (The same application context as {@link DemoUserAuthorizationTest}.)
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.security.demo-users=true")
@DisabledIfEnvironmentVariable(named = "SPRING_PROFILES_ACTIVE", matches = ".*(postgres|axonserver).*",
        disabledReason = "the demo users refuse to start under a production profile; the embedded run covers them")
class ConsoleSessionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeEach
    void aFreshBrowser() {
        browser = new Browser();
    }

    @Test
    void aCustomerWhoLogsInGetsA403PageAndNoConsole() {
        assertThat(browser.logIn("alice", "demo").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/"));

        HttpResponse<String> console = browser.get("/console/");
        assertThat(console.statusCode()).isEqualTo(403);
        assertThat(console.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(console.body()).contains("alice is CUSTOMER").contains("action=\"/console/logout\"")
                .doesNotContain("console.js");
        assertThat(browser.get("/console/console.js").statusCode()).as("not even the console's code").isEqualTo(403);
        assertThat(browser.get("/console/me").statusCode()).isEqualTo(403);

        Matcher token = CSRF_FIELD.matcher(console.body());
        assertThat(token.find()).as("the 403 page's logout form carries the CSRF token").isTrue();
        HttpResponse<String> loggedOut = browser.send(browser.request("/console/logout")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encoded(token.group(1)))));
        assertThat(loggedOut.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/login?logout"));
    }

    @Test
    void staffLogInAndTheConsoleSessionReadsTheApiAsThem() {
        browser.logIn("teller", "demo");

        HttpResponse<String> console = browser.get("/console/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("<title>Ledger console</title>");
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'self'"));
        assertThat(json(browser.get("/console/me")))
                .isEqualTo(JSON.readTree("{\"user\":\"teller\",\"roles\":[\"TELLER\"]}"));
        assertThat(browser.get("/api/accounts").statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/admin/projections").statusCode()).as("a teller's session is a teller")
                .isEqualTo(403);
    }

    @Test
    void anUnsafeRequestWithAConsoleSessionNeedsTheSessionsCsrfToken() {
        browser.logIn("admin", "demo");
        browser.get("/console/");
        String account = "acc-" + UUID.randomUUID();
        String opening = "{\"owner\":\"carol\",\"currency\":\"EUR\",\"accountId\":\"" + account + "\"}";

        HttpResponse<String> withoutToken = browser.post("/api/accounts", opening, null);
        HttpResponse<String> withAnotherToken = browser.post("/api/accounts", opening, UUID.randomUUID().toString());

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(withoutToken).path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(json(withoutToken).path("detail").asString()).contains("CSRF");
        assertThat(withAnotherToken.statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/accounts/" + account + "/history").statusCode()).as("nothing was opened")
                .isEqualTo(404);

        HttpResponse<String> withToken = browser.post("/api/accounts", opening, browser.cookie("XSRF-TOKEN"));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    @Test
    void aCredentialSentAlongWithAConsoleSessionDoesNotSkipItsCsrfCheck() {
        browser.logIn("admin", "demo");

        HttpResponse<String> refused = browser.send(browser.request("/api/accounts")
                .header("Content-Type", "application/json")
                .header("Authorization", TestIdentities.basic("admin", "demo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"carol\",\"currency\":\"EUR\"}")));

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aBasicClientNeedsNoCsrfTokenAndIsGivenNoCookie() {
        HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(browser.uri("/api/accounts"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestIdentities.basic("teller", "demo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"carol\",\"currency\":\"EUR\"}")));
        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(browser.uri("/api/accounts"))
                .header("Authorization", TestIdentities.basic("teller", "demo")).GET());

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(opened.headers().allValues("Set-Cookie")).as("no session, no CSRF cookie").isEmpty();
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aVisitorIsSentToTheLoginPageAndAScriptIsToldWithoutAChallenge() {
        HttpResponse<String> console = browser.get("/console/");
        HttpResponse<String> script = browser.send(browser.request("/console/me").header("X-Requested-With",
                "XMLHttpRequest").GET());
        HttpResponse<String> scriptOnTheApi = browser.send(browser.request("/api/accounts").header(
                "X-Requested-With", "XMLHttpRequest").GET());
        HttpResponse<String> clientOnTheApi = browser.get("/api/accounts");

        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/login"));
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(scriptOnTheApi.statusCode()).isEqualTo(401);
        assertThat(scriptOnTheApi.headers().firstValue("WWW-Authenticate"))
                .as("a challenge would open the browser's password dialog over the console").isEmpty();
        assertThat(json(scriptOnTheApi).path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(clientOnTheApi.headers().firstValue("WWW-Authenticate")).as("other clients are challenged")
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginFormWhichSaysSo() {
        HttpResponse<String> refused = browser.logIn("admin", "not-demo");

        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/login?error"));
        assertThat(browser.get("/console/login?error").body()).contains("do not match");
        assertThat(browser.get("/console/").statusCode()).isEqualTo(302);
    }

    @Test
    void aLoginWithoutTheFormsCsrfTokenIsRefused() {
        HttpResponse<String> refused = browser.send(browser.request("/console/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo")));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("The form had expired");
    }

    @Test
    void loggingOutEndsTheSessionForTheApiToo() {
        browser.logIn("admin", "demo");
        assertThat(browser.get("/api/accounts").statusCode()).isEqualTo(200);

        HttpResponse<String> loggedOut = browser.send(browser.request("/console/logout")
                .header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(loggedOut.statusCode()).isEqualTo(302);
        assertThat(loggedOut.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/login?logout"));
        assertThat(browser.get("/api/accounts").statusCode()).isEqualTo(401);
        assertThat(browser.get("/console/").statusCode()).isEqualTo(302);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A browser's share of HTTP: cookies kept between requests, redirects not followed, so that they can be seen. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        /** Fills in and sends the login form, its CSRF token included; answers the form's answer, a redirect. */
        HttpResponse<String> logIn(String user, String password) {
            HttpResponse<String> form = get("/console/login");
            Matcher token = CSRF_FIELD.matcher(form.body());
            assertThat(token.find()).as(form.body()).isTrue();
            HttpResponse<String> answer = send(request("/console/login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + encoded(user) + "&password="
                            + encoded(password) + "&_csrf=" + encoded(token.group(1)))));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            return answer;
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET());
        }

        /** A JSON POST as the console's scripts send it, with {@code csrfToken} in its header unless it is null. */
        HttpResponse<String> post(String path, String json, String csrfToken) {
            HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (csrfToken != null) {
                request.header("X-XSRF-TOKEN", csrfToken);
            }
            return send(request);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
