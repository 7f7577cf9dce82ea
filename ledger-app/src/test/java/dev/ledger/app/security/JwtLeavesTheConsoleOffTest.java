package dev.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.TestIdentities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With JWT authentication, as in production, there is nobody to log in to the console with a password: every console
 * address answers 404 with a page that says why, and not one of the console's files is served, whatever the
 * credential. (The same application context as {@link JwtAuthorizationTest}.)
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.security.demo-users=false")
class JwtLeavesTheConsoleOffTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Test
    void everyConsoleAddressAnswers404WithAPageThatSaysWhy() {
        for (String path : new String[] {"/console", "/console/", "/console/login", "/console/console.js",
                "/console/index.html", "/console/me"}) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET());

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("The operator console is off").contains("JWT");
        }
    }

    @Test
    void evenAnAdminsTokenGetsNoConsole() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/console/index.html"))
                .header("Authorization", TestIdentities.bearer("admin", "ADMIN")).GET());
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo")));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(login.statusCode()).isEqualTo(404);
        assertThat(login.headers().allValues("Set-Cookie")).as("no session is started").isEmpty();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
