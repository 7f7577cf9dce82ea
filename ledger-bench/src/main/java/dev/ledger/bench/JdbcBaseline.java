package dev.ledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor to compare the ledger with: the same money movement as a plain double-entry transfer in one
 * transaction (debit guarded by the balance, credit, two journal lines, one commit), in the same database and
 * the same run, over as many accounts as the saga benchmark uses.
 */
final class JdbcBaseline {

    record Result(int threads, double seconds, long transfers, long rejected, long commits, long backendCpuMs,
                  long[] latenciesNanos) {
    }

    private final BenchDatabase database;

    JdbcBaseline(BenchDatabase database) {
        this.database = database;
    }

    void prepare(int accounts) throws SQLException {
        try (Connection connection = database.connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE bench_baseline_account (account_id VARCHAR(64) PRIMARY KEY,"
                    + " balance BIGINT NOT NULL)");
            ddl.execute("CREATE TABLE bench_baseline_entry (entry_id BIGSERIAL PRIMARY KEY,"
                    + " account_id VARCHAR(64) NOT NULL, transfer_id VARCHAR(64) NOT NULL, amount BIGINT NOT NULL,"
                    + " created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())");
            ddl.execute("INSERT INTO bench_baseline_account SELECT 'acc-' || n, " + Workload.FUNDING
                    + " FROM generate_series(1, " + accounts + ") n");
        }
    }

    Result run(int accounts, int threads, Duration warmUp, Duration measure, Probes probes)
            throws InterruptedException, SQLException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker(accounts, i, measuring, stopped);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(warmUp.toMillis());
        Probes.Snapshot from = probes.snapshot();
        measuring.set(true);
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        Probes.Snapshot to = probes.snapshot();
        stopped.set(true);
        long transfers = 0;
        long rejected = 0;
        List<Long> latencies = new ArrayList<>();
        for (Worker worker : workers) {
            worker.join();
            if (worker.failure != null) {
                throw new IllegalStateException("Baseline worker failed", worker.failure);
            }
            transfers += worker.transfers;
            rejected += worker.rejected;
            latencies.addAll(worker.latencies);
        }
        Probes.Cost cost = Probes.between(from, to);
        return new Result(threads, cost.seconds(), transfers, rejected, cost.commits(), cost.backendCpuMs(),
                latencies.stream().mapToLong(Long::longValue).toArray());
    }

    private final class Worker extends Thread {
        private final int accounts;
        private final AtomicBoolean measuring;
        private final AtomicBoolean stopped;
        private final SplittableRandom random;
        private final List<Long> latencies = new ArrayList<>();
        private long transfers;
        private long rejected;
        private Exception failure;

        Worker(int accounts, int index, AtomicBoolean measuring, AtomicBoolean stopped) {
            super("baseline-" + index);
            this.accounts = accounts;
            this.measuring = measuring;
            this.stopped = stopped;
            this.random = new SplittableRandom(1000 + index);
        }

        @Override
        public void run() {
            try (Connection connection = database.connect();
                 PreparedStatement debit = connection.prepareStatement("UPDATE bench_baseline_account"
                         + " SET balance = balance - ? WHERE account_id = ? AND balance >= ?");
                 PreparedStatement credit = connection.prepareStatement("UPDATE bench_baseline_account"
                         + " SET balance = balance + ? WHERE account_id = ?");
                 PreparedStatement journal = connection.prepareStatement("INSERT INTO bench_baseline_entry"
                         + " (account_id, transfer_id, amount) VALUES (?, ?, ?)")) {
                connection.setAutoCommit(false);
                long sequence = 0;
                while (!stopped.get()) {
                    int from = 1 + random.nextInt(accounts);
                    int to;
                    do {
                        to = 1 + random.nextInt(accounts);
                    } while (to == from);
                    long amount = 1 + random.nextInt(500);
                    String transferId = getName() + "-" + sequence++;
                    long started = System.nanoTime();
                    // Rows are locked in id order, so two transfers over the same pair cannot deadlock.
                    boolean debitFirst = ("acc-" + from).compareTo("acc-" + to) < 0;
                    boolean debited = true;
                    if (debitFirst) {
                        debited = debit(debit, from, amount);
                        credit(credit, to, amount);
                    } else {
                        credit(credit, to, amount);
                        debited = debit(debit, from, amount);
                    }
                    if (!debited) {
                        connection.rollback();
                        rejected++;
                        continue;
                    }
                    line(journal, from, transferId, -amount);
                    line(journal, to, transferId, amount);
                    journal.executeBatch();
                    connection.commit();
                    if (measuring.get()) {
                        transfers++;
                        latencies.add(System.nanoTime() - started);
                    }
                }
            } catch (SQLException e) {
                failure = e;
            }
        }

        private boolean debit(PreparedStatement debit, int account, long amount) throws SQLException {
            debit.setLong(1, amount);
            debit.setString(2, "acc-" + account);
            debit.setLong(3, amount);
            return debit.executeUpdate() == 1;
        }

        private void credit(PreparedStatement credit, int account, long amount) throws SQLException {
            credit.setLong(1, amount);
            credit.setString(2, "acc-" + account);
            credit.executeUpdate();
        }

        private void line(PreparedStatement journal, int account, String transferId, long amount)
                throws SQLException {
            journal.setString(1, "acc-" + account);
            journal.setString(2, transferId);
            journal.setLong(3, amount);
            journal.addBatch();
        }
    }
}
