-- Two-phase transfers: how a transfer captures, when a MANUAL one's authorization expires, and how much of it was
-- captured. Rows from before are one-step transfers. Numbered 10.4 so that 10.2 and 10.3, from branches developed
-- alongside, land before it without a clash.
ALTER TABLE transfer_view ADD COLUMN capture VARCHAR(16) DEFAULT 'AUTOMATIC' NOT NULL;
ALTER TABLE transfer_view ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE transfer_view ADD COLUMN captured_amount BIGINT;
