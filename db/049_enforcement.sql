-- Enforcement cases (issue 13; ../shared/DOMAIN.md "Enforcement, credit, complaints"; 市场监督管理行政处罚
-- 程序规定, SAMR Order 2 as amended in 2021): a clue verified within 15 working days, filed (立案) or not,
-- decided within 90 days of filing (+30 with approval; beyond that by collective decision) with testing,
-- hearing and public-notice periods not counted, served, paid within 15 days (late fee 3 % a day up to
-- the fine), closed. The simple procedure decides on the spot. Deadlines come from the one deadline
-- engine (domain/base/calendar.h) and are kept as dates; domain/enforcement/ holds the rules.
CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    case_no            TEXT UNIQUE,                 -- given at filing, or at an on-the-spot decision
    procedure          TEXT NOT NULL CHECK (procedure IN ('general', 'simple')),
    source             TEXT NOT NULL CHECK (source IN ('inspection', 'sample', 'hazard', 'complaint', 'report', 'referral', 'other')),
    source_id          INTEGER,                     -- the inspection, sample, alert or complaint it came from
    entity_id          INTEGER REFERENCES entities(id),
    party_kind         TEXT NOT NULL CHECK (party_kind IN ('individual', 'organisation')),
    party_name         TEXT NOT NULL,
    party_code         TEXT,                        -- credit code or id number
    party_address      TEXT,
    party_rep          TEXT,                        -- legal representative (an organisation)
    division_code      TEXT NOT NULL REFERENCES divisions(code),
    facts              TEXT NOT NULL,
    violation_code     TEXT,                        -- discretion_rules.code
    circumstance       TEXT CHECK (circumstance IN ('light', 'general', 'heavy')),
    goods_value_yuan   INTEGER,                     -- 货值金额, where the penalty counts by it
    status             TEXT NOT NULL CHECK (status IN ('clue', 'filed', 'notified', 'decided', 'served', 'paid', 'closed')),
    outcome            TEXT,                        -- not_filed, penalty, no_penalty, referred
    clue_on            TEXT NOT NULL,
    verify_due         TEXT,                        -- 15 working days after the clue (+15 with approval)
    verify_extended    INTEGER NOT NULL DEFAULT 0,
    filed_on           TEXT,
    decision_due       TEXT,                        -- 90 days after filing, paused periods not counted
    decision_extension TEXT,                        -- NULL, 'approved' (+30 days) or 'collective'
    notified_on        TEXT,
    representation_due TEXT,                        -- 5 working days after the notice
    legal_review_on    TEXT,
    penalty            TEXT,                        -- JSON array: warning, fine, confiscation, suspension, revocation
    fine_yuan          INTEGER,
    confiscated_yuan   INTEGER,
    decided_on         TEXT,
    served_on          TEXT,
    service_method     TEXT,
    payment_due        TEXT,                        -- 15 days after service
    paid_on            TEXT,
    late_fee_yuan      INTEGER,
    closed_on          TEXT,
    handler_id         INTEGER REFERENCES users(id),
    created_by         INTEGER REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX cases_division ON cases(division_code, id);
CREATE INDEX cases_entity ON cases(entity_id, decided_on);

-- Periods not counted toward the decision deadline (检测、检验、检疫、鉴定, 听证, 公告 …), inclusive.
CREATE TABLE case_pauses (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    kind     TEXT NOT NULL CHECK (kind IN ('testing', 'hearing', 'public_notice', 'other')),
    from_on  TEXT NOT NULL,
    to_on    TEXT NOT NULL,
    note     TEXT
);
CREATE INDEX case_pauses_case ON case_pauses(case_id);

-- Each step taken, with the deadline it answered and whether it was met.
CREATE TABLE case_steps (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    step       TEXT NOT NULL,
    note       TEXT,
    due_on     TEXT,
    done_on    TEXT NOT NULL,
    late       INTEGER NOT NULL DEFAULT 0,
    actor_id   INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX case_steps_case ON case_steps(case_id, id);

-- Discretion benchmarks (自由裁量基准) as data: a violation, the clause it breaks and the one that punishes
-- it, and the fine's range, in yuan below the goods-value threshold and in times the goods value above
-- it; data/enforcement/discretion.csv, loaded at seed.
CREATE TABLE discretion_rules (
    code        TEXT PRIMARY KEY,
    violation   TEXT NOT NULL,
    breached    TEXT NOT NULL,                      -- the clause breached
    basis       TEXT NOT NULL,                      -- the clause that punishes
    fine_min    INTEGER NOT NULL,                   -- yuan, goods value below the threshold (or no goods)
    fine_max    INTEGER NOT NULL,
    threshold   INTEGER,                            -- goods value (yuan) from which the fine counts in times
    times_min   INTEGER,
    times_max   INTEGER,
    warning_first INTEGER NOT NULL DEFAULT 0,       -- 责令改正，给予警告; a fine only when not corrected
    note        TEXT
);

INSERT INTO settings(key, value) VALUES ('case_legal_review_fine', '10000');
INSERT INTO settings(key, value) VALUES ('case_prefix', '青');
INSERT INTO settings(key, value) VALUES ('risk_penalty', '10');

-- Numbers of cases and documents, per kind and year (青市监立〔2026〕12号): the next one taken in the
-- transaction that issues it.
CREATE TABLE doc_numbers (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
);
