-- Sampling and testing, the loop (issue 11; ../shared/DOMAIN.md "Sampling and testing"; SAMR Order 15
-- 食品安全抽样检验管理办法, 2019): labs kept on file, annual plans sized by population, the draw of
-- businesses, the sampling record (抽样单), custody to the lab, results judged against the limits
-- (db/041), the failure notice, re-tests, objections, disposal and follow-up. Deadlines are computed
-- by the one deadline engine (domain/base/calendar.h) and stored as dates when their start is known.

-- Testing laboratories (检验机构) on the bureau's file: accredited (CMA 资质认定) for a scope.
CREATE TABLE labs (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    cma_no     TEXT NOT NULL UNIQUE,         -- 资质认定证书编号
    scope      TEXT NOT NULL,                -- accredited scope as the certificate words it
    contact    TEXT,
    phone      TEXT,
    address    TEXT,
    rapid      INTEGER NOT NULL DEFAULT 0,   -- a rapid-test station (快检): never a re-test lab
    active     INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- A year's plan of one kind for a division (the county's, or a township's own).
CREATE TABLE sampling_plans (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('supervision', 'evaluation', 'monitoring')),
    name          TEXT NOT NULL,
    division_code TEXT NOT NULL REFERENCES divisions(code),
    population    INTEGER NOT NULL,          -- residents the plan is sized by
    per_thousand  REAL NOT NULL,             -- batches per 1 000 residents (setting sampling_batches_per_1000)
    target        INTEGER NOT NULL,          -- batches the plan must sample
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
-- Its items: so many batches of a food category, in a township (NULL: anywhere in the plan's
-- division), in a month (NULL: any time of the year), for these analytes.
CREATE TABLE sampling_plan_items (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES sampling_plans(id),
    food_category TEXT NOT NULL REFERENCES food_categories(code),
    township_code TEXT REFERENCES divisions(code),
    month         INTEGER CHECK (month BETWEEN 1 AND 12),
    target        INTEGER NOT NULL CHECK (target > 0),
    analytes      TEXT NOT NULL,             -- JSON array of analyte codes
    mode          TEXT NOT NULL DEFAULT 'random' CHECK (mode IN ('random', 'sentinel', 'targeted')),
    proposal_id   INTEGER,                   -- the public proposal (你点我检) it came from
    created_at    INTEGER NOT NULL
);
CREATE INDEX sampling_plan_items_plan ON sampling_plan_items(plan_id);

-- A batch sampled (or to be sampled: a drawn task) at a business.
CREATE TABLE samples (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,  -- 抽样单编号
    plan_id           INTEGER REFERENCES sampling_plans(id),
    plan_item_id      INTEGER REFERENCES sampling_plan_items(id),
    draw_id           INTEGER REFERENCES draws(id),
    entity_id         INTEGER NOT NULL REFERENCES entities(id),
    kind              TEXT NOT NULL CHECK (kind IN ('supervision', 'evaluation', 'monitoring')),
    method            TEXT NOT NULL DEFAULT 'lab' CHECK (method IN ('lab', 'rapid')),
    food_category     TEXT NOT NULL REFERENCES food_categories(code),
    analytes          TEXT NOT NULL,         -- JSON array of analyte codes to test
    status            TEXT NOT NULL CHECK (status IN ('assigned', 'sampled', 'refused', 'delivered', 'received',
                                                       'reported', 'cancelled')),
    -- the product, as the label and the business give it
    product_name      TEXT,
    brand             TEXT,
    spec              TEXT,
    batch_no          TEXT,
    production_date   TEXT,
    shelf_life_days   INTEGER,
    quantity          TEXT,                  -- stock at the business when sampled
    unit_price        REAL,
    declared_standard TEXT,                  -- the product's standard (执行标准)
    producer_name     TEXT,
    producer_address  TEXT,
    producer_division TEXT,                  -- where the producer is, when known (outside: 协查)
    sample_qty        TEXT,
    backup_qty        TEXT,
    seal_no           TEXT,
    business_signer   TEXT,                  -- who signed for the business
    refusal_note      TEXT,                  -- status refused: what happened
    sampled_at        INTEGER,
    sampled_on        TEXT,
    delivery_due      TEXT,                  -- 5 wd after sampling
    lab_id            INTEGER REFERENCES labs(id),
    delivered_on      TEXT,
    received_on       TEXT,
    report_due        TEXT,                  -- 20 wd after receipt
    reported_on       TEXT,
    reported_at       INTEGER,               -- when the result was entered (epoch ms)
    verdict           TEXT CHECK (verdict IN ('pass', 'fail')),
    notice_due        TEXT,                  -- failure: 2 wd after the report
    notice_sent_on    TEXT,
    notice_received_on TEXT,
    retest_due        TEXT,                  -- 7 wd after the business received the result
    backup_keep_until TEXT,                  -- 3 months after a pass, 6 after a fail (or the shelf life)
    final_verdict     TEXT CHECK (final_verdict IN ('pass', 'fail')),
    followup_due      TEXT,                  -- failure: 90 days after the final verdict
    followup_done_on  TEXT,
    published_at      INTEGER,
    created_by        INTEGER REFERENCES users(id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX samples_entity ON samples(entity_id);
CREATE INDEX samples_status ON samples(status);
CREATE INDEX samples_plan_item ON samples(plan_item_id);

-- The samplers of a sample (at least 2 when it is taken).
CREATE TABLE sample_samplers (
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    user_id   INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (sample_id, user_id)
);
CREATE INDEX sample_samplers_user ON sample_samplers(user_id);

-- Results per analyte; round 1 the first test, round 2 the re-test (final).
CREATE TABLE sample_results (
    id         INTEGER PRIMARY KEY,
    sample_id  INTEGER NOT NULL REFERENCES samples(id),
    round      INTEGER NOT NULL CHECK (round IN (1, 2)),
    analyte    TEXT NOT NULL REFERENCES analytes(code),
    result     TEXT NOT NULL,                -- JSON as entered: {value, unit} | {detected:false} | {values, unit}
    verdict    TEXT NOT NULL CHECK (verdict IN ('pass', 'fail')),
    basis      TEXT NOT NULL,                -- the sentence citing the clause
    limit_json TEXT NOT NULL,
    lab_id     INTEGER REFERENCES labs(id),
    entered_by INTEGER REFERENCES users(id),
    entered_at INTEGER NOT NULL,
    UNIQUE (sample_id, round, analyte)
);

-- The business's request for a re-test (复检) and its course.
CREATE TABLE sample_retests (
    id             INTEGER PRIMARY KEY,
    sample_id      INTEGER NOT NULL UNIQUE REFERENCES samples(id),
    requested_on   TEXT NOT NULL,
    requested_at   INTEGER NOT NULL,
    requested_by   INTEGER REFERENCES users(id),
    reason         TEXT NOT NULL,
    late           INTEGER NOT NULL DEFAULT 0,   -- filed after retest_due
    status         TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'refused', 'reported')),
    decide_due     TEXT NOT NULL,                -- 7 wd (setting) after the request
    decided_on     TEXT,
    decided_by     INTEGER REFERENCES users(id),
    refusal_ground TEXT CHECK (refusal_ground IN ('microbial', 'backup_expired', 'late', 'no_purpose', 'other')),
    note           TEXT,
    lab_id         INTEGER REFERENCES labs(id),  -- drawn at random, not the first lab
    seed           INTEGER,
    report_due     TEXT,                         -- 10 wd after acceptance
    verdict        TEXT CHECK (verdict IN ('pass', 'fail')),
    reported_on    TEXT
);

-- Objections (异议): on the sampling process, or on the judgement.
CREATE TABLE sample_objections (
    id         INTEGER PRIMARY KEY,
    sample_id  INTEGER NOT NULL REFERENCES samples(id),
    kind       TEXT NOT NULL CHECK (kind IN ('process', 'judgement')),
    filed_on   TEXT NOT NULL,
    due        TEXT NOT NULL,                    -- the last day it could be filed
    late       INTEGER NOT NULL DEFAULT 0,
    text       TEXT NOT NULL,
    filed_by   INTEGER REFERENCES users(id),
    status     TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'dismissed')),
    answer     TEXT,
    decided_on TEXT,
    decided_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX sample_objections_sample ON sample_objections(sample_id);

