-- Four-level acceptance of a rectification campaign: business self-check → preliminary acceptance
-- (township) → on-site acceptance → county review, each against the campaign's one standard.
CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    checklist_id INTEGER NOT NULL REFERENCES checklists(id),  -- the "one ruler" of every level
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);

CREATE TABLE campaign_entities (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (campaign_id, entity_id)
);

CREATE TABLE acceptance_steps (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4), -- 1 self-check, 2 preliminary, 3 on-site, 4 county review
    passed      INTEGER NOT NULL,
    results     TEXT NOT NULL,         -- JSON [{item_id, outcome, note}]
    note        TEXT,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at INTEGER NOT NULL,
    UNIQUE (campaign_id, entity_id, level)
);
