-- 包保 responsibility: every business assigned to an official at county, township or village level,
-- the pledge, and the official's duty visits (whose findings feed the rectification loop).
CREATE TABLE duty_assignments (
    entity_id     INTEGER PRIMARY KEY REFERENCES entities(id),  -- one responsible official at a time
    user_id       INTEGER NOT NULL REFERENCES users(id),
    level         TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
    pledge_signed INTEGER NOT NULL DEFAULT 0,                    -- the official signed the pledge (承诺书)
    assigned_by   INTEGER REFERENCES users(id),
    assigned_at   INTEGER NOT NULL
);
CREATE INDEX duty_assignments_user ON duty_assignments(user_id);

CREATE TABLE duty_visits (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    visited_on TEXT NOT NULL,        -- YYYY-MM-DD
    findings   TEXT NOT NULL,        -- what was seen, also "nothing found"
    order_id   INTEGER REFERENCES rectifications(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX duty_visits_entity ON duty_visits(entity_id, visited_on);
CREATE INDEX duty_visits_user ON duty_visits(user_id, visited_on);

INSERT INTO settings(key, value) VALUES
    ('duty_period_county', 'quarter'), ('duty_visits_county', '1'),    -- at least once a quarter
    ('duty_period_township', 'month'), ('duty_visits_township', '1'),  -- once a month
    ('duty_period_village', 'month'), ('duty_visits_village', '2');    -- twice a month
