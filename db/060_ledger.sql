-- The verifiable ledger (issue 12 "The ledger"): an RFC 6962 Merkle log of record hashes (audit entries,
-- issued case documents, case evidence) with signed checkpoints in the C2SP tlog-checkpoint form.
-- Hashes are lowercase hex. Only hashes and the kind of record: no personal data.
CREATE TABLE ledger_leaves (
    idx         INTEGER PRIMARY KEY,   -- 0, 1, 2 …: the leaf's index in the tree
    kind        TEXT NOT NULL CHECK (kind IN ('audit', 'document', 'evidence')),
    ref         TEXT NOT NULL,         -- the record it stands for: "audit_log:12", "case_document:3", "attachment:7"
    entry_hash  TEXT NOT NULL,         -- the logged entry: the record's SHA-256
    leaf_hash   TEXT NOT NULL,         -- SHA-256(0x00 ‖ entry)
    appended_at INTEGER NOT NULL
);
CREATE INDEX ledger_leaves_entry ON ledger_leaves(entry_hash);
CREATE INDEX ledger_leaves_ref ON ledger_leaves(ref);

-- Every complete subtree's hash (level 0: the leaves), written as the tree grows, so that a root or a
-- proof reads O(log n) rows and never the leaves.
CREATE TABLE ledger_nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE ledger_checkpoints (
    size       INTEGER PRIMARY KEY,    -- the tree's size the checkpoint commits to
    root       TEXT NOT NULL,
    note       TEXT NOT NULL,          -- the signed note as served
    created_at INTEGER NOT NULL
);
