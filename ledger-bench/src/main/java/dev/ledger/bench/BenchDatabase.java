package dev.ledger.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database created for one bench run and dropped after it, so that every run starts from an empty
 * event store and {@code pg_stat_database} counts this run's commits only. Statistics are read through the
 * server's maintenance database, so reading them adds no commits to the database being measured.
 */
record BenchDatabase(String server, String user, String name) implements AutoCloseable {

    static BenchDatabase create(String server, String user) throws SQLException {
        String name = "ledger_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection maintenance = connect(server, "postgres", user);
             Statement create = maintenance.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        return new BenchDatabase(server, user, name);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + server + "/" + name;
    }

    Connection connect() throws SQLException {
        return connect(server, name, user);
    }

    /** The single number that {@code sql} selects in the bench database. */
    long number(String sql) throws SQLException {
        try (Connection connection = connect(); Statement query = connection.createStatement();
             ResultSet result = query.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Transactions committed in the bench database so far, read-only ones included. */
    long committedTransactions() throws SQLException {
        try (Connection maintenance = connect(server, "postgres", user);
             PreparedStatement query = maintenance.prepareStatement(
                     "SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            // A backend publishes its counters when idle, at most once a second; a fresh snapshot sees them.
            try (Statement clear = maintenance.createStatement()) {
                clear.execute("SELECT pg_stat_clear_snapshot()");
            }
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The operating-system processes of the server sessions connected to the bench database. */
    List<Long> backendPids() throws SQLException {
        try (Connection maintenance = connect(server, "postgres", user);
             PreparedStatement query = maintenance.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            query.setString(1, name);
            List<Long> pids = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    pids.add(result.getLong(1));
                }
            }
            return pids;
        }
    }

    /** Drops the database with its sessions: a ledger that did not stop cleanly must not keep it alive. */
    @Override
    public void close() throws SQLException {
        drop();
    }

    void drop() throws SQLException {
        try (Connection maintenance = connect(server, "postgres", user);
             Statement drop = maintenance.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection connect(String server, String database, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "600");
        return DriverManager.getConnection("jdbc:postgresql://" + server + "/" + database, properties);
    }
}
