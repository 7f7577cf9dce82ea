-- Read models. They are conveniences rebuilt from the event store at any time; the event store is the truth.

CREATE TABLE account_view (
    account_id          VARCHAR(64) NOT NULL,
    owner               VARCHAR(64) NOT NULL,
    currency            VARCHAR(3)  NOT NULL,
    balance             BIGINT      NOT NULL,
    overdraft_limit     BIGINT      NOT NULL,
    status              VARCHAR(16) NOT NULL,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the aggregate sequence number of the last event applied: a redelivered event is recognised and skipped
    last_sequence       BIGINT      NOT NULL,
    CONSTRAINT account_view_pkey PRIMARY KEY (account_id)
);
CREATE INDEX account_view_owner_idx ON account_view (owner, opened_at);

CREATE TABLE statement_entry (
    entry_id        VARCHAR(64) NOT NULL,
    account_id      VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    type            VARCHAR(32) NOT NULL,
    amount          BIGINT      NOT NULL,
    currency        VARCHAR(3)  NOT NULL,
    balance_after   BIGINT      NOT NULL,
    transfer_id     VARCHAR(64),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT statement_entry_pkey PRIMARY KEY (entry_id),
    CONSTRAINT statement_entry_account_sequence_key UNIQUE (account_id, sequence_number)
);

CREATE TABLE transfer_view (
    transfer_id            VARCHAR(64) NOT NULL,
    source_account_id      VARCHAR(64) NOT NULL,
    destination_account_id VARCHAR(64) NOT NULL,
    amount                 BIGINT      NOT NULL,
    currency               VARCHAR(3)  NOT NULL,
    status                 VARCHAR(16) NOT NULL,
    failure_code           VARCHAR(64),
    requested_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT transfer_view_pkey PRIMARY KEY (transfer_id)
);

CREATE TABLE transfer_step (
    event_id    VARCHAR(64)  NOT NULL,
    transfer_id VARCHAR(64)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT transfer_step_pkey PRIMARY KEY (event_id)
);
CREATE INDEX transfer_step_transfer_idx ON transfer_step (transfer_id, occurred_at);
