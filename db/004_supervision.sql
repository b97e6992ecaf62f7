-- Supervision loop, first part: working-day calendar, checklists (versioned), the double random
-- draw, inspections with their item results, and rectification orders (a shared closed loop that
-- inspections, duty visits and video alerts all feed).

CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,              -- YYYY-MM-DD
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings(key, value) VALUES
    ('rectify_days_key', '5'),          -- working days to rectify a failed key item
    ('rectify_days_general', '10');     -- working days to rectify a failed general item

CREATE TABLE checklists (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,           -- stable name of the standard: catering, production ...
    version    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    kinds      TEXT NOT NULL,           -- JSON array of entity kinds it applies to
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (code, version)
);

CREATE TABLE checklist_items (
    id           INTEGER PRIMARY KEY,
    checklist_id INTEGER NOT NULL REFERENCES checklists(id),
    seq          INTEGER NOT NULL,
    dimension    TEXT NOT NULL,
    content      TEXT NOT NULL,
    key_item     INTEGER NOT NULL CHECK (key_item IN (0, 1)),
    basis        TEXT,
    evidence     TEXT,
    UNIQUE (checklist_id, seq)
);

CREATE TABLE draws (
    id         INTEGER PRIMARY KEY,
    seed       INTEGER NOT NULL,
    params     TEXT NOT NULL,           -- JSON: the filters, counts and candidate lists drawn from
    result     TEXT NOT NULL,           -- JSON: [{entity_id, inspectors:[user ids]}]
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE inspections (
    id           INTEGER PRIMARY KEY,
    entity_id    INTEGER NOT NULL REFERENCES entities(id),
    kind         TEXT NOT NULL CHECK (kind IN ('daily', 'key', 'flying', 'system', 'cross_area', 'joint')),
    checklist_id INTEGER NOT NULL REFERENCES checklists(id),
    draw_id      INTEGER REFERENCES draws(id),
    status       TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'completed', 'cancelled')),
    result       TEXT CHECK (result IN ('pass', 'pass_after_correction', 'fail')),
    due_date     TEXT,
    summary      TEXT,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX inspections_entity ON inspections(entity_id, id);

CREATE TABLE inspection_inspectors (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (inspection_id, user_id)
);
CREATE INDEX inspection_inspectors_user ON inspection_inspectors(user_id);

CREATE TABLE inspection_items (
    inspection_id     INTEGER NOT NULL REFERENCES inspections(id),
    item_id           INTEGER NOT NULL REFERENCES checklist_items(id),
    outcome           TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'na')),
    note              TEXT,
    corrected_on_site INTEGER NOT NULL DEFAULT 0,
    recorded_by       INTEGER REFERENCES users(id),
    recorded_at       INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, item_id)
);

CREATE TABLE rectifications (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    source_type   TEXT NOT NULL CHECK (source_type IN ('inspection', 'duty_visit', 'video_alert', 'patrol')),
    source_id     INTEGER NOT NULL,
    item_id       INTEGER REFERENCES checklist_items(id),
    key_item      INTEGER NOT NULL DEFAULT 0,
    title         TEXT NOT NULL,
    requirement   TEXT,
    deadline      TEXT NOT NULL,        -- YYYY-MM-DD, counted in working days
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'verified')),
    evidence_note TEXT,
    submitted_at  INTEGER,
    reviewed_by   INTEGER REFERENCES users(id),
    review_note   TEXT,
    verified_at   INTEGER,
    escalated_at  INTEGER,              -- set once when found overdue
    rejections    INTEGER NOT NULL DEFAULT 0,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX rectifications_entity ON rectifications(entity_id, id);
CREATE INDEX rectifications_status ON rectifications(status, deadline);
