package dev.ledger.app.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL database of one test's own, created through the server's maintenance database and dropped,
 * sessions and all, on close. The server is the one {@code SPRING_DATASOURCE_URL} names when CI points it at
 * PostgreSQL (with {@code SPRING_DATASOURCE_USERNAME} and {@code _PASSWORD}), otherwise the local
 * {@code 127.0.0.1:5432} as {@code postgres}.
 */
final class ScratchDatabase implements AutoCloseable {

    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^/?]+).*");
    private static final String LOCAL_SERVER = "127.0.0.1:5432";

    private final String server;
    private final String user;
    private final String password;
    private final String name;

    private ScratchDatabase(String server, String user, String password, String name) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /**
     * Creates a fresh database, or aborts the test (a skip, not a failure) when no PostgreSQL server answers.
     * Any other failure, such as a user that may not create databases, fails it: that is a broken set-up.
     */
    static ScratchDatabase createOrSkip() throws SQLException {
        String configured = System.getenv("SPRING_DATASOURCE_URL");
        Matcher postgres = POSTGRES_URL.matcher(configured == null ? "" : configured);
        boolean fromEnvironment = postgres.matches();
        String server = fromEnvironment ? postgres.group(1) : LOCAL_SERVER;
        String user = fromEnvironment ? orElse(System.getenv("SPRING_DATASOURCE_USERNAME"), "postgres") : "postgres";
        String password = fromEnvironment ? orElse(System.getenv("SPRING_DATASOURCE_PASSWORD"), "") : "";
        String name = "ledger_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        Connection maintenance;
        try {
            maintenance = connect(server, "postgres", user, password);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                Assumptions.abort("PostgreSQL is not reachable at " + server + ": " + e.getMessage());
            }
            throw e;
        }
        try (maintenance; Statement create = maintenance.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        return new ScratchDatabase(server, user, password, name);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + server + "/" + name;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String name() {
        return name;
    }

    /** The single number that {@code sql} selects. */
    long number(String sql) throws SQLException {
        List<String> rows = rows(sql);
        if (rows.size() != 1) {
            throw new IllegalStateException("Expected one row from " + sql + ", got " + rows);
        }
        return Long.parseLong(rows.get(0));
    }

    /** Every row that {@code sql} selects, its columns joined by a space. */
    List<String> rows(String sql) throws SQLException {
        try (Connection connection = connect(server, name, user, password);
             Statement query = connection.createStatement();
             ResultSet result = query.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column > 1 ? " " : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    /** Drops the database; {@code FORCE} ends the sessions a killed ledger may have left behind. */
    @Override
    public void close() throws SQLException {
        try (Connection maintenance = connect(server, "postgres", user, password);
             Statement drop = maintenance.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection connect(String server, String database, String user, String password)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // Every wait is bounded: connecting, logging in, and any one statement.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://" + server + "/" + database, properties);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
