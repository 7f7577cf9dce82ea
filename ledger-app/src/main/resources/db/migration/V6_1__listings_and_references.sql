-- Listings page by keyset, newest transfer first, so each needs an index in its own order; and the client's
-- reference is kept on the transfer and on cash statement entries, where it used to be dropped. Rows from before
-- keep a null reference until their read model is rebuilt. Numbered 6.1 so that a V6 from a branch developed
-- alongside lands before it without a clash.
ALTER TABLE transfer_view ADD COLUMN reference VARCHAR(140);
ALTER TABLE statement_entry ADD COLUMN reference VARCHAR(140);
CREATE INDEX transfer_view_requested_idx ON transfer_view (requested_at, transfer_id);
CREATE INDEX transfer_view_source_idx ON transfer_view (source_account_id, requested_at, transfer_id);
CREATE INDEX transfer_view_destination_idx ON transfer_view (destination_account_id, requested_at, transfer_id);
CREATE INDEX statement_entry_account_time_idx ON statement_entry (account_id, occurred_at);
