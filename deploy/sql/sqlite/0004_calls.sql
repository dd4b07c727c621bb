-- Call records (issue #9): the read model call grains write and /v1/calls reads. Times are Unix milliseconds in
-- INTEGER columns on both engines, so keyset cursors compare exactly the same way everywhere. Every list index leads with
-- account_id: no list query ever crosses accounts. Nullable sort metrics are indexed as COALESCE(x, -1) so that
-- unmeasured calls sort as the smallest value; queries use the identical expression.
CREATE TABLE IF NOT EXISTS telepath_calls
(
    id                    TEXT    NOT NULL PRIMARY KEY,
    account_id            TEXT    NOT NULL,
    trunk_id              TEXT    NOT NULL,
    direction             TEXT    NOT NULL,
    status                TEXT    NOT NULL,
    from_number           TEXT    NOT NULL,
    to_number             TEXT    NOT NULL,
    disconnect_reason     TEXT    NULL,
    start_ms              INTEGER NOT NULL,
    answer_ms             INTEGER NULL,
    end_ms                INTEGER NULL,
    duration_seconds      REAL    NULL,
    codec_used            TEXT    NULL,
    carrier               TEXT    NULL,
    ai_latency_ms         REAL    NULL,
    carrier_lag_ms        REAL    NULL,
    gateway_processing_ms REAL    NULL,
    owner_silo            TEXT    NULL,
    updated_ms            INTEGER NOT NULL,
    metrics_json          TEXT    NOT NULL,
    detail_json           TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS telepath_calls_account_start ON telepath_calls (account_id, start_ms, id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_trunk_start ON telepath_calls (account_id, trunk_id, start_ms, id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_status_start ON telepath_calls (account_id, status, start_ms, id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_duration ON telepath_calls (account_id, COALESCE(duration_seconds, -1), id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_ai_latency ON telepath_calls (account_id, COALESCE(ai_latency_ms, -1), id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_carrier_lag ON telepath_calls (account_id, COALESCE(carrier_lag_ms, -1), id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_gateway ON telepath_calls (account_id, COALESCE(gateway_processing_ms, -1), id);
CREATE INDEX IF NOT EXISTS telepath_calls_account_end ON telepath_calls (account_id, end_ms);
CREATE INDEX IF NOT EXISTS telepath_calls_trunk_end ON telepath_calls (trunk_id, end_ms);
CREATE INDEX IF NOT EXISTS telepath_calls_live ON telepath_calls (updated_ms) WHERE status IN ('ringing', 'connected');
