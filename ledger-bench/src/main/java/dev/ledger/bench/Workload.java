package dev.ledger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Which accounts a transfer moves money between, and how much. About 1 % of transfers ask for more than any
 * account holds (they end FAILED, nothing moved) and about 1 % go to a frozen account (debited, refused at the
 * credit, refunded: REFUNDED), so that the failure and compensation paths are part of every measurement. Authorized
 * then captured, the same legs end the same way: the hold is refused (FAILED), or the capture's credit is (REFUNDED).
 */
final class Workload {

    /** How source and destination are chosen. */
    enum Shape { UNIFORM, ZIPF, HOT }

    static final long FUNDING = 1_000_000;          // 10,000.00 EUR per account: no regular transfer runs dry
    static final long UNCOVERED = 10_000_000_000_000L; // more than any account ever holds
    static final double INSUFFICIENT_SHARE = 0.01;
    static final double FROZEN_SHARE = 0.01;

    record Leg(String source, String destination, long amount, String expectedOutcome) {

        /** The request's body; a {@code MANUAL} one only holds the amount until its capture. */
        String json(String transferId, TransferLoad.Capture capture) {
            return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                    + "\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"transferId\":\"" + transferId + "\""
                    + (capture == TransferLoad.Capture.MANUAL ? ",\"capture\":\"MANUAL\"}" : "}");
        }
    }

    private final Shape shape;
    private final List<String> accounts;
    private final List<String> frozen;
    private final String hot;
    private final double[] zipfCumulative;
    private final List<String> zipfRanked;

    Workload(Shape shape, List<String> accounts, List<String> frozen, String hot, double zipfExponent) {
        this.shape = shape;
        this.accounts = List.copyOf(accounts);
        this.frozen = List.copyOf(frozen);
        this.hot = hot;
        if (shape == Shape.ZIPF) {
            zipfCumulative = new double[accounts.size()];
            double sum = 0;
            for (int rank = 0; rank < accounts.size(); rank++) {
                sum += 1 / Math.pow(rank + 1, zipfExponent);
                zipfCumulative[rank] = sum;
            }
            for (int rank = 0; rank < accounts.size(); rank++) {
                zipfCumulative[rank] /= sum;
            }
            // The busiest ranks land on accounts spread over the id range, not on the first ids.
            List<String> ranked = new ArrayList<>(accounts);
            Collections.shuffle(ranked, new Random(42));
            zipfRanked = List.copyOf(ranked);
        } else {
            zipfCumulative = null;
            zipfRanked = null;
        }
    }

    Shape shape() {
        return shape;
    }

    Leg next(SplittableRandom random) {
        String source;
        String destination;
        if (shape == Shape.HOT) {
            // Every transfer touches the hot account, half of them as source, half as destination.
            String other = accounts.get(random.nextInt(accounts.size()));
            boolean hotPays = random.nextBoolean();
            source = hotPays ? hot : other;
            destination = hotPays ? other : hot;
        } else {
            source = pick(random);
            do {
                destination = pick(random);
            } while (destination.equals(source));
        }
        long amount = 1 + random.nextInt(500);
        double fate = random.nextDouble();
        if (fate < INSUFFICIENT_SHARE) {
            return new Leg(source, destination, UNCOVERED, "FAILED");
        }
        if (fate < INSUFFICIENT_SHARE + FROZEN_SHARE) {
            return new Leg(source, frozen.get(random.nextInt(frozen.size())), amount, "REFUNDED");
        }
        return new Leg(source, destination, amount, "COMPLETED");
    }

    private String pick(SplittableRandom random) {
        if (shape == Shape.ZIPF) {
            int rank = Arrays.binarySearch(zipfCumulative, random.nextDouble());
            rank = rank >= 0 ? rank : Math.min(-rank - 1, zipfCumulative.length - 1);
            return zipfRanked.get(rank);
        }
        return accounts.get(random.nextInt(accounts.size()));
    }
}
