package dev.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.CaptureTransfer;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.VoidTransfer;
import dev.ledger.app.LedgerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import tools.jackson.databind.JsonNode;

/**
 * Two-phase transfers for the audit tests, run by the real saga and accounts: requested, captured and voided through
 * the command gateway, as a teller would, and followed through the transfer's REST resource.
 */
final class HeldTransfers {

    private static final Requester TELLER = Requester.staff("teller");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final CommandGateway commands;
    private final LedgerClient ledger;

    HeldTransfers(CommandGateway commands, LedgerClient ledger) {
        this.commands = commands;
        this.ledger = ledger;
    }

    /** Requests a MANUAL transfer, expiring in an hour, and waits until its amount is held: its id. */
    String authorize(String source, String destination, long amount, String currency) {
        TransferId id = new TransferId("held-" + UUID.randomUUID());
        commands.sendAndWait(new RequestTransfer(id, new AccountId(source), new AccountId(destination),
                Money.of(amount, currency), null, TELLER, CaptureMode.MANUAL, Instant.now().plus(Duration.ofHours(1))));
        assertThat(statusOnceAtRest(id.value())).isEqualTo("AUTHORIZED");
        return id.value();
    }

    /** Captures {@code amount} of an authorized transfer's hold, and waits for the transfer's end: its status. */
    String capture(String transferId, long amount, String currency) {
        commands.sendAndWait(new CaptureTransfer(new TransferId(transferId), Money.of(amount, currency), TELLER));
        return untilEnded(transferId);
    }

    /** Voids an authorized transfer, and waits for its end: its status. */
    String voidIt(String transferId) {
        commands.sendAndWait(new VoidTransfer(new TransferId(transferId), TELLER));
        return untilEnded(transferId);
    }

    /** Authorizes a transfer of {@code amount}, captures {@code captured} of it, and waits until it completes. */
    String captured(String source, String destination, long amount, long captured, String currency) {
        String transferId = authorize(source, destination, amount, currency);
        assertThat(capture(transferId, captured, currency)).isEqualTo("COMPLETED");
        return transferId;
    }

    /** Authorizes a transfer, voids it, and waits until it ends voided. */
    String voided(String source, String destination, long amount, String currency) {
        String transferId = authorize(source, destination, amount, currency);
        assertThat(voidIt(transferId)).isEqualTo("VOIDED");
        return transferId;
    }

    // A wait on the transfer resource also ends at AUTHORIZED while the read model has not yet seen the second phase
    // decided (the command here went round the REST layer), so the wait is asked again until the transfer has ended.
    private String untilEnded(String transferId) {
        return ledger.awaitTransfer(transferId, PATIENCE).path("status").asString();
    }

    // The wait on the transfer resource answers at a terminal status; an authorized one rests short of that.
    private String statusOnceAtRest(String transferId) {
        return LedgerClient.eventually(() -> {
            LedgerClient.Response transfer = ledger.get("/api/transfers/" + transferId);
            return transfer.status() == 200 ? transfer.json().path("status").asString() : "";
        }, status -> !status.isEmpty() && !status.equals("REQUESTED"));
    }

    /** The account as the read model shows it once it holds {@code pending}. */
    JsonNode accountHolding(String accountId, long pending) {
        return LedgerClient.eventually(() -> ledger.get("/api/accounts/" + accountId).json(),
                account -> account.path("pending").asLong() == pending);
    }
}
