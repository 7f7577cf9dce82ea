package dev.ledger.app.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One step of a model run: a client request, or something the network or the clock does to the saga. Steps
 * that pick among pending deliveries or deadlines carry a free {@code pick} that is reduced modulo whatever
 * is there when the step runs, so that any sub-list of a scenario is still a valid scenario (which is what
 * lets {@link ModelLedgerTest} shrink a failure). For the same reason a step on an account that is not opened
 * acts on one that is.
 */
sealed interface ModelOperation {

    /** Opens account {@code account} of the model's universe, unless it is open already. */
    record Open(int account, boolean yen, long overdraftLimit) implements ModelOperation {
    }

    record Deposit(int account, long amount) implements ModelOperation {
    }

    record Withdraw(int account, long amount) implements ModelOperation {
    }

    /** Withdraws the whole balance, so that an account can reach zero and be closed. */
    record WithdrawAll(int account) implements ModelOperation {
    }

    record Freeze(int account) implements ModelOperation {
    }

    record Unfreeze(int account) implements ModelOperation {
    }

    record Close(int account) implements ModelOperation {
    }

    /**
     * From an opened source, in its currency, as the REST layer allows. The destination is an opened account,
     * or ({@code anyDestination}) any account of the universe, opened or not.
     */
    record Transfer(int source, int destination, boolean anyDestination, long amount) implements ModelOperation {
    }

    /** As {@link Transfer}, captured later: the amount is held until a capture, a void or the expiry. */
    record Authorize(int source, int destination, boolean anyDestination, long amount) implements ModelOperation {
    }

    /**
     * A client captures one of the transfers captured later, picked, whatever its state: all of it when
     * {@code part} is zero, otherwise {@code part}, which may be more than was authorized.
     */
    record Capture(int pick, long part) implements ModelOperation {
    }

    /** A client voids one of the transfers captured later, picked, whatever its state. */
    record VoidAuthorization(int pick) implements ModelOperation {
    }

    /** The saga's processor takes the oldest event it has not handled yet. */
    record DeliverNext() implements ModelOperation {
    }

    /** The saga gets some later event first. */
    record DeliverOutOfOrder(int pick) implements ModelOperation {
    }

    /** The saga gets an event it has handled before once more, as after a processor restart. */
    record Redeliver(int pick) implements ModelOperation {
    }

    /**
     * The next command the saga sends is lost: either it never reaches its handler, or it is handled and the
     * answer is lost, so that the saga sees a failure for a step that took effect.
     */
    record LoseNextCommand(boolean afterHandling) implements ModelOperation {
    }

    /**
     * A step deadline fires now, even if the answer it waits for is already on its way; and then the saga's
     * next one, {@code times} in all, as when the saga's processor stalls for that many step timeouts.
     */
    record FireDeadline(int pick, int times) implements ModelOperation {
    }

    /** A deadline that was cancelled fires all the same, as one that fired while it was being cancelled. */
    record FireCancelledDeadline(int pick) implements ModelOperation {
    }

    /** A random scenario: mostly traffic and deliveries, with a steady share of faults. */
    static List<ModelOperation> scenario(Random random, int length) {
        List<ModelOperation> operations = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            operations.add(next(random));
        }
        return operations;
    }

    private static ModelOperation next(Random random) {
        int account = random.nextInt(ModelLedger.ACCOUNTS.size());
        int roll = random.nextInt(100);
        if (roll < 10) {
            return new Open(account, random.nextInt(4) == 0, random.nextBoolean() ? 0 : 50 + random.nextInt(200));
        }
        if (roll < 22) {
            return new Deposit(account, 50 + random.nextInt(1_000));
        }
        if (roll < 24) {
            return new Withdraw(account, amount(random));
        }
        if (roll < 26) {
            return new WithdrawAll(account);
        }
        if (roll < 28) {
            return new Freeze(account);
        }
        if (roll < 32) {
            return new Unfreeze(account);
        }
        if (roll < 33) {
            return new Close(account);
        }
        if (roll < 43) {
            int destination = random.nextInt(ModelLedger.ACCOUNTS.size());
            return new Transfer(account, destination, random.nextInt(4) == 0, amount(random));
        }
        if (roll < 49) {
            int destination = random.nextInt(ModelLedger.ACCOUNTS.size());
            return new Authorize(account, destination, random.nextInt(4) == 0, amount(random));
        }
        if (roll < 55) {
            return new Capture(random.nextInt(1_000), random.nextBoolean() ? 0 : amount(random));
        }
        if (roll < 57) {
            return new VoidAuthorization(random.nextInt(1_000));
        }
        if (roll < 62) {
            return new DeliverNext();
        }
        if (roll < 77) {
            return new DeliverOutOfOrder(random.nextInt(1_000));
        }
        if (roll < 83) {
            return new Redeliver(random.nextInt(1_000));
        }
        if (roll < 89) {
            return new LoseNextCommand(random.nextBoolean());
        }
        if (roll < 96) {
            return new FireDeadline(random.nextInt(1_000), 1 + random.nextInt(3));
        }
        return new FireCancelledDeadline(random.nextInt(1_000));
    }

    // Small amounts, so that insufficient funds, overdrafts and exact zeros all come up.
    private static long amount(Random random) {
        return 1 + random.nextInt(random.nextBoolean() ? 50 : 400);
    }
}
