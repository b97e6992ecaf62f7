-- 名特优 small food workshops (issue 17): a workshop applies, or its township nominates it; the criteria of
-- data/famous/criteria.csv are evaluated from the records (registration, samples, cases, risk grade,
-- catalogue products, food-safety officer) and shown with their evidence; the township reviews (records
-- the criteria that need a person's judgement, forwards or rejects), the county decides (recognise with a
-- validity of famous_valid_years, or refuse with a reason). A recognition is revoked by the system when a
-- later final failed sample or a decided penalty arrives (domain/famous/revoke.c, the sampling and
-- enforcement listeners), or by the county with a reason. Each step is one famous_workshop_events row.
CREATE TABLE famous_workshops (
    id             INTEGER PRIMARY KEY,
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    division_code  TEXT NOT NULL REFERENCES divisions(code),   -- the workshop's township, at filing
    origin         TEXT NOT NULL CHECK (origin IN ('applied', 'nominated')),
    statement      TEXT NOT NULL,                              -- what the applicant or township says of it
    status         TEXT NOT NULL CHECK (status IN ('submitted', 'forwarded', 'rejected', 'recognised', 'refused', 'revoked')),
    manual         TEXT,                                       -- JSON {code: {pass, note}} the reviewer recorded
    evaluation     TEXT,                                       -- JSON of the criteria as evaluated at the decision
    review_note    TEXT,
    decision_note  TEXT,
    recognised_on  TEXT,
    valid_until    TEXT,
    revoked_on     TEXT,
    revoke_reason  TEXT,
    decided_at     INTEGER,                                    -- epoch ms of the recognition: later events revoke it
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX famous_workshops_entity ON famous_workshops(entity_id, status);
CREATE INDEX famous_workshops_division ON famous_workshops(division_code, id);

CREATE TABLE famous_workshop_events (
    id          INTEGER PRIMARY KEY,
    famous_id   INTEGER NOT NULL REFERENCES famous_workshops(id),
    action      TEXT NOT NULL CHECK (action IN ('applied', 'nominated', 'forwarded', 'rejected', 'recognised', 'refused', 'revoked')),
    source_kind TEXT NOT NULL CHECK (source_kind IN ('official', 'business', 'sample', 'case')),
    source_id   INTEGER,
    note        TEXT,
    at_ms       INTEGER NOT NULL,
    by_user     INTEGER REFERENCES users(id)
);
CREATE INDEX famous_workshop_events_famous ON famous_workshop_events(famous_id, id);

INSERT INTO settings(key, value) VALUES ('famous_valid_years', '3'); -- years a recognition lasts
