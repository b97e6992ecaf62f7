-- Complaints, reports and public-opinion events (issue 14; ../shared/DOMAIN.md "Enforcement, credit,
-- complaints"; 市场监督管理投诉举报处理暂行办法, SAMR Order 20 as revised in 2022): received from the
-- public portal, by staff (phone, walk-in, letter), from 12315 exports, or seen in the media (舆情);
-- dispatched to the competent township; each step with its deadline from the one deadline engine
-- (domain/base/calendar.h), kept as dates. domain/complaints/ holds the rules.
CREATE TABLE complaints (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('complaint', 'report', 'opinion')),
    channel            TEXT NOT NULL CHECK (channel IN ('portal', 'phone', 'walk_in', 'letter', '12315', 'media')),
    tracking_code      TEXT NOT NULL UNIQUE,        -- the person follows it with this and the phone
    twin_id            INTEGER REFERENCES complaints(id), -- one submission both complaint and report, or a clue
    external_no        TEXT UNIQUE,                 -- the 12315 platform's 登记编号
    entity_id          INTEGER REFERENCES entities(id),   -- the respondent, when on the registry
    respondent_name    TEXT NOT NULL,
    respondent_address TEXT,
    division_code      TEXT NOT NULL REFERENCES divisions(code), -- where it is handled (county or township)
    category           TEXT NOT NULL,               -- domain/complaints/complaint.c: food_quality, hygiene …
    facts              TEXT NOT NULL,
    request            TEXT,                        -- what the complainant asks for
    occurred_on        TEXT,                        -- YYYY-MM-DD
    person_name        TEXT,                        -- complainant or reporter; NULL for an anonymous report
    person_phone       TEXT,
    person_address     TEXT,
    notify_by          TEXT NOT NULL DEFAULT 'sms' CHECK (notify_by IN ('sms', 'none')),
    source_name        TEXT,                        -- 舆情: the outlet
    source_url         TEXT,                        -- 舆情: the link
    status             TEXT NOT NULL,
    received_on        TEXT NOT NULL,               -- the day the bureau received it
    due_on             TEXT,                        -- the open step's deadline
    due_step           TEXT,                        -- which step: accept, settle, mediate, tell, verify, decide, conclude
    due_basis          TEXT,
    accepted_on        TEXT,
    mediation_due      TEXT,                        -- 45 working days after acceptance
    verify_extended    INTEGER NOT NULL DEFAULT 0,
    outcome            TEXT,                        -- rejected, agreed, terminated, case, no_case, handled
    outcome_note       TEXT,
    reject_reason      TEXT,
    handler_id         INTEGER REFERENCES users(id), -- the handling official (sees a reporter's identity)
    reward_yuan        INTEGER,                     -- a report's reward
    reward_note        TEXT,
    rating             INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment     TEXT,
    rated_at           INTEGER,
    reminded_due       TEXT,                        -- the deadline a reminder was sent for
    escalated_due      TEXT,                        -- the deadline an escalation was sent for
    verify_hash        TEXT,                        -- the tracking verification code (keyed hash), its expiry
    verify_expires     INTEGER,
    verify_tries       INTEGER NOT NULL DEFAULT 0,
    closed_on          TEXT,
    created_by         INTEGER REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX complaints_division ON complaints(division_code, id);
CREATE INDEX complaints_entity ON complaints(entity_id);
CREATE INDEX complaints_due ON complaints(due_on);

-- Each step taken: who, when, its deadline and whether it was met; notes marked public are what the
-- complainant reads when tracking.
CREATE TABLE complaint_steps (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    step         TEXT NOT NULL,
    note         TEXT,
    public_note  TEXT,
    due_on       TEXT,
    done_on      TEXT NOT NULL,
    late         INTEGER NOT NULL DEFAULT 0,
    actor_id     INTEGER REFERENCES users(id),
    actor_name   TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX complaint_steps_complaint ON complaint_steps(complaint_id, id);

-- Photos sent with a complaint are attachments owned by it; a respondent off the registry has no
-- business, so entity_id may be empty. The table is rebuilt as db/044 did (SQLite cannot alter a CHECK).
CREATE TABLE attachments_new (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    entity_id   INTEGER REFERENCES entities(id),
    owner_type  TEXT NOT NULL CHECK (owner_type IN ('inspection', 'rectification', 'observation', 'camera', 'sample', 'complaint')),
    owner_id    INTEGER NOT NULL,
    item_id     INTEGER,
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
INSERT INTO attachments_new SELECT * FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);

INSERT INTO settings(key, value) VALUES ('risk_complaint', '3');
INSERT INTO settings(key, value) VALUES ('complaint_remind_days', '2');
