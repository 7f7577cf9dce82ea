package dev.ledger.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import java.time.Duration;
import java.time.Instant;

/** The transfer the process and saga tests follow: Alice pays Bob's rent. */
final class OneTransfer {

    static final TransferId TRANSFER = new TransferId("transfer-1");
    static final AccountId SOURCE = new AccountId("alice-eur");
    static final AccountId DESTINATION = new AccountId("bob-eur");
    static final Money AMOUNT = Money.of(2500, "EUR");
    static final Requester REQUESTER = Requester.owner("alice");
    /** When it was requested: its legs carry the request's timestamp. */
    static final Instant REQUESTED_AT = Instant.parse("2026-12-01T09:00:00Z");
    static final TransferRequested REQUESTED = new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER);
    /** When the same transfer, captured later, expires. */
    static final Instant EXPIRES_AT = REQUESTED_AT.plus(Duration.ofDays(7));
    /** The same transfer, captured later. */
    static final TransferRequested AUTHORIZATION_REQUESTED = new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT,
            "rent", REQUESTER, CaptureMode.MANUAL, EXPIRES_AT);

    private OneTransfer() {
    }
}
