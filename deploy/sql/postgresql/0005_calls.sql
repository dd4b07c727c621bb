-- Call records (issue #9): the read model call grains write and /v1/calls reads. Times are Unix milliseconds in
-- bigint columns on both engines, so keyset cursors compare exactly the same way everywhere. Every list index leads with
-- account_id: no list query ever crosses accounts. Nullable sort metrics are indexed as COALESCE(x, -1) so that
-- unmeasured calls sort as the smallest value; queries use the identical expression. ids are
-- COLLATE "C" so that the id tie-breaker orders byte-wise, as in SQLite and in the API's cursors.
CREATE TABLE IF NOT EXISTS telepath_calls
(
    id                    text    COLLATE "C" NOT NULL PRIMARY KEY,
    account_id            text    NOT NULL,
    trunk_id              text    NOT NULL,
    direction             text    NOT NULL,
    status                text    NOT NULL,
    from_number           text    NOT NULL,
    to_number             text    NOT NULL,
    disconnect_reason     text    NULL,
    start_ms              bigint  NOT NULL,
    answer_ms             bigint  NULL,
    end_ms                bigint  NULL,
    duration_seconds      double precision NULL,
    codec_used            text    NULL,
    carrier               text    NULL,
    ai_latency_ms         double precision NULL,
    carrier_lag_ms        double precision NULL,
    gateway_processing_ms double precision NULL,
    owner_silo            text    NULL,
    updated_ms            bigint  NOT NULL,
    metrics_json          text    NOT NULL,
    detail_json           text    NOT NULL
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
