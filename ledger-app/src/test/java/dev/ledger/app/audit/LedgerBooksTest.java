package dev.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.app.audit.BooksReport.Conservation;
import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.BooksReport.StuckTransfer;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** The whole-ledger replay on its own, fed events directly: conservation, stuck transfers, broken histories. */
class LedgerBooksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final LedgerBooks books = new LedgerBooks();
    private long position;

    @Test
    void moneyIsConservedPerCurrencyWithDebitedTransfersCountedInFlight() {
        aliceWithAThousandEuroAndBob();
        open("carol", "JPY");
        record("carol", 1, new MoneyDeposited(id("carol"), null, Money.of(500, "JPY"), null, Money.of(500, "JPY")));
        record("carol", 2, new MoneyWithdrawn(id("carol"), null, Money.of(200, "JPY"), null, Money.of(300, "JPY")));
        TransferId done = requestTransfer("alice", "bob", 100);
        record("alice", 2, new AccountDebited(id("alice"), done, eur(100), eur(900)));
        record("bob", 1, new AccountCredited(id("bob"), done, eur(100), eur(100)));
        TransferId moving = requestTransfer("alice", "bob", 300);
        record("alice", 3, new AccountDebited(id("alice"), moving, eur(300), eur(600)));

        assertThat(books.conservation()).containsExactly(
                new Conservation("EUR", true, big(700), big(300), big(1_000), big(0)),
                new Conservation("JPY", true, big(300), big(0), big(500), big(200)));
        assertThat(books.eventMismatches()).isEmpty();
    }

    @Test
    void aCreditWithoutItsDebitBreaksConservation() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 100);
        record("bob", 1, new AccountCredited(id("bob"), transfer, eur(100), eur(100)));

        assertThat(books.conservation()).singleElement().satisfies(eur -> {
            assertThat(eur.ok()).isFalse();
            assertThat(eur.balances()).isEqualTo(big(1_100));
            assertThat(eur.deposits()).isEqualTo(big(1_000));
        });
    }

    @Test
    void aTransferBothCreditedAndRefundedBreaksConservation() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 100);
        record("alice", 2, new AccountDebited(id("alice"), transfer, eur(100), eur(900)));
        record("bob", 1, new AccountCredited(id("bob"), transfer, eur(100), eur(100)));
        record("alice", 3, new AccountDebitRefunded(id("alice"), transfer, eur(100), LedgerErrorCode.ACCOUNT_FROZEN,
                eur(1_000)));

        assertThat(books.conservation()).singleElement().extracting(Conservation::ok).isEqualTo(false);
    }

    @Test
    void aTransferThatHasNotEndedIsStuckOnceItHasBeenQuietLongerThanTheThreshold() {
        aliceWithAThousandEuroAndBob();
        TransferId quiet = requestTransfer("alice", "bob", 100, NOW.minus(Duration.ofMinutes(10)));
        recordAt("alice", 2, new AccountDebited(id("alice"), quiet, eur(100), eur(900)),
                NOW.minus(Duration.ofMinutes(6)));
        TransferId ended = requestTransfer("alice", "bob", 100, NOW.minus(Duration.ofMinutes(10)));
        recordAt(ended.value(), 1, new TransferCompleted(ended), NOW.minus(Duration.ofMinutes(9)));
        requestTransfer("alice", "bob", 100, NOW.minus(Duration.ofMinutes(1)));

        assertThat(books.stuckTransfers(NOW, STUCK_AFTER)).containsExactly(
                new StuckTransfer(quiet.value(), "AccountDebited", NOW.minus(Duration.ofMinutes(6))));
    }

    @Test
    void anEventWhoseRecordedBalanceDisagreesWithTheReplayIsReportedWithItsSequence() {
        open("alice", "EUR");
        record("alice", 1, new MoneyDeposited(id("alice"), null, eur(100), null, eur(150)));

        assertThat(books.eventMismatches()).containsExactly(new Mismatch("alice", "balanceAfter", 100L, 150L, 1L));
        assertThat(books.conservation()).singleElement().extracting(Conservation::ok).isEqualTo(true);
    }

    @Test
    void aHistoryThatDoesNotBeginWithItsOpeningIsReportedOnceAndLeftOutOfTheBalances() {
        record("ghost", 0, new AccountFrozen(id("ghost")));
        record("ghost", 1, new MoneyDeposited(id("ghost"), null, eur(100), null, eur(100)));

        assertThat(books.eventMismatches()).containsExactly(
                new Mismatch("ghost", "history", "AccountOpened once, first", "AccountFrozen at sequence 0", 0L));
        assertThat(books.accounts()).singleElement().extracting(LedgerBooks.AuditedAccount::isSound)
                .isEqualTo(false);
        assertThat(books.conservation()).singleElement().extracting(Conservation::ok).isEqualTo(false);
    }

    @Test
    void heldMoneyStaysInTheBalancesAndIsCountedAgainstTheOpenHolds() {
        aliceWithAThousandEuroAndBob();
        TransferId open = requestTransfer("alice", "bob", 300);
        record("alice", 2, new AccountFundsHeld(id("alice"), open, eur(300), eur(700)));
        TransferId captured = requestTransfer("alice", "bob", 200);
        record("alice", 3, new AccountFundsHeld(id("alice"), captured, eur(200), eur(500)));
        record("alice", 4, new AccountHoldCaptured(id("alice"), captured, eur(150), eur(50), eur(850), eur(550)));

        assertThat(books.conservation()).containsExactly(
                new Conservation("EUR", true, big(850), big(150), big(1_000), big(0), big(300), big(300)));
        assertThat(books.eventMismatches()).isEmpty();
        assertThat(books.holdMismatches()).isEmpty();
        LedgerBooks.AuditedAccount alice = account("alice");
        assertThat(alice.replay().pending()).isEqualTo(eur(300));
        assertThat(alice.replay().available()).isEqualTo(eur(550));
    }

    @Test
    void aHoldCapturedAfterItsReleaseIsAFindingAndLeavesPendingBelowTheOpenHolds() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 300);
        record("alice", 2, new AccountFundsHeld(id("alice"), transfer, eur(300), eur(700)));
        record("alice", 3, new AccountHoldReleased(id("alice"), transfer, eur(300), eur(1_000)));
        TransferId other = requestTransfer("alice", "bob", 400);
        record("alice", 4, new AccountFundsHeld(id("alice"), other, eur(400), eur(600)));
        record("alice", 5, new AccountHoldCaptured(id("alice"), transfer, eur(300), eur(0), eur(700), eur(600)));

        assertThat(books.eventMismatches()).containsExactly(new Mismatch("alice", "hold",
                "AccountHoldCaptured of transfer " + transfer + " of an open hold, whole", "a hold released before",
                5L));
        // The account gave up 300 of the other transfer's 400: its pending no longer covers the holds open on it.
        assertThat(books.holdMismatches()).containsExactly(new Mismatch("alice", "pending", 400L, 100L, 5L));
        assertThat(books.conservation()).singleElement().extracting(Conservation::ok).isEqualTo(false);
    }

    @Test
    void aCaptureOfMoreThanWasHeldIsAFinding() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 300);
        record("alice", 2, new AccountFundsHeld(id("alice"), transfer, eur(300), eur(700)));
        record("alice", 3, new AccountHoldCaptured(id("alice"), transfer, eur(400), eur(-100), eur(600), eur(600)));

        assertThat(books.eventMismatches()).extracting(Mismatch::field, Mismatch::actual).containsExactly(
                tuple("hold", "captured 400 EUR and released -100 EUR of a hold of 300 EUR"));
    }

    @Test
    void aHoldReleasedTwiceIsASecondLegAndCannotTakePendingBelowZero() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 300);
        record("alice", 2, new AccountFundsHeld(id("alice"), transfer, eur(300), eur(700)));
        record("alice", 3, new AccountHoldReleased(id("alice"), transfer, eur(300), eur(1_000)));
        record("alice", 4, new AccountHoldReleased(id("alice"), transfer, eur(300), eur(1_300)));

        assertThat(books.eventMismatches()).extracting(Mismatch::field).containsExactly("leg", "pending");
        assertThat(account("alice").isSound()).isFalse();
    }

    @Test
    void anEventWhoseRecordedAvailableBalanceDisagreesWithTheReplayIsReported() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 300);
        record("alice", 2, new AccountFundsHeld(id("alice"), transfer, eur(300), eur(1_000)));

        assertThat(books.eventMismatches()).containsExactly(new Mismatch("alice", "availableAfter", 700L, 1_000L,
                2L));
    }

    @Test
    void aVoidedTransferThatStillHoldsMoneyIsAFinding() {
        aliceWithAThousandEuroAndBob();
        TransferId transfer = requestTransfer("alice", "bob", 300);
        record("alice", 2, new AccountFundsHeld(id("alice"), transfer, eur(300), eur(700)));
        record(transfer.value(), 1, new TransferVoided(transfer));

        assertThat(books.eventMismatches()).singleElement().satisfies(finding -> {
            assertThat(finding.accountId()).isEqualTo(transfer.value());
            assertThat(finding.field()).isEqualTo("hold");
            assertThat(finding.actual()).asString().contains("holding true");
        });
    }

    @Test
    void anAuthorizedTransferIsNotStuckBeforeItsAuthorizationExpires() {
        aliceWithAThousandEuroAndBob();
        TransferId waiting = requestTransfer("alice", "bob", 100, NOW.minus(Duration.ofHours(2)));
        recordAt("alice", 2, new AccountFundsHeld(id("alice"), waiting, eur(100), eur(900)),
                NOW.minus(Duration.ofHours(2)));
        recordAt(waiting.value(), 1, new TransferAuthorized(waiting, NOW.plus(Duration.ofDays(1))),
                NOW.minus(Duration.ofHours(2)));
        TransferId lapsed = requestTransfer("alice", "bob", 100, NOW.minus(Duration.ofHours(2)));
        recordAt("alice", 3, new AccountFundsHeld(id("alice"), lapsed, eur(100), eur(800)),
                NOW.minus(Duration.ofHours(2)));
        recordAt(lapsed.value(), 1, new TransferAuthorized(lapsed, NOW.minus(Duration.ofHours(1))),
                NOW.minus(Duration.ofHours(2)));

        assertThat(books.stuckTransfers(NOW, STUCK_AFTER)).extracting(StuckTransfer::transferId)
                .containsExactly(lapsed.value());
    }

    private LedgerBooks.AuditedAccount account(String id) {
        return books.accounts().stream().filter(account -> account.replay().accountId().equals(id)).findFirst()
                .orElseThrow();
    }

    private void aliceWithAThousandEuroAndBob() {
        open("alice", "EUR");
        open("bob", "EUR");
        record("alice", 1, new MoneyDeposited(id("alice"), null, eur(1_000), null, eur(1_000)));
    }

    private void open(String account, String currency) {
        record(account, 0, new AccountOpened(id(account), account, Money.currencyOf(currency), Money.of(0, currency)));
    }

    private TransferId requestTransfer(String source, String destination, long amount) {
        return requestTransfer(source, destination, amount, NOW);
    }

    private TransferId requestTransfer(String source, String destination, long amount, Instant at) {
        TransferId transfer = new TransferId(UUID.randomUUID().toString());
        recordAt(transfer.value(), 0, new TransferRequested(transfer, id(source), id(destination), eur(amount), null, Requester.staff("teller")),
                at);
        return transfer;
    }

    private void record(String aggregate, long sequence, Object payload) {
        recordAt(aggregate, sequence, payload, NOW);
    }

    private void recordAt(String aggregate, long sequence, Object payload, Instant at) {
        String type = payload.getClass().getPackageName().endsWith("account") ? "Account" : "Transfer";
        books.record(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at), position++, aggregate);
    }

    private static AccountId id(String account) {
        return new AccountId(account);
    }

    private static Money eur(long minorUnits) {
        return Money.of(minorUnits, "EUR");
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
