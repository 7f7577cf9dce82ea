package dev.ledger.app.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} agrees with the application: the ledger service selects profiles that exist and
 * passes only settings those profiles read, pointing at the hosts, ports, database and credentials the other
 * services really offer; every image is pinned, every service has a health check, data lives in named volumes,
 * and Axon Server gets the repository's configuration. Docker cannot run here, so this is what can be checked.
 */
class ComposeStackTest {

    private static final Path REPOSITORY = repositoryRoot();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
    /**
     * Settings compose passes for a profile that is not active by default: each may name a profile whose
     * file does not exist yet (the kafka bridge), but once it exists, it must read the setting.
     */
    private static final Map<String, String> PREPARED_FOR_PROFILE = Map.of("AXON_KAFKA_BOOTSTRAP_SERVERS", "kafka");
    /**
     * Spring Boot's JWT settings, which the production profiles need and deliberately leave without a default
     * (the ledger refuses to start without them), so no configuration file names them.
     */
    private static final Set<String> JWT_SETTINGS = Set.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES");

    private final Map<String, Object> compose = yaml(REPOSITORY.resolve("docker-compose.yml"));
    private final Map<String, Object> services = map(compose.get("services"));
    private final Map<String, String> ledger = environment("ledger");

    @Test
    void theLedgerIsGivenEveryJwtSettingItRefusesToStartWithout() {
        assertThat(ledger).containsKeys(JWT_SETTINGS.toArray(String[]::new));
        assertThat(ledger).doesNotContainKey("LEDGER_SECURITY_DEMO_USERS");
    }

    @Test
    void theLedgerSelectsProfilesThatExist() {
        assertThat(activeProfiles()).containsExactly("postgres", "axonserver");
        assertThat(activeProfiles()).allSatisfy(profile ->
                assertThat(new ClassPathResource("application-" + profile + ".yml").exists()).as(profile).isTrue());
    }

    @Test
    void theLedgerPassesOnlySettingsItsProfilesRead() throws IOException {
        Set<String> read = settingsRead("application.yml");
        for (String profile : activeProfiles()) {
            read.addAll(settingsRead("application-" + profile + ".yml"));
        }
        for (String variable : ledger.keySet()) {
            if (variable.equals("SPRING_PROFILES_ACTIVE") || JWT_SETTINGS.contains(variable)) {
                continue;
            }
            String preparedFor = PREPARED_FOR_PROFILE.get(variable);
            if (preparedFor != null && !read.contains(variable)) {
                String file = "application-" + preparedFor + ".yml";
                if (new ClassPathResource(file).exists()) {
                    assertThat(settingsRead(file)).as("%s reads %s", file, variable).contains(variable);
                }
                continue;
            }
            assertThat(read).as("a setting the active profiles read").contains(variable);
        }
    }

    @Test
    void theLedgerUsesThePostgresServiceDatabaseAndCredentials() {
        Map<String, String> postgres = environment("postgres");
        URI url = URI.create(ledger.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));

        assertThat(url.getScheme()).isEqualTo("postgresql");
        assertThat(url.getHost()).isEqualTo("postgres");
        assertThat(services).containsKey(url.getHost());
        assertThat(url.getPort()).as("PostgreSQL's port in its container").isEqualTo(5432);
        assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(ledger.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(variablesIn(ledger.get("SPRING_DATASOURCE_PASSWORD")))
                .isNotEmpty()
                .isEqualTo(variablesIn(postgres.get("POSTGRES_PASSWORD")));
    }

    @Test
    void theLedgerReachesAxonServerOnItsGrpcPortWithTheTokenAxonServerRequires() throws IOException {
        String[] server = ledger.get("AXON_AXONSERVER_SERVERS").split(":");

        assertThat(server[0]).isEqualTo("axonserver");
        assertThat(services).containsKey(server[0]);
        assertThat(containerPorts("axonserver")).contains(Integer.parseInt(server[1]), 8024);
        assertThat(server[1]).isEqualTo("8124");

        Properties axonServer = new Properties();
        try (Reader file = Files.newBufferedReader(REPOSITORY.resolve("axonserver-config/axonserver.properties"))) {
            axonServer.load(file);
        }
        assertThat(axonServer.getProperty("axoniq.axonserver.devmode.enabled")).isEqualTo("false");
        assertThat(axonServer.getProperty("axoniq.axonserver.accesscontrol.enabled")).isEqualTo("true");
        Set<String> tokenVariables = variablesIn(axonServer.getProperty("axoniq.axonserver.accesscontrol.token"));
        assertThat(tokenVariables).as("the application token comes from the environment").hasSize(1);
        String tokenVariable = tokenVariables.iterator().next();
        assertThat(variablesIn(environment("axonserver").get(tokenVariable))).containsExactly(tokenVariable);
        assertThat(variablesIn(ledger.get("AXON_AXONSERVER_TOKEN"))).containsExactly(tokenVariable);
    }

