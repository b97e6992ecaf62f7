-- The left-overs of issue 17 (people/seals.c, people/training.c, licence/licence_app.c).
--
-- 食安封签, seal by seal: the business reports which numbers of its batch it has used (sealed on a takeaway
-- order); anyone scanning a seal's number sees its business, the batch's date and whether it is reported
-- used. One row a seal; seal_batches.used never falls below the count of its rows.
CREATE TABLE seal_uses (
    id         INTEGER PRIMARY KEY,
    batch_id   INTEGER NOT NULL REFERENCES seal_batches(id),
    seal_no    INTEGER NOT NULL,
    used_on    TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX seal_uses_seal ON seal_uses(batch_id, seal_no);

-- Training: the businesses an official invites to a session (they see it on their own page and to-do
-- list) and the session's material as a link beside the text.
ALTER TABLE training_sessions ADD COLUMN material_url TEXT;
CREATE TABLE training_invitations (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id),
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX training_invitations_entity ON training_invitations(session_id, entity_id);
CREATE INDEX training_invitations_of_entity ON training_invitations(entity_id);

-- Licences: after an inconsistent on-site verification the business reports the correction done
-- (corrected_on, correct_note); the township confirms it (correct_confirmed_on) or returns it
-- (corrected_on cleared, correct_review_note kept) to be corrected again.
ALTER TABLE licence_applications ADD COLUMN corrected_on TEXT;
ALTER TABLE licence_applications ADD COLUMN correct_note TEXT;
ALTER TABLE licence_applications ADD COLUMN correct_confirmed_on TEXT;
ALTER TABLE licence_applications ADD COLUMN correct_review_note TEXT;
ALTER TABLE licence_applications ADD COLUMN correct_reviewed_by INTEGER REFERENCES users(id);
