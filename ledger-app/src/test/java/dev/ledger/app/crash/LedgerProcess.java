package dev.ledger.app.crash;

import dev.ledger.LedgerApplication;
import dev.ledger.app.TestIdentities;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The real ledger in a JVM of its own on a {@link ScratchDatabase}, so that it can be killed the way a crash
 * kills it: SIGKILL, no shutdown hooks, nothing flushed. Its output goes to a log file kept for evidence.
 */
final class LedgerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killOnExit;

    private LedgerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        // Should the test JVM itself be stopped, the ledger must not outlive it holding a port and a database.
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the ledger with profile {@code postgres}, configured the way operations configure it: through
     * {@code SPRING_DATASOURCE_*} in its environment. It listens on 127.0.0.1 only.
     */
    static LedgerProcess start(String name, String classpath, ScratchDatabase database, Path workDirectory,
                               Path logDirectory) throws IOException {
        return start(name, classpath, database, workDirectory, logDirectory, "postgres", Map.of());
    }

    /**
     * Starts the ledger with the given profiles, and {@code environment} added to the operations' settings: the
     * production shape is {@code postgres,axonserver} with {@code AXON_AXONSERVER_SERVERS}.
     */
    static LedgerProcess start(String name, String classpath, ScratchDatabase database, Path workDirectory,
                               Path logDirectory, String profiles, Map<String, String> environment)
            throws IOException {
        int port = freePort();
        Path log = logDirectory.resolve(name + ".log");
        Files.createDirectories(logDirectory);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(),
                // A fast start on a small machine; peak throughput does not matter for a few hundred requests.
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Daxoniq.update-checker.disabled=true",
                "-cp", classpath,
                LedgerApplication.class.getName(),
                "--spring.profiles.active=" + profiles,
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--spring.main.banner-mode=off"))
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> settings = builder.environment();
        // Whatever the surrounding build configured for itself (a profile, a datasource, a port) is not this
        // ledger's configuration.
        settings.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("SERVER_")
                || key.startsWith("AXON_") || key.startsWith("LEDGER_"));
        settings.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        settings.put("SPRING_DATASOURCE_USERNAME", database.user());
        settings.put("SPRING_DATASOURCE_PASSWORD", database.password());
        settings.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // A production profile: it trusts the tests' JWT key, and the crash test calls it as admin.
        settings.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                "file:" + codeSourceOf(LedgerProcess.class).resolve(TestIdentities.PUBLIC_KEY));
        settings.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", TestIdentities.ISSUER);
        settings.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", TestIdentities.AUDIENCE);
        settings.putAll(environment);
        return new LedgerProcess(name, builder.start(), port, log);
    }

    /**
     * The classpath for a ledger process: the test JVM's own, without the test classes (the ledger would scan
     * their configuration in), and with the project's own classes copied into {@code snapshot}, because a
     * concurrent build may rewrite {@code target/classes} or a snapshot jar under a running JVM.
     */
    static String classpath(Path snapshot, Class<?> testClass) throws IOException {
        Path testClasses = codeSourceOf(testClass);
        List<String> entries = new ArrayList<>();
        int copied = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (path.equals(testClasses)) {
                continue;
            }
            boolean ours = Files.isDirectory(path) || path.getFileName().toString().contains("-SNAPSHOT");
            if (ours && Files.exists(path)) {
                Path copy = snapshot.resolve(copied++ + "-" + path.getFileName());
                copyRecursively(path, copy);
                path = copy;
            }
            entries.add(path.toString());
        }
        if (copied == 0) {
            throw new IllegalStateException("The ledger's own classes are not on java.class.path: " + entries);
        }
        return String.join(File.pathSeparator, entries);
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Waits until {@code /actuator/health} answers UP; fails with the log's tail if the ledger dies first. */
    Duration awaitHealthy(Duration timeout) {
        Instant started = Instant.now();
        LedgerHttp http = new LedgerHttp(port);
        try {
            Awaitility.await("the ledger (" + name + ") healthy").atMost(timeout)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    // Not listening yet.
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast("the ledger (" + name + ") exited", () -> !process.isAlive())
                    .until(() -> {
                        LedgerHttp.Answer health = http.get("/actuator/health", Duration.ofSeconds(5));
                        return health.status() == 200 && health.body().contains("\"UP\"");
                    });
        } catch (TerminalFailureException exited) {
            throw new AssertionError("The ledger (" + name + ") exited with " + process.exitValue()
                    + " before it was healthy; its log " + log + " ends with:\n" + tail(60), exited);
        } catch (ConditionTimeoutException notHealthy) {
            throw new AssertionError("The ledger (" + name + ") was not healthy within " + timeout.toSeconds()
                    + " s; its log " + log + " ends with:\n" + tail(60), notHealthy);
        }
        return Duration.between(started, Instant.now());
    }

    /** SIGKILL: the JVM gets no chance to finish a request, commit, or store a token. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("The ledger (" + name + ") survived SIGKILL for 20 s");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the ledger's log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the ledger if it still runs; an interrupted wait for its end leaves the interrupt set. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyRecursively(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path from : (Iterable<Path>) tree::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