-- What was done with the failed food: sealed, sale stopped, recalled, destroyed, with quantities.
CREATE TABLE sample_disposals (
    id          INTEGER PRIMARY KEY,
    sample_id   INTEGER NOT NULL REFERENCES samples(id),
    action      TEXT NOT NULL CHECK (action IN ('seal', 'stop_sale', 'recall', 'destroy')),
    quantity    REAL NOT NULL,
    unit        TEXT NOT NULL,
    note        TEXT,
    done_on     TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX sample_disposals_sample ON sample_disposals(sample_id);

-- Follow-up of a failure: a rectification order (through the shared loop), re-sampling, a case
-- referral, a producer outside the county referred for assistance (协查).
CREATE TABLE sample_followups (
    id          INTEGER PRIMARY KEY,
    sample_id   INTEGER NOT NULL REFERENCES samples(id),
    action      TEXT NOT NULL CHECK (action IN ('rectification', 'resample', 'case', 'cross_area')),
    ref_id      INTEGER,                         -- the order, or the new sample
    target      TEXT,                            -- case: the unit; cross_area: the bureau asked
    note        TEXT,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX sample_followups_sample ON sample_followups(sample_id);

-- Strict supervision (重点监管) after repeated failures: more visits and samples until a date.
CREATE TABLE strict_supervision (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    reason     TEXT NOT NULL,
    from_on    TEXT NOT NULL,
    until_on   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX strict_supervision_entity ON strict_supervision(entity_id, until_on);

-- Public proposals (你点我检): a food or a place residents want tested, and their votes.
CREATE TABLE sampling_proposals (
    id            INTEGER PRIMARY KEY,
    division_code TEXT NOT NULL REFERENCES divisions(code),
    food          TEXT NOT NULL,
    place         TEXT,
    reason        TEXT,
    proposer      TEXT,                          -- a name, as given (optional)
    votes         INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'adopted', 'declined')),
    plan_item_id  INTEGER REFERENCES sampling_plan_items(id),
    answer        TEXT,
    created_at    INTEGER NOT NULL
);
CREATE TABLE sampling_proposal_votes (
    proposal_id INTEGER NOT NULL REFERENCES sampling_proposals(id),
    voter       TEXT NOT NULL,                   -- a keyed hash of the voter's address or phone
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, voter)
);

INSERT INTO settings(key, value) VALUES
    ('sampling_batches_per_1000', '4'),      -- national baseline; Yunyang raised it to 6
    ('sampling_retest_decide_days', '7'),    -- some provinces 5
    ('sampling_strict_failures', '2'),       -- failed batches within a year that trigger strict supervision
    ('sampling_strict_days', '180'),         -- how long it lasts
    ('risk_sample_failed', '10');            -- risk points per failed sample (two years)
