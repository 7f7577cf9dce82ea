package dev.ledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives transfers through the public API: {@code POST /api/transfers?waitSeconds=30}, which answers once the read
 * model shows a terminal status, then, should the wait run out first, {@code GET ?waitSeconds=} until it does. With
 * {@code waitInRequest} off, every transfer is followed with {@code GET} (two requests each, as clients did before the
 * request could wait). With {@link Capture#MANUAL} each transfer is authorized, then captured: the {@code POST}
 * waits until it is {@code AUTHORIZED} (or has failed), then {@code POST …/capture?waitSeconds=30} waits for its end.
 * A transfer's latency runs from its first request (for open loops, from the instant it was due, so that a slow
 * ledger cannot hide its queue) to that terminal answer.
 */
final class TransferLoad {

    static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "REFUNDED", "MANUAL_REVIEW");
    /** Where a two-phase transfer's first request ends: held, or already failed. */
    private static final Set<String> AUTHORIZED_OR_TERMINAL = Set.of("AUTHORIZED", "COMPLETED", "FAILED", "REFUNDED",
            "MANUAL_REVIEW");
    private static final int MAX_WAITS = 6;

    /** How a transfer's money moves: at once (one request), or authorized and then captured (two). */
    enum Capture { AUTOMATIC, MANUAL }

    /** One transfer as the client saw it; {@code status} is null when it never got a terminal answer. */
    record Outcome(String transferId, long startNanos, long endNanos, String status, String expected, String error) {

        /** The transfer's latency, as the client saw it. */
        long nanos() {
            return endNanos - startNanos;
        }
    }

    /** The outcomes among {@code outcomes} that got a status and ended in {@code [fromNanos, toNanos)}. */
    static List<Outcome> endedBetween(List<Outcome> outcomes, long fromNanos, long toNanos) {
        return outcomes.stream()
                .filter(o -> o.status() != null && o.endNanos() >= fromNanos && o.endNanos() < toNanos)
                .toList();
    }

    private final BenchHttp http;
    private final boolean waitInRequest;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, String> unfinished = new ConcurrentHashMap<>();
    private final Executor continuations = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-load");
        thread.setDaemon(true);
        return thread;
    });

    TransferLoad(BenchHttp http, boolean waitInRequest) {
        this.http = http;
        this.waitInRequest = waitInRequest;
    }

    /** Transfers accepted but never seen terminal, with the last status seen. */
    Map<String, String> unfinished() {
        return unfinished;
    }

    /** A run in progress: completions are collected until {@link #stop()}. */
    final class Run {
        final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong notSent = new AtomicLong();
        private final Workload workload;
        private final String prefix;
        private final Capture capture;
        private final SplittableRandom random;
        private Thread pacer;

        private Run(Workload workload, String prefix, Capture capture, long seed) {
            this.workload = workload;
            this.prefix = prefix;
            this.capture = capture;
            this.random = new SplittableRandom(seed);
        }

        void stop() {
            stopped.set(true);
            if (pacer != null) {
                pacer.interrupt();
            }
        }

        /** Waits for every transfer in flight to end or to give up. */
        void drain(Duration timeout) throws InterruptedException {
            long giveUp = System.nanoTime() + timeout.toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
        }

        List<Outcome> outcomes() {
            return new ArrayList<>(outcomes);
        }

        private synchronized Workload.Leg nextLeg() {
            return workload.next(random);
        }

        private void launch(long startNanos, Runnable then) {
            Workload.Leg leg = nextLeg();
            String id = prefix + "-" + sequence.incrementAndGet();
            String expected = leg.expectedOutcome();
            inFlight.incrementAndGet();
            CompletableFuture<Outcome> requested = http.postAsync(
                            waitInRequest ? "/api/transfers?waitSeconds=30" : "/api/transfers", leg.json(id, capture), id)
                    .thenCompose(answer -> reached(answer, "POST", id, startNanos, expected,
                            capture == Capture.MANUAL ? AUTHORIZED_OR_TERMINAL : TERMINAL));
            (capture == Capture.MANUAL ? requested.thenCompose(outcome -> captured(outcome, expected)) : requested)
                    .exceptionally(failure -> new Outcome(id, startNanos, System.nanoTime(), null, expected,
                            failure.toString()))
                    .thenAcceptAsync(outcome -> {
                        outcomes.add(outcome);
                        inFlight.decrementAndGet();
                        then.run();
                    }, continuations);
        }

        /** Captures all of an authorized transfer; one that failed already is its own outcome. */
        private CompletableFuture<Outcome> captured(Outcome authorized, String expected) {
            if (!"AUTHORIZED".equals(authorized.status())) {
                return CompletableFuture.completedFuture(authorized);
            }
            String id = authorized.transferId();
            String path = "/api/transfers/" + id + "/capture" + (waitInRequest ? "?waitSeconds=30" : "");
            return http.postAsync(path, "", id + "-capture").thenCompose(answer -> reached(answer, "capture", id,
                    authorized.startNanos(), expected, TERMINAL));
        }
    }

    /**
     * The outcome once {@code answer} (to {@code request}) or, should it not be one of {@code ends} yet, a later
     * {@code GET ?waitSeconds=} shows one of {@code ends}.
     */
    private CompletableFuture<Outcome> reached(BenchHttp.Answer answer, String request, String id, long startNanos,
                                               String expected, Set<String> ends) {
        if (answer.status() != 202 && answer.status() != 200) {
            return CompletableFuture.completedFuture(new Outcome(id, startNanos, System.nanoTime(), null, expected,
                    request + " " + answer.status() + " " + answer.body()));
        }
        String status = answer.json().path("status").asString();
        if (answer.status() == 200 && ends.contains(status)) {
            return CompletableFuture.completedFuture(seen(id, startNanos, status, expected));
        }
        unfinished.put(id, status);
        return awaitEnd(id, startNanos, expected, ends, 1);
    }

    /** An outcome at {@code status}; a transfer is unfinished until its status is terminal. */
    private Outcome seen(String id, long startNanos, String status, String expected) {
        if (TERMINAL.contains(status)) {
            unfinished.remove(id);
        } else {
            unfinished.put(id, status);
        }
        return new Outcome(id, startNanos, System.nanoTime(), status, expected, null);
    }

    /** {@code concurrency} transfers always in flight: each one's end starts the next. */
    Run startClosed(Workload workload, String prefix, Capture capture, int concurrency, long seed) {
        Run run = new Run(workload, prefix, capture, seed);
        for (int slot = 0; slot < concurrency; slot++) {
            loop(run);
        }
        return run;
    }

    private void loop(Run run) {
        if (!run.stopped.get()) {
            run.launch(System.nanoTime(), () -> loop(run));
        }
    }

    /**
     * Transfers started at a fixed rate whatever the ledger's speed. Beyond {@code maxInFlight} outstanding ones a
     * due transfer is not sent but counted, so an overloaded ledger shows as such instead of stalling the bench.
     */
    Run startOpen(Workload workload, String prefix, Capture capture, double perSecond, int maxInFlight, long seed) {
        Run run = new Run(workload, prefix, capture, seed);
        long interval = (long) (1e9 / perSecond);
        run.pacer = new Thread(() -> {
            long due = System.nanoTime();
            while (!run.stopped.get()) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                if (run.inFlight.get() >= maxInFlight) {
                    run.notSent.incrementAndGet();
                } else {
                    run.launch(due, () -> { });
                }
                due += interval;
            }
        }, "bench-pacer");
        run.pacer.setDaemon(true);
        run.pacer.start();
        return run;
    }

    private CompletableFuture<Outcome> awaitEnd(String id, long startNanos, String expected, Set<String> ends,
                                                int attempt) {
        return http.getAsync("/api/transfers/" + id + "?waitSeconds=30", Duration.ofSeconds(45))
                .thenCompose(answer -> {
                    String status = answer.status() == 200 ? answer.json().path("status").asString() : null;
                    if (status != null && ends.contains(status)) {
                        return CompletableFuture.completedFuture(seen(id, startNanos, status, expected));
                    }
                    if (status != null) {
                        unfinished.put(id, status);
                    }
                    if (attempt >= MAX_WAITS) {
                        return CompletableFuture.completedFuture(new Outcome(id, startNanos, System.nanoTime(),
                                null, expected, "not ended: " + answer.status() + " " + answer.body()));
                    }
                    // A 404 right after the 202 is the read model not having the transfer yet.
                    CompletableFuture<Void> pause = answer.status() == 200 ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
                    return pause.thenCompose(ignored -> awaitEnd(id, startNanos, expected, ends, attempt + 1));
                });
    }

    /** Counts of terminal statuses, errors and unexpected outcomes among {@code outcomes}. */
    static Map<String, Long> tally(List<Outcome> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            String key = outcome.status() == null ? "ERROR" : outcome.status();
            counts.merge(key, 1L, Long::sum);
            if (outcome.status() != null && !outcome.status().equals(outcome.expected())) {
                counts.merge("UNEXPECTED", 1L, Long::sum);
            }
        }
        return counts;
    }
}
