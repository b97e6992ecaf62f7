-- Enterprise self-management (SAMR Order 60, 2022): daily control by the food safety officer (also
-- when nothing is wrong), weekly check by the food safety director, monthly scheduling minutes.
CREATE TABLE self_records (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    kind          TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly')),
    period        TEXT NOT NULL,      -- daily: the date; weekly: the week's Monday; monthly: YYYY-MM
    nothing_found INTEGER NOT NULL DEFAULT 0,
    content       TEXT NOT NULL,
    problems      TEXT,
    recorded_by   INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    UNIQUE (entity_id, kind, period)
);
CREATE INDEX self_records_period ON self_records(kind, period);
