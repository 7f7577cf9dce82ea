package dev.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.account.LegMemory.Leg;
import dev.ledger.api.transfer.TransferId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/**
 * The leg memory forgets, but never a leg that could still be accepted: over seeded random histories, in which legs
 * are decided for days after their request and on nodes whose clocks disagree, every leg the memory would not refuse
 * as outlived is answered exactly as a memory that forgets nothing answers it.
 */
class LegMemoryTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SKEW = LegMemory.CLOCK_SKEW_ALLOWANCE;
    private static final int STEPS = 4_000;

    /**
     * One decided leg: of which transfer, requested when, decided when, both by the clock of the node that did it,
     * and when it happened in fact, which orders the history.
     */
    private record Decision(TransferId transferId, Instant requestedAt, Leg leg, Instant decidedAt, Instant happened) {
    }

    @Test
    void neverForgetsALegThatCouldStillBeAccepted() {
        long seed = Long.getLong("ledger.legs.seed", System.nanoTime());
        List<Decision> history = history(new Random(seed));
        Optional<String> failure = firstBreach(history, new Random(seed));
        if (failure.isPresent()) {
            // Shrinks to the shortest prefix of the history that still breaks the rule, to make it readable.
            int shortest = history.size();
            for (int length = 1; length < history.size(); length++) {
                if (firstBreach(history.subList(0, length), new Random(seed)).isPresent()) {
                    shortest = length;
                    break;
                }
            }
            throw new AssertionError("seed " + seed + " (rerun with -Dledger.legs.seed=" + seed + "), shortest failing"
                    + " history " + shortest + " decisions: " + firstBreach(history.subList(0, shortest),
                    new Random(seed)).orElseThrow() + "; " + history.subList(Math.max(0, shortest - 3), shortest));
        }
    }

    /** The request's clock ran ahead of the account's: its leg is remembered until it would be refused as outlived. */
    @Test
    void keepsALegRequestedByAFasterClockUntilItIsOutlived() {
        LegMemory memory = new LegMemory();
        TransferId early = new TransferId("t-early");
        Instant requestedByAFastClock = START.plus(SKEW).minusSeconds(600);
        memory.remember(early, Leg.CREDIT_DECIDED, START);
        Instant later = START.plus(LegMemory.WINDOW).plus(SKEW.dividedBy(2));
        memory.remember(new TransferId("t-later"), Leg.CREDIT_DECIDED, later);

        assertThat(memory.outlived(requestedByAFastClock, later)).isFalse();
        assertThat(memory.has(early, Leg.CREDIT_DECIDED)).isTrue();
    }

    @Test
    void remembersOnlyTheTransfersOfTheLastWindow() {
        LegMemory memory = new LegMemory();
        Instant at = START;
        int transfers = 0;
        for (int day = 0; day < 60; day++) {
            for (int transfer = 0; transfer < 100; transfer++) {
                memory.remember(new TransferId("t-" + transfers++), Leg.CREDIT_DECIDED, at);
                at = at.plus(Duration.ofDays(1).dividedBy(100));
            }
        }
        // Seven days and the skew allowance, rounded up to the day: never all 6,000.
        assertThat(memory.size()).isBetween(700, 900);
    }

    /**
     * Transfers requested over months. Each has one to three legs decided here, most at once, some after retries
     * lasting up to two windows (so that some are refused), on clocks up to half the allowance off.
     */
    private static List<Decision> history(Random random) {
        List<Decision> decisions = new ArrayList<>();
        Instant requested = START;
        for (int transfer = 0; decisions.size() < STEPS; transfer++) {
            requested = requested.plusSeconds(random.nextInt(3_000));
            TransferId id = new TransferId("t-" + transfer);
            Instant requestedByItsClock = skewed(requested, random);
            int legs = 1 + random.nextInt(3);
            for (int leg = 0; leg < legs; leg++) {
                long delaySeconds = random.nextInt(10) == 0
                        ? random.nextLong(2 * LegMemory.WINDOW.toSeconds()) : random.nextInt(120);
                Instant decided = requested.plusSeconds(delaySeconds);
                Leg kind = Leg.values()[random.nextInt(Leg.values().length)];
                decisions.add(new Decision(id, requestedByItsClock, kind, skewed(decided, random), decided));
            }
        }
        decisions.sort(Comparator.comparing(Decision::happened));
        return decisions;
    }

    // Two clocks each at most half the allowance off are less than the allowance apart.
    private static Instant skewed(Instant instant, Random random) {
        return instant.plusSeconds(random.nextLong(SKEW.toSeconds()) - SKEW.toSeconds() / 2);
    }

    /**
     * Replays the decisions into the memory as an account would: a leg that is remembered or outlived is answered
     * without being decided again; any other is decided and remembered. After each, asks about earlier transfers.
     */
    private static Optional<String> firstBreach(List<Decision> history, Random random) {
        LegMemory memory = new LegMemory();
        Map<TransferId, Set<Leg>> everything = new HashMap<>();
        List<Decision> seen = new ArrayList<>();
        for (Decision decision : history) {
            Instant now = decision.decidedAt();
            boolean remembered = memory.has(decision.transferId(), decision.leg());
            boolean knownToAll = everything.getOrDefault(decision.transferId(), Set.of()).contains(decision.leg());
            if (!memory.outlived(decision.requestedAt(), now) && remembered != knownToAll) {
                return Optional.of(decision + " answered from memory as " + remembered + ", decided before: " + knownToAll);
            }
            if (!remembered) {
                memory.remember(decision.transferId(), decision.leg(), now);
                everything.computeIfAbsent(decision.transferId(), id -> new HashSet<>()).add(decision.leg());
            }
            seen.add(decision);
            Decision earlier = seen.get(random.nextInt(seen.size()));
            for (Leg leg : Leg.values()) {
                boolean known = everything.get(earlier.transferId()).contains(leg);
                if (!memory.outlived(earlier.requestedAt(), now) && memory.has(earlier.transferId(), leg) != known) {
                    return Optional.of("at " + now + " " + earlier.transferId() + " " + leg + " forgotten too soon");
                }
            }
        }
        return Optional.empty();
    }
}
