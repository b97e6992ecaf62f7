-- Sampling and testing, first part: the limits a result is judged against, as data with their source
-- clause (issue 11 "Judgement as data"; ../shared/DOMAIN.md "Sampling and testing"). The shipped
-- subset is seeded from data/sampling/*.csv (src/domain/sampling/limits.c); full tables are loaded
-- with `shian limits import`.
CREATE TABLE food_categories (
    code   TEXT PRIMARY KEY,             -- cereal.rice: the parent's code, a dot, its own
    parent TEXT REFERENCES food_categories(code),
    name   TEXT NOT NULL
);
CREATE TABLE analytes (
    code  TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    class TEXT NOT NULL CHECK (class IN ('mycotoxin', 'contaminant', 'pesticide', 'additive', 'microbe', 'other'))
);
CREATE TABLE limits (
    id                 INTEGER PRIMARY KEY,
    analyte            TEXT NOT NULL REFERENCES analytes(code),
    food_category      TEXT NOT NULL REFERENCES food_categories(code),
    kind               TEXT NOT NULL CHECK (kind IN ('max', 'not_detected', 'microbial')),
    value              REAL,             -- max: the level; not_detected: the method's detection limit
    unit               TEXT NOT NULL,
    plan_n             INTEGER,          -- microbial: samples, accepted between m and M, m, M
    plan_c             INTEGER,
    plan_m             REAL,
    plan_big_m         REAL,
    standard           TEXT NOT NULL,    -- GB 2761-2017
    clause             TEXT NOT NULL,    -- 4.1 表1
    residue_definition TEXT,
    updated_at         INTEGER NOT NULL,
    UNIQUE (analyte, food_category, standard)
);
CREATE INDEX limits_category ON limits(food_category, analyte);
