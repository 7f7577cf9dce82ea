package dev.ledger.app.crash;

import dev.ledger.app.TestIdentities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP/1.1 to a ledger on 127.0.0.1, every call with a timeout. Transport failures are thrown as they
 * are, because the crash test tells a request that never arrived from one whose answer was lost.
 */
final class LedgerHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN = TestIdentities.bearer("admin", "ADMIN");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    LedgerHttp(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record Answer(int status, String body, HttpHeaders headers) {

        boolean replayed() {
            return "true".equals(headers.firstValue("Idempotent-Replayed").orElse(null));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer get(String path, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET());
    }

    Answer post(String path, String json, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    /** A read that must succeed with {@code 200}. */
    JsonNode read(String path) throws InterruptedException {
        Answer answer = unchecked(() -> get(path, REQUEST_TIMEOUT));
        if (answer.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + answer);
        }
        return answer.json();
    }

    /** A write that must succeed with {@code expectedStatus}. */
    Answer write(String path, String json, String idempotencyKey, int expectedStatus) throws InterruptedException {
        Answer answer = unchecked(() -> post(path, json, idempotencyKey));
        if (answer.status() != expectedStatus) {
            throw new AssertionError("POST " + path + " " + json + " answered " + answer);
        }
        return answer;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Authorization", ADMIN);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    private interface Call {
        Answer send() throws IOException, InterruptedException;
    }

    private static Answer unchecked(Call call) throws InterruptedException {
        try {
            return call.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
