package dev.ledger.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged ledger in a JVM of its own with profile {@code postgres} (and {@code axonserver} for the remote path),
 * configured as operations configure it.
 * The jar is copied first, so that a build running meanwhile cannot rewrite it under the running process.
 */
record LedgerJvm(Process process, int port, Path log) implements AutoCloseable {

    /**
     * Starts the ledger with {@code profiles}: {@code postgres}, or {@code postgres,axonserver} with the Axon Server
     * at {@code axonServer} (its gRPC {@code host:port}; {@code null} for none).
     */
    static LedgerJvm start(Path jar, BenchDatabase database, List<String> jvmArguments, List<String> extraArguments,
                           Path workDirectory, String axonServer) throws IOException {
        Path copy = workDirectory.resolve("ledger-app.jar");
        // A restart runs the same copy, whatever was built since.
        if (!Files.exists(copy)) {
            Files.copy(jar, copy);
        }
        int port = freePort();
        Path log = workDirectory.resolve("ledger.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g",
                "-Daxoniq.update-checker.disabled=true"));
        // JVM options for experiments, such as a flight recording: -Dbench.jvmArgs='-XX:StartFlightRecording=...'
        command.addAll(jvmArguments);
        command.addAll(List.of(
                "-jar", copy.toString(),
                "--spring.profiles.active=" + (axonServer == null ? "postgres" : "postgres,axonserver"),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--spring.main.banner-mode=off"));
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Nothing from the bench's own environment (a profile, a datasource, a port) leaks into the ledger.
        builder.environment().clear();
        builder.environment().putAll(Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.user(),
                "SPRING_DATASOURCE_PASSWORD", "",
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true"));
        if (axonServer != null) {
            builder.environment().put("AXON_AXONSERVER_SERVERS", axonServer);
        }
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-ledger"));
        return new LedgerJvm(process, port, log);
    }

    long pid() {
        return process.pid();
    }

    void awaitHealthy(BenchHttp http, Duration timeout) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(timeout);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The ledger exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail());
            }
            try {
                BenchHttp.Answer health = http.get("/actuator/health");
                if (health.status() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The ledger was not healthy within " + timeout + "; see " + log);
    }

    /** A clean stop (SIGTERM): the processors store their tokens and the pool closes its sessions. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
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
}
