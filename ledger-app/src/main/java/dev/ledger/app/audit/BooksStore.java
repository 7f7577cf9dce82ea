package dev.ledger.app.audit;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.money.Money;
import dev.ledger.app.audit.BooksReport.Conservation;
import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.BooksReport.StuckTransfer;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The books projection's tables (migrations V9.1 and V10.2), one SQL statement per read or write. Writes run in the
 * transaction of the processor's batch, with its token, so a batch's events are applied with it or not at all.
 */
@Component
class BooksStore {

    private static final String ACCOUNT_COLUMNS = "b.account_id, b.owner, b.overdraft_limit, b.currency, b.balance,"
            + " b.pending, b.status, b.last_sequence, b.malformed, b.last_position, b.read_model_key_hash";

    private final JdbcClient jdbc;

    BooksStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether this is the first delivery of the aggregate's event {@code sequence}, remembering it if so. An
     * aggregate's events reach the processor in sequence order, so one at or below the last applied was applied.
     */
    boolean firstDelivery(String aggregateId, long sequence) {
        int moved = jdbc.sql("update books_stream set last_sequence = :sequence"
                        + " where aggregate_id = :id and last_sequence < :sequence")
                .param("sequence", sequence).param("id", aggregateId).update();
        return moved == 1 || jdbc.sql("insert into books_stream (aggregate_id, last_sequence) values (:id, :sequence)"
                        + " on conflict do nothing")
                .param("id", aggregateId).param("sequence", sequence).update() == 1;
    }

    void counted(long position) {
        jdbc.sql("update books_progress set events = events + 1, position = greatest(position, :position) where id = 1")
                .param("position", position).update();
    }

    void cash(Money amount, boolean deposit) {
        String column = deposit ? "deposits" : "withdrawals";
        String currency = amount.currency().getCurrencyCode();
        BigDecimal value = BigDecimal.valueOf(amount.minorUnits());
        if (jdbc.sql("update books_cash set " + column + " = " + column + " + :amount where currency = :currency")
                .param("amount", value).param("currency", currency).update() == 0) {
            jdbc.sql("insert into books_cash (currency, deposits, withdrawals) values (:currency, :deposits, :withdrawals)")
                    .param("currency", currency)
                    .param("deposits", deposit ? value : BigDecimal.ZERO)
                    .param("withdrawals", deposit ? BigDecimal.ZERO : value)
                    .update();
        }
    }

    void finding(Mismatch finding, long position) {
        jdbc.sql("""
                        insert into books_finding (account_id, sequence_number, field, expected, actual, numbers, position)
                        values (:accountId, :sequence, :field, :expected, :actual, :numbers, :position)
                        on conflict do nothing""")
                .param("accountId", finding.accountId())
                .param("sequence", finding.sequence())
                .param("field", finding.field())
                .param("expected", String.valueOf(finding.expected()))
                .param("actual", String.valueOf(finding.actual()))
                .param("numbers", finding.expected() instanceof Long && finding.actual() instanceof Long)
                .param("position", position)
                .update();
    }

    Optional<TransferTrail> transfer(String transferId) {
        return jdbc.sql("select * from books_transfer where transfer_id = :id").param("id", transferId)
                .query((rs, row) -> new TransferTrail(money(rs, "debited_amount", "debited_currency"),
                        rs.getBoolean("credited"), rs.getBoolean("refunded"), rs.getBoolean("ended"),
                        rs.getString("last_event"), instant(rs, "last_event_at"), hold(rs)))
                .optional();
    }

    // A hold is in one currency: the captured amount is in the held one.
    private static TransferTrail.Hold hold(ResultSet rs) throws SQLException {
        String currency = rs.getString("held_currency");
        if (currency == null) {
            return TransferTrail.Hold.NONE;
        }
        long captured = rs.getLong("captured_amount");
        Money capturedAmount = rs.wasNull() ? null : Money.of(captured, currency);
        OffsetDateTime restingUntil = rs.getObject("resting_until", OffsetDateTime.class);
        return new TransferTrail.Hold(rs.getString("hold_account_id"), Money.of(rs.getLong("held_amount"), currency),
                capturedAmount, rs.getBoolean("hold_released"), restingUntil == null ? null : restingUntil.toInstant());
    }

    private static Money money(ResultSet rs, String amountColumn, String currencyColumn) throws SQLException {
        String currency = rs.getString(currencyColumn);
        return currency == null ? null : Money.of(rs.getLong(amountColumn), currency);
    }

