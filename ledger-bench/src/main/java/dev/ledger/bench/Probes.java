package dev.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a measurement window cost: transactions committed in the bench database, and CPU time of the ledger's JVM,
 * of the PostgreSQL sessions serving the bench database, and of the bench itself, from {@code /proc/<pid>/stat}.
 * Server-wide PostgreSQL work (WAL writer, checkpointer) is not attributed to a database and is not counted.
 */
final class Probes {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    record Snapshot(long nanos, long commits, long ledgerCpuMs, Map<Long, Long> backendCpuMs, long benchCpuMs) {
    }

    record Cost(double seconds, long commits, long ledgerCpuMs, long backendCpuMs, long benchCpuMs) {
    }

    private final BenchDatabase database;
    private final long ledgerPid;

    Probes(BenchDatabase database, long ledgerPid) {
        this.database = database;
        this.ledgerPid = ledgerPid;
    }

    Snapshot snapshot() throws SQLException {
        long commits = database.committedTransactions();
        Map<Long, Long> backends = new HashMap<>();
        List<Long> pids = database.backendPids();
        for (long pid : pids) {
            backends.put(pid, cpuMs(pid));
        }
        return new Snapshot(System.nanoTime(), commits, cpuMs(ledgerPid), backends, cpuMs(ProcessHandle.current().pid()));
    }

    static Cost between(Snapshot from, Snapshot to) {
        long backend = 0;
        for (Map.Entry<Long, Long> session : to.backendCpuMs().entrySet()) {
            backend += session.getValue() - from.backendCpuMs().getOrDefault(session.getKey(), 0L);
        }
        return new Cost((to.nanos() - from.nanos()) / 1e9, to.commits() - from.commits(),
                to.ledgerCpuMs() - from.ledgerCpuMs(), backend, to.benchCpuMs() - from.benchCpuMs());
    }

    /** User plus system CPU time of a process, or 0 once it has gone. */
    static long cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state) of proc(5); utime and stime are fields 14 and 15
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
