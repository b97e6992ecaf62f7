-- Trace codes and recalls (issue 12).
-- A trace code is what a QR code on a label, a 食安封签, a 承诺达标合格证 or a workshop product stands for:
-- 12 characters printed under the code, opening the public trace page; epc is the identifier the events
-- name (a lot's urn:epc:class:lgtin:…, or urn:shian:product:<code> minted for a lot without a GTIN).
CREATE TABLE trace_codes (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('lot', 'seal', 'certificate', 'product')),
    epc           TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),  -- the maker or issuer
    division_code TEXT NOT NULL,
    product       TEXT NOT NULL,
    batch         TEXT,
    produced_on   TEXT,
    quantity      REAL,
    uom           TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX trace_codes_epc ON trace_codes(epc);
CREATE INDEX trace_codes_entity ON trace_codes(entity_id, id);

-- A recall of a lot (食品召回管理办法 Art 13): level 1 (serious harm) started within 24 hours of learning
-- of the risk and completed within 10 working days, level 2 within 48 hours and 20, level 3 (false
-- labelling) within 72 hours and 30. Its targets are everyone downstream of the lot, by tier, from the
-- events: each told, then its stop and what it returned confirmed.
CREATE TABLE recalls (
    id            INTEGER PRIMARY KEY,
    epc           TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),  -- the producer who recalls
    division_code TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
    reason        TEXT NOT NULL,
    sample_id     INTEGER REFERENCES samples(id),
    learned_at    INTEGER NOT NULL,   -- epoch ms: when the risk was known
    start_due     INTEGER NOT NULL,   -- learned_at + 24/48/72 hours
    started_at    INTEGER NOT NULL,   -- when registered here (the recall's start)
    complete_due  TEXT NOT NULL,      -- 10/20/30 working days from the start's day
    status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_on     TEXT,
    close_note    TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX recalls_division ON recalls(division_code, id);

CREATE TABLE recall_targets (
    id            INTEGER PRIMARY KEY,
    recall_id     INTEGER NOT NULL REFERENCES recalls(id),
    entity_id     INTEGER REFERENCES entities(id),  -- NULL: a party outside the registry
    party         TEXT NOT NULL,                    -- the name, or the URI the events gave
    tier          INTEGER NOT NULL,                 -- 1: received from the producer; 2: from a tier 1 …
    quantity      REAL,                             -- as shipped to it, when the events say
    uom           TEXT,
    via_event     TEXT,                             -- the eventID that reached it
    notified_at   INTEGER,
    confirmed_on  TEXT,
    returned      REAL,                             -- quantity stopped and returned or destroyed
    note          TEXT
);
CREATE INDEX recall_targets_recall ON recall_targets(recall_id, tier);
CREATE INDEX recall_targets_entity ON recall_targets(entity_id);