    void save(String transferId, TransferTrail trail) {
        Money debited = trail.debited();
        JdbcClient.StatementSpec update = jdbc.sql("""
                        update books_transfer set debited_amount = :amount, debited_currency = :currency,
                               credited = :credited, refunded = :refunded, ended = :ended, in_flight = :inFlight,
                               last_event = :lastEvent, last_event_at = :lastEventAt,
                               hold_account_id = :holdAccountId, held_amount = :heldAmount,
                               held_currency = :heldCurrency, captured_amount = :capturedAmount,
                               hold_released = :holdReleased, hold_open = :holdOpen, resting_until = :restingUntil
                        where transfer_id = :id""");
        if (transferParams(update, transferId, trail, debited).update() == 0) {
            transferParams(jdbc.sql("""
                            insert into books_transfer (transfer_id, debited_amount, debited_currency, credited, refunded,
                                                        ended, in_flight, last_event, last_event_at, hold_account_id,
                                                        held_amount, held_currency, captured_amount, hold_released,
                                                        hold_open, resting_until)
                            values (:id, :amount, :currency, :credited, :refunded, :ended, :inFlight, :lastEvent,
                                    :lastEventAt, :holdAccountId, :heldAmount, :heldCurrency, :capturedAmount,
                                    :holdReleased, :holdOpen, :restingUntil)"""), transferId, trail, debited).update();
        }
    }

    private static JdbcClient.StatementSpec transferParams(JdbcClient.StatementSpec statement, String transferId,
                                                          TransferTrail trail, Money debited) {
        TransferTrail.Hold hold = trail.hold();
        return statement.param("id", transferId)
                .param("amount", debited == null ? null : debited.minorUnits())
                .param("currency", debited == null ? null : debited.currency().getCurrencyCode())
                .param("credited", trail.credited())
                .param("refunded", trail.refunded())
                .param("ended", trail.ended())
                .param("inFlight", trail.isInFlight())
                .param("lastEvent", trail.lastEvent())
                // Truncated as both databases store it, so a trail reads back exactly as it was written.
                .param("lastEventAt", timestamp(trail.lastEventAt()))
                .param("holdAccountId", hold.accountId())
                .param("heldAmount", hold.held() == null ? null : hold.held().minorUnits())
                .param("heldCurrency", hold.held() == null ? null : hold.held().currency().getCurrencyCode())
                .param("capturedAmount", hold.captured() == null ? null : hold.captured().minorUnits())
                .param("holdReleased", hold.released())
                .param("holdOpen", trail.isHolding())
                .param("restingUntil", hold.restingUntil() == null ? null : timestamp(hold.restingUntil()));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    Optional<AuditedAccount> account(String accountId) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from books_account b where b.account_id = :id")
                .param("id", accountId)
                .query((rs, row) -> account(rs))
                .optional();
    }

    void save(AuditedAccount account) {
        AccountReplay replay = account.replay();
        AccountOpened opening = replay.opening();
        Money balance = replay.balance();
        JdbcClient.StatementSpec update = jdbc.sql("""
                        update books_account set owner = :owner, overdraft_limit = :overdraftLimit, currency = :currency,
                               balance = :balance, pending = :pending, status = :status, last_sequence = :lastSequence,
                               malformed = :malformed, sound = :sound, last_position = :lastPosition,
                               read_model_key_hash = :keyHash
                        where account_id = :id""");
        if (accountParams(update, account, opening, balance).update() == 0) {
            accountParams(jdbc.sql("""
                            insert into books_account (account_id, owner, overdraft_limit, currency, balance, pending,
                                                       status, last_sequence, malformed, sound, last_position,
                                                       read_model_key_hash)
                            values (:id, :owner, :overdraftLimit, :currency, :balance, :pending, :status,
                                    :lastSequence, :malformed, :sound, :lastPosition, :keyHash)"""), account, opening, balance)
                    .update();
        }
    }

    private static JdbcClient.StatementSpec accountParams(JdbcClient.StatementSpec statement, AuditedAccount account,
                                                         AccountOpened opening, Money balance) {
        AccountReplay replay = account.replay();
        return statement.param("id", replay.accountId())
                .param("owner", opening == null ? null : opening.owner())
                .param("overdraftLimit", opening == null ? null : opening.overdraftLimit().minorUnits())
                .param("currency", balance == null ? null : balance.currency().getCurrencyCode())
                .param("balance", balance == null ? null : balance.minorUnits())
                .param("pending", replay.pending() == null ? null : replay.pending().minorUnits())
                .param("status", replay.status() == null ? null : replay.status().name())
                .param("lastSequence", replay.lastSequence())
                .param("malformed", account.isMalformed())
                .param("sound", account.isSound())
                .param("lastPosition", account.lastPosition())
                // The segment of a key is decided by its hash alone, and an Integer's hash is itself.
                .param("keyHash", Objects.hashCode(account.readModelKey()));
    }

    /** Forgets everything, for a replay that rebuilds the projection from the first event. */
    void clear() {
        List.of("books_stream", "books_account", "books_transfer", "books_cash", "books_finding")
                .forEach(table -> jdbc.sql("delete from " + table).update());
        jdbc.sql("update books_progress set events = 0, position = -1 where id = 1").update();
    }

    long accountCount() {
        return jdbc.sql("select count(*) from books_account").query(Long.class).single();
    }

    List<AuditedAccount> accounts() {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from books_account b").query((rs, row) -> account(rs)).list();
    }

