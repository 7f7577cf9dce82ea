-- The books projection (processing group "books"): what a full replay of the event store computes for the audit,
-- kept event by event, so that the periodic audit reads these tables instead of replaying the store. Like any read
-- model it is rebuilt from the event store by a reset. Numbered 9.1, after main's 8.1, so that a V9 from a branch
-- developed alongside lands before it without a clash.

-- The last sequence number applied per aggregate: an event at or below it is a redelivery and changes nothing.
CREATE TABLE books_stream (
    aggregate_id  VARCHAR(255) NOT NULL,
    last_sequence BIGINT       NOT NULL,
    CONSTRAINT books_stream_pkey PRIMARY KEY (aggregate_id)
);

-- Each account as replayed from its events. owner, overdraft_limit and status are null until the opening;
-- currency and balance are null for a history that broke before any event gave them. sound: opened, and its
-- history replayed without a break. last_position and read_model_key_hash place the account's last event for
-- the account read model's processor, to tell its lag from an error.
CREATE TABLE books_account (
    account_id          VARCHAR(255) NOT NULL,
    owner               VARCHAR(64),
    overdraft_limit     BIGINT,
    currency            VARCHAR(3),
    balance             BIGINT,
    status              VARCHAR(16),
    last_sequence       BIGINT       NOT NULL,
    malformed           BOOLEAN      NOT NULL,
    sound               BOOLEAN      NOT NULL,
    last_position       BIGINT       NOT NULL,
    read_model_key_hash INTEGER      NOT NULL,
    CONSTRAINT books_account_pkey PRIMARY KEY (account_id)
);

-- Each transfer's legs and end. in_flight: debited, and neither credited nor refunded.
CREATE TABLE books_transfer (
    transfer_id      VARCHAR(255) NOT NULL,
    debited_amount   BIGINT,
    debited_currency VARCHAR(3),
    credited         BOOLEAN      NOT NULL,
    refunded         BOOLEAN      NOT NULL,
    ended            BOOLEAN      NOT NULL,
    in_flight        BOOLEAN      NOT NULL,
    last_event       VARCHAR(64)  NOT NULL,
    last_event_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT books_transfer_pkey PRIMARY KEY (transfer_id)
);
CREATE INDEX books_transfer_open_idx ON books_transfer (ended, last_event_at);
CREATE INDEX books_transfer_in_flight_idx ON books_transfer (in_flight);

-- Cash in and out per currency, in minor units.
CREATE TABLE books_cash (
    currency    VARCHAR(3)     NOT NULL,
    deposits    NUMERIC(38, 0) NOT NULL,
    withdrawals NUMERIC(38, 0) NOT NULL,
    CONSTRAINT books_cash_pkey PRIMARY KEY (currency)
);

-- Disagreements inside the events themselves, as the replay reports them. numbers: expected and actual are
-- whole numbers, else text. position orders them as the event store does.
CREATE TABLE books_finding (
    account_id      VARCHAR(255)  NOT NULL,
    sequence_number BIGINT        NOT NULL,
    field           VARCHAR(32)   NOT NULL,
    expected        VARCHAR(1000) NOT NULL,
    actual          VARCHAR(1000) NOT NULL,
    numbers         BOOLEAN       NOT NULL,
    position        BIGINT        NOT NULL,
    CONSTRAINT books_finding_pkey PRIMARY KEY (account_id, sequence_number, field)
);

-- One row: the events applied, and the highest global index among them.
CREATE TABLE books_progress (
    id       INTEGER NOT NULL,
    events   BIGINT  NOT NULL,
    position BIGINT  NOT NULL,
    CONSTRAINT books_progress_pkey PRIMARY KEY (id)
);
INSERT INTO books_progress (id, events, position) VALUES (1, 0, -1);