    @Test
    void axonServerIsGivenTheRepositoryConfiguration() {
        assertThat(list(service("axonserver").get("volumes")))
                .map(String::valueOf)
                .contains("./axonserver-config:/axonserver/config:ro");
        assertThat(REPOSITORY.resolve("axonserver-config/axonserver.properties")).isRegularFile();
    }

    @Test
    void theKafkaBridgeWouldReachTheBrokersAdvertisedListener() {
        String advertised = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");

        assertThat(advertised).contains("PLAINTEXT://" + ledger.get("AXON_KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void theLedgerWaitsForHealthyDependencies() {
        Map<String, Object> dependencies = map(service("ledger").get("depends_on"));

        assertThat(dependencies.keySet()).containsExactlyInAnyOrder("postgres", "axonserver", "kafka");
        dependencies.values().forEach(dependency ->
                assertThat(map(dependency).get("condition")).isEqualTo("service_healthy"));
    }

    @Test
    void everyImageIsPinnedToATag() throws IOException {
        for (String name : services.keySet()) {
            assertPinned(name, String.valueOf(service(name).get("image")));
        }
        for (String line : Files.readAllLines(REPOSITORY.resolve("Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                assertPinned("Dockerfile", line.split("\\s+")[1]);
            }
        }
    }

    @Test
    void everyServiceHasAHealthCheck() {
        services.keySet().forEach(name -> {
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
            assertThat(list(healthcheck.get("test"))).as(name).isNotEmpty();
        });
    }

    /** The overall health includes the books audit, which replays the event store: no poll every 10 s may run it. */
    @Test
    void theLedgersHealthCheckAsksForReadinessNotForTheBooks() {
        Map<String, Object> healthcheck = map(service("ledger").get("healthcheck"));
        assertThat(String.join(" ", list(healthcheck.get("test")).stream().map(String::valueOf).toList()))
                .contains("/actuator/health/readiness");
    }

    @Test
    void dataLivesInNamedVolumes() {
        Set<String> declared = map(compose.get("volumes")).keySet();
        Set<String> used = new HashSet<>();
        for (String name : services.keySet()) {
            for (Object volume : list(service(name).getOrDefault("volumes", List.of()))) {
                String[] mount = String.valueOf(volume).split(":");
                if (mount[0].startsWith(".") || mount[0].startsWith("/")) {
                    assertThat(mount).as("a bind mount is configuration, read-only: %s", volume).endsWith("ro");
                } else {
                    assertThat(declared).as("%s: %s", name, volume).contains(mount[0]);
                    used.add(mount[0]);
                }
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
    }

    private static void assertPinned(String where, String image) {
        String tag = image.contains("@sha256:") ? "digest" : image.substring(image.lastIndexOf(':') + 1);
        assertThat(image).as(where).contains(":");
        assertThat(tag).as("%s: %s", where, image).isNotBlank().isNotEqualTo("latest").doesNotContain("/");
    }

    private List<String> activeProfiles() {
        return List.of(ledger.get("SPRING_PROFILES_ACTIVE").split("\\s*,\\s*"));
    }

    /**
     * The environment variables a configuration file reads: those named in its placeholders, and the
     * relaxed-binding names of the properties it sets (SPRING_DATASOURCE_URL for spring.datasource.url).
     */
    private static Set<String> settingsRead(String file) throws IOException {
        Set<String> read = new HashSet<>();
        try (InputStream in = new ClassPathResource(file).getInputStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            read.addAll(variablesIn(text));
            flatten("", yamlOf(text), read);
        }
        return read;
    }

    private static void flatten(String prefix, Map<String, Object> node, Set<String> into) {
        node.forEach((key, value) -> {
            String property = prefix + key;
            if (value instanceof Map<?, ?>) {
                flatten(property + ".", map(value), into);
            } else {
                into.add(property.replace(".", "_").replace("-", "").toUpperCase(java.util.Locale.ROOT));
            }
        });
    }

    private static Set<String> variablesIn(String text) {
        Set<String> variables = new HashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text == null ? "" : text);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    private Set<Integer> containerPorts(String name) {
        Set<Integer> ports = new HashSet<>();
        for (Object mapping : list(service(name).get("ports"))) {
            String published = String.valueOf(mapping);
            ports.add(Integer.parseInt(published.substring(published.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    private Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(name).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return yamlOf(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> yamlOf(String text) {
        return map(new Yaml().load(text));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<?>) node;
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docker-compose.yml"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("a directory above the build with docker-compose.yml").isNotNull();
        return directory;
    }
}
