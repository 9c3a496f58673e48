-- Idempotency keys (`--id-key`): a command retried after it was killed past its commit
-- finds its key and writes nothing again. Written in the same transaction as the change.
CREATE TABLE request_keys (
    key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    command TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) WITHOUT ROWID;