    /**
     * Sound accounts whose row in the account read model is missing or differs in a field the audit compares,
     * found in one query so that the accounts which agree, nearly all of them, cost nothing more.
     */
    List<AuditedAccount> accountsDifferingFromTheReadModel() {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                         from books_account b left join account_view v on v.account_id = b.account_id
                        where b.sound and (v.account_id is null or v.balance <> b.balance or v.currency <> b.currency
                              or v.status <> b.status or v.overdraft_limit <> b.overdraft_limit or v.owner <> b.owner
                              or v.pending <> b.pending)
                        order by b.last_position""")
                .query((rs, row) -> account(rs)).list();
    }

    /** Findings inside the events, in the event store's order. */
    List<Mismatch> findings() {
        return jdbc.sql("select * from books_finding order by position, account_id, sequence_number, field")
                .query((rs, row) -> {
                    boolean numbers = rs.getBoolean("numbers");
                    Object expected = numbers ? (Object) Long.valueOf(rs.getString("expected")) : rs.getString("expected");
                    Object actual = numbers ? (Object) Long.valueOf(rs.getString("actual")) : rs.getString("actual");
                    return new Mismatch(rs.getString("account_id"), rs.getString("field"), expected, actual,
                            rs.getLong("sequence_number"));
                }).list();
    }

    /**
     * Sound accounts whose pending is not the sum of the holds open on them, as {@link LedgerBooks#holdMismatches()}
     * finds them, in one query.
     */
    List<Mismatch> holdMismatches() {
        return jdbc.sql("""
                        select b.account_id, b.pending, b.last_sequence, coalesce(h.held, 0) as held
                          from books_account b left join (select hold_account_id, sum(held_amount) as held
                                                            from books_transfer where hold_open = true
                                                           group by hold_account_id) h
                            on h.hold_account_id = b.account_id
                         where b.sound and b.pending <> coalesce(h.held, 0)
                         order by b.last_position""")
                .query((rs, row) -> LedgerBooks.holdMismatch(rs.getString("account_id"), rs.getLong("held"),
                        rs.getLong("pending"), rs.getLong("last_sequence")))
                .list();
    }

    /**
     * Conservation per currency, in currency-code order. Its totals are read in one statement, so they describe
     * one committed state of the projection even while its processor moves on.
     */
    List<Conservation> conservation() {
        Map<String, Map<String, BigInteger>> totals = new TreeMap<>();
        List.of("balances", "inFlight", "deposits", "withdrawals", "pending", "openHolds")
                .forEach(total -> totals.put(total, new TreeMap<>()));
        jdbc.sql("""
                        select 'balances', currency, sum(balance) from books_account where sound group by currency
                        union all
                        select 'pending', currency, sum(pending) from books_account where sound group by currency
                        union all
                        select 'openHolds', t.held_currency, sum(t.held_amount) from books_transfer t
                          join books_account a on a.account_id = t.hold_account_id
                         where t.hold_open = true and a.sound group by t.held_currency
                        union all
                        select 'inFlight', debited_currency, sum(debited_amount) from books_transfer
                         where in_flight = true group by debited_currency
                        union all
                        select 'deposits', currency, deposits from books_cash
                        union all
                        select 'withdrawals', currency, withdrawals from books_cash""")
                .query(rs -> {
                    totals.get(rs.getString(1)).put(rs.getString(2), rs.getBigDecimal(3).toBigIntegerExact());
                });
        return LedgerBooks.conservation(new LedgerBooks.Totals(totals.get("balances"), totals.get("inFlight"),
                totals.get("deposits"), totals.get("withdrawals"), totals.get("pending"), totals.get("openHolds")));
    }

    /**
     * Transfers that have not ended and have had no event since {@code quietSince}, oldest first; an authorized one
     * only once its authorization has expired before then too, as {@link TransferTrail#isQuietSince} has it.
     */
    List<StuckTransfer> stuckTransfers(Instant quietSince) {
        return jdbc.sql("""
                        select transfer_id, last_event, last_event_at from books_transfer
                        where ended = false and last_event_at < :quietSince
                          and (resting_until is null or resting_until < :quietSince)
                        order by last_event_at""")
                .param("quietSince", quietSince.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new StuckTransfer(rs.getString("transfer_id"), rs.getString("last_event"),
                        instant(rs, "last_event_at")))
                .list();
    }

    long events() {
        return jdbc.sql("select events from books_progress where id = 1").query(Long.class).single();
    }

    /** The highest global index applied, -1 before the first event. */
    long position() {
        return jdbc.sql("select position from books_progress where id = 1").query(Long.class).single();
    }

    private static AuditedAccount account(ResultSet rs) throws SQLException {
        String id = rs.getString("account_id");
        String owner = rs.getString("owner");
        String currency = rs.getString("currency");
        String status = rs.getString("status");
        AccountOpened opening = owner == null ? null : new AccountOpened(new AccountId(id), owner,
                Money.currencyOf(currency), Money.of(rs.getLong("overdraft_limit"), currency));
        AccountReplay replay = AccountReplay.resumed(id, opening,
                currency == null ? null : Money.of(rs.getLong("balance"), currency),
                currency == null ? null : Money.of(rs.getLong("pending"), currency),
                status == null ? null : AccountStatus.valueOf(status), rs.getLong("last_sequence"));
        return new AuditedAccount(replay, rs.getBoolean("malformed"), rs.getLong("last_position"),
                rs.getInt("read_model_key_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
