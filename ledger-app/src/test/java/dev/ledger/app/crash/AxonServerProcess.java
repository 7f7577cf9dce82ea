package dev.ledger.app.crash;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Axon Server for the tests of the production shape. Axon Server is not on Maven Central, so the suite
 * uses one only when it is given one: {@code AXONSERVER_SERVERS} names a running server (gRPC {@code host:port},
 * with its HTTP API at {@code AXONSERVER_HTTP}, by default the same host on 8024), or {@code AXONSERVER_JAR} names
 * an Axon Server SE jar that this class starts on free loopback ports in a directory of the test's own and kills at
 * the end. Without either, the test is skipped with one line that says so.
 */
final class AxonServerProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String grpcAddress;
    private final URI http;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AxonServerProcess(Process process, String grpcAddress, URI http, Path log) {
        this.process = process;
        this.grpcAddress = grpcAddress;
        this.http = http;
        this.log = log;
    }

    /** The server the environment names, or a new one from {@code AXONSERVER_JAR}; else the test is skipped. */
    static AxonServerProcess startOrSkip(Path workDirectory, Path logDirectory) throws IOException {
        String servers = System.getenv("AXONSERVER_SERVERS");
        String jar = System.getenv("AXONSERVER_JAR");
        if (servers != null && !servers.isBlank()) {
            String host = servers.split(",")[0].split(":")[0];
            String httpAddress = System.getenv().getOrDefault("AXONSERVER_HTTP", "http://" + host + ":8024");
            AxonServerProcess running = new AxonServerProcess(null, servers, URI.create(httpAddress), null);
            running.awaitReady();
            return running;
        }
        if (jar == null || jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            String reason = "SKIPPED: no Axon Server for the production-shape tests; set AXONSERVER_JAR to an Axon"
                    + " Server SE jar, or AXONSERVER_SERVERS to a running server's host:port (docs/testing.md)"
                    + (jar == null || jar.isBlank() ? "" : "; AXONSERVER_JAR names no file: " + jar);
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        int grpcPort = freePort();
        int httpPort = freePort();
        Path home = Files.createDirectories(workDirectory.resolve("axonserver"));
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve("axonserver.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-jar",
                Path.of(jar).toAbsolutePath().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + httpPort,
                "--axoniq.axonserver.port=" + grpcPort,
                "--axoniq.axonserver.hostname=127.0.0.1",
                "--axoniq.axonserver.event.storage=" + home.resolve("events"),
                "--axoniq.axonserver.snapshot.storage=" + home.resolve("events"),
                "--axoniq.axonserver.controldb-path=" + home.resolve("data"),
                "--axoniq.axonserver.pid-file-location=" + home,
                "--logging.file.name=" + home.resolve("axonserver-own.log")))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Axon Server is a Spring Boot application too: the build's SPRING_DATASOURCE_* would become its own
        // control database. It gets a scrubbed environment.
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.put("HOME", home.toString());
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        AxonServerProcess started = new AxonServerProcess(builder.start(), "127.0.0.1:" + grpcPort,
                URI.create("http://127.0.0.1:" + httpPort), log);
        Runtime.getRuntime().addShutdownHook(new Thread(started.process::destroyForcibly, "kill-axonserver"));
        started.awaitReady();
        return started;
    }

    /** {@code host:port} of its gRPC API, as {@code AXON_AXONSERVER_SERVERS} takes it. */
    String grpcAddress() {
        return grpcAddress;
    }

    /** A GET of its REST API in the default context, as JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(http.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("AxonIQ-Context", "default")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A PATCH of its REST API, such as a processor's split; answers the status code. */
    int patch(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(http.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private void awaitReady() throws IOException {
        try {
            Awaitility.await("Axon Server at " + http + " ready").atMost(READY_TIMEOUT)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    // Not listening yet, or not answering yet.
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast("Axon Server exited", () -> process != null && !process.isAlive())
                    .until(() -> get("/v1/public/mycontexts").isArray());
        } catch (TerminalFailureException exited) {
            throw new AssertionError("Axon Server exited with " + process.exitValue() + "; its log " + log
                    + " ends with:\n" + tail(), exited);
        } catch (ConditionTimeoutException notReady) {
            throw new AssertionError("Axon Server at " + http + " was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s" + (log == null ? "" : "; its log " + log + " ends with:\n" + tail()), notReady);
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Kills the server this class started; a server the environment named is left running. An interrupted wait
     * for its end leaves the interrupt set.
     */
    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
