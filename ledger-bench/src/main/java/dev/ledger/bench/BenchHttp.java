package dev.ledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 to the ledger on 127.0.0.1, every request with the bench's bearer token and a timeout. The load itself
 * uses the asynchronous calls, so that hundreds of transfers in flight cost connections, not threads.
 */
final class BenchHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    private final String baseUrl;
    private final String authorization;

    BenchHttp(int port, String authorization) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Answer expect(int... statuses) {
            for (int expected : statuses) {
                if (status == expected) {
                    return this;
                }
            }
            throw new IllegalStateException("Unexpected answer " + status + " " + body);
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(60));
    }

    Answer get(String path, Duration timeout) throws IOException, InterruptedException {
        return answer(client.send(request(path, timeout).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return answer(client.send(post(path, json, null).build(), HttpResponse.BodyHandlers.ofString()));
    }

    CompletableFuture<Answer> getAsync(String path, Duration timeout) {
        return client.sendAsync(request(path, timeout).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(BenchHttp::answer);
    }

    CompletableFuture<Answer> postAsync(String path, String json, String idempotencyKey) {
        return client.sendAsync(post(path, json, idempotencyKey).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(BenchHttp::answer);
    }

    private HttpRequest.Builder post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = request(path, Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", authorization);
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body());
    }
}
