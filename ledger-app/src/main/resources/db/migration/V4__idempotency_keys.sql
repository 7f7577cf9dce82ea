-- Idempotency keys of money-moving requests, scoped to the caller. A row is written in the same transaction
-- as the command's events, so a request has either both its effect and its key, or neither.
CREATE TABLE idempotency_key (
    caller                VARCHAR(255)             NOT NULL,
    idempotency_key       VARCHAR(255)             NOT NULL,
    request_fingerprint   VARCHAR(64)              NOT NULL,
    response_status       INTEGER,
    response_content_type VARCHAR(100),
    response_location     VARCHAR(255),
    response_body         TEXT,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
