-- Witnesses' C2SP cosignatures (cosignature/v1, Ed25519) of the ledger's checkpoints (issue 12): a witness
-- (the city bureau's instance) checked that the checkpoint extends every one it saw before and signed it;
-- the lines are served after the log's own signature. One per witness and checkpoint: the latest.
CREATE TABLE ledger_cosignatures (
    size       INTEGER NOT NULL REFERENCES ledger_checkpoints(size),
    witness    TEXT NOT NULL,          -- the witness's key name
    cosigned_at INTEGER NOT NULL,      -- the signed timestamp, POSIX seconds
    line       TEXT NOT NULL,          -- the signature line as served, ending in a newline
    created_at INTEGER NOT NULL,
    PRIMARY KEY (size, witness)
);
