package dev.ledger.app.transfer;

import static dev.ledger.app.web.InvalidRequest.bodyField;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.app.config.AuthorizationSettings;
import dev.ledger.app.web.InputError;
import dev.ledger.app.web.InvalidRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The body of {@code POST /api/transfers}, as in the REST contract. {@code capture} is {@code AUTOMATIC} when absent;
 * {@code expiresAt}, an ISO-8601 instant, is for a {@code MANUAL} transfer only, which without one expires after the
 * configured default.
 */
record TransferRequestBody(String sourceAccountId, String destinationAccountId, Long amount, String currency,
                           String reference, String transferId, String capture, String expiresAt) {

    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    /**
     * {@code unnamed} is the id of a transfer whose body names none, and {@code now} when it is requested. The command
     * holds the reference's rule.
     */
    RequestTransfer toCommand(Requester requester, TransferId unnamed, Instant now, AuthorizationSettings holds) {
        long minorUnits = InvalidRequest.amountField("amount", amount, MAX_AMOUNT);
        InvalidRequest.referenceField("reference", reference);
        CaptureMode mode = captureMode();
        if (mode == CaptureMode.AUTOMATIC && expiresAt != null) {
            throw new InvalidRequest(InputError.body("expiresAt", "expiresAt is for a MANUAL capture only"));
        }
        return new RequestTransfer(
                transferId == null ? unnamed : bodyField("transferId", transferId, () -> new TransferId(transferId)),
                bodyField("sourceAccountId", sourceAccountId, () -> new AccountId(sourceAccountId)),
                bodyField("destinationAccountId", destinationAccountId, () -> new AccountId(destinationAccountId)),
                new Money(minorUnits, bodyField("currency", currency, () -> Money.currencyOf(currency))),
                reference, requester, mode, mode == CaptureMode.MANUAL ? expiry(now, holds) : null);
    }

    /** Whether the ledger chose the transfer's expiry: a replay of this body may then differ from its first in it. */
    boolean expiryChosenByTheLedger() {
        return expiresAt == null && captureMode() == CaptureMode.MANUAL;
    }

    private CaptureMode captureMode() {
        if (capture == null) {
            return CaptureMode.AUTOMATIC;
        }
        try {
            return CaptureMode.valueOf(capture);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequest(InputError.body("capture", "capture must be AUTOMATIC or MANUAL"));
        }
    }

    private Instant expiry(Instant now, AuthorizationSettings holds) {
        if (expiresAt == null) {
            return now.plus(holds.defaultExpiry());
        }
        Instant at;
        try {
            at = Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(InputError.body("expiresAt", "expiresAt must be an ISO-8601 instant, such as "
                    + "2026-01-31T12:00:00Z"));
        }
        if (!at.isAfter(now) || at.isAfter(now.plus(holds.maxExpiry()))) {
            throw new InvalidRequest(InputError.body("expiresAt", "expiresAt must be in the future, and at most "
                    + holds.maxExpiry().toDays() + " days from now"));
        }
        return at;
    }
}
