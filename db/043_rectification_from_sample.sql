-- A failed sample opens a rectification order through the shared loop (issue 11 "Follow-up"), so
-- rectifications.source_type admits 'sample'. SQLite cannot alter a CHECK: the table is rebuilt the
-- way db/031 rebuilds entities (constraints deferred to the commit, rows set aside, the table created
-- again under its own name so the children's REFERENCES rectifications(id) stay, rows back with their
-- ids, indexes again). Columns keep their order: db/004's, then db/022's snapshot_id and box.
-- PostgreSQL: the driver changes the CHECK in place (ALTER TABLE rectifications DROP CONSTRAINT …,
-- ADD CONSTRAINT … CHECK …) instead; DROP TABLE of a referenced table would need CASCADE there.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE rectifications_copy AS SELECT * FROM rectifications;
DROP TABLE rectifications;

CREATE TABLE rectifications (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    source_type   TEXT NOT NULL CHECK (source_type IN ('inspection', 'duty_visit', 'video_alert', 'patrol', 'sample')),
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
    created_at    INTEGER NOT NULL,
    snapshot_id   INTEGER,              -- an attachment (db/022)
    box           TEXT                  -- JSON [x, y, w, h], fractions of the picture (db/022)
);
INSERT INTO rectifications SELECT * FROM rectifications_copy;
DROP TABLE rectifications_copy;
CREATE INDEX rectifications_entity ON rectifications(entity_id, id);
CREATE INDEX rectifications_status ON rectifications(status, deadline);
