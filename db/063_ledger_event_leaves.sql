-- The ledger also logs traceability events (issue 12): kind 'event', ref "epcis_event:<id>", entry the
-- event's CBV 2.0 hash. The kind's CHECK is widened by copying the table (SQLite cannot alter a CHECK).
CREATE TABLE ledger_leaves_new (
    idx         INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('audit', 'document', 'evidence', 'event')),
    ref         TEXT NOT NULL,
    entry_hash  TEXT NOT NULL,
    leaf_hash   TEXT NOT NULL,
    appended_at INTEGER NOT NULL
);
INSERT INTO ledger_leaves_new(idx, kind, ref, entry_hash, leaf_hash, appended_at)
    SELECT idx, kind, ref, entry_hash, leaf_hash, appended_at FROM ledger_leaves;
DROP TABLE ledger_leaves;
ALTER TABLE ledger_leaves_new RENAME TO ledger_leaves;
CREATE INDEX ledger_leaves_entry ON ledger_leaves(entry_hash);
CREATE INDEX ledger_leaves_ref ON ledger_leaves(ref);
