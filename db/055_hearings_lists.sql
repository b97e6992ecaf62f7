-- Hearings of a case, local red and black lists and summons (issue 13).
-- A hearing (行政处罚法 Art 63-65): asked within the 5 working days after the notice, held no sooner than
-- 7 days after the party is told its date; the days from the request to the hearing are not counted
-- toward the decision's 90 (a case_pauses row of kind hearing).
ALTER TABLE cases ADD COLUMN hearing_requested_on TEXT;
ALTER TABLE cases ADD COLUMN hearing_on TEXT;
ALTER TABLE cases ADD COLUMN hearing_held_on TEXT;

-- 红黑榜: the county's own lists of businesses, government units and staff, each with its reason and
-- period (Yunyang's lists include government units); a black listing is a joint-punishment flag.
CREATE TABLE honour_lists (
    id            INTEGER PRIMARY KEY,
    list_kind     TEXT NOT NULL CHECK (list_kind IN ('red', 'black')),
    subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('business', 'unit', 'staff')),
    entity_id     INTEGER REFERENCES entities(id),
    subject_name  TEXT NOT NULL,
    division_code TEXT NOT NULL REFERENCES divisions(code),
    reason        TEXT NOT NULL,
    from_on       TEXT NOT NULL,
    until_on      TEXT NOT NULL,
    removed_on    TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX honour_lists_entity ON honour_lists(entity_id);

-- 约谈: a business's responsible people summoned, what was said, and the follow-up due.
CREATE TABLE summons (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    division_code TEXT NOT NULL REFERENCES divisions(code),
    held_on       TEXT NOT NULL,
    attendees     TEXT NOT NULL,
    reason        TEXT NOT NULL,
    record        TEXT NOT NULL,
    follow_up_due TEXT NOT NULL,
    followed_up_on TEXT,
    follow_up     TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX summons_entity ON summons(entity_id, held_on);
