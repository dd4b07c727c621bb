-- Webhooks: endpoints, the durable outbox (one row per event per target) and the attempt log.
-- Same contract as deploy/sql/postgresql/0006. Times are Unix epoch milliseconds (BIGINT) so both engines store and compare them the same way.
CREATE TABLE IF NOT EXISTS webhook_endpoints
(
    id              TEXT    NOT NULL PRIMARY KEY,
    account_id      TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    description     TEXT    NULL,
    events          TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    disabled_reason TEXT    NULL,
    disabled_at     INTEGER NULL,
    failing_since   INTEGER NULL,
    created_at      INTEGER NOT NULL,
    deleted_at      INTEGER NULL
);

CREATE INDEX IF NOT EXISTS ix_webhook_endpoints_account ON webhook_endpoints (account_id, id);

CREATE TABLE IF NOT EXISTS webhook_deliveries
(
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT    NOT NULL UNIQUE,
    target_id        TEXT    NOT NULL,
    account_id       TEXT    NULL,
    event_id         TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    ordering_key     TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    target_url       TEXT    NULL,
    target_secret    TEXT    NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    deadline_at      INTEGER NOT NULL,
    last_status_code INTEGER NULL,
    last_latency_ms  INTEGER NULL,
    last_error       TEXT    NULL,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER NULL,
    CONSTRAINT ux_webhook_deliveries_event UNIQUE (target_id, event_id)
);

CREATE INDEX IF NOT EXISTS ix_webhook_deliveries_pending ON webhook_deliveries (target_id, status, ordering_key, seq);

CREATE TABLE IF NOT EXISTS webhook_delivery_attempts
(
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id  TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    attempted_at INTEGER NOT NULL,
    status_code  INTEGER NULL,
    latency_ms   INTEGER NOT NULL,
    error        TEXT    NULL
);

CREATE INDEX IF NOT EXISTS ix_webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, seq);
