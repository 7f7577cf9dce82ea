-- Which request named a transfer id: the caller and idempotency key, as one digest. A request that names its own
-- transferId and is sent again with the same key after its answer was lost (over Axon Server a node can go away
-- after the transfer was stored and before the key's answer was) finds its own transfer here and is answered as the
-- first time, instead of 409. Kept as long as idempotency keys are.
CREATE TABLE transfer_request_key (
    transfer_id VARCHAR(64)              NOT NULL,
    request_key VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT transfer_request_key_pkey PRIMARY KEY (transfer_id)
);
CREATE INDEX transfer_request_key_created_idx ON transfer_request_key (created_at);
