-- Two-phase transfers hold money on their source account before they move it. The account read model keeps what is
-- held (pending; available is balance - pending), and the books projection replays it: per account, and per
-- transfer its hold, so that the audit can hold each account's pending against its open holds. No hold was ever
-- placed before this version, so every row from before holds nothing. Numbered 10.2 so that the 10.1 and 10.3 of
-- branches developed alongside land around it without a clash.
ALTER TABLE account_view ADD COLUMN pending BIGINT DEFAULT 0 NOT NULL;

-- Hold entries on statements are pending, never posted; available_after is the available balance after the entry
-- (null on entries from before, until the statement is rebuilt).
ALTER TABLE statement_entry ADD COLUMN pending BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE statement_entry ADD COLUMN available_after BIGINT;

-- null, like balance, for a history that broke before any event gave the currency.
ALTER TABLE books_account ADD COLUMN pending BIGINT;
UPDATE books_account SET pending = 0 WHERE balance IS NOT NULL;

-- A transfer's hold: its account and amount, the amount captured of it, whether it was released, and until when an
-- authorized transfer may rest without an event before the audit calls it stuck (its expiresAt).
ALTER TABLE books_transfer ADD COLUMN hold_account_id VARCHAR(255);
ALTER TABLE books_transfer ADD COLUMN held_amount BIGINT;
ALTER TABLE books_transfer ADD COLUMN held_currency VARCHAR(3);
ALTER TABLE books_transfer ADD COLUMN captured_amount BIGINT;
ALTER TABLE books_transfer ADD COLUMN hold_released BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE books_transfer ADD COLUMN hold_open BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE books_transfer ADD COLUMN resting_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX books_transfer_hold_open_idx ON books_transfer (hold_open);
