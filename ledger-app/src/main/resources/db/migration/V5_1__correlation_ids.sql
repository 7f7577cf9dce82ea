-- The transfer timeline shows which request started a transfer (correlation id) and, per step, which message
-- caused it (causation id), both taken from the events' metadata. Rows from before stay null. Numbered 5.1 so
-- that a V5 from a branch developed alongside lands before it without a clash.
ALTER TABLE transfer_view ADD COLUMN correlation_id VARCHAR(128);
ALTER TABLE transfer_step ADD COLUMN correlation_id VARCHAR(128);
ALTER TABLE transfer_step ADD COLUMN causation_id VARCHAR(128);
