-- 包保 as the seeds run it (Pingyi's 双包保): a business answers to several officials at once, one per
-- level (county, township, village). A hand-over ends the old row (ended_at) so that visits, pledges
-- and responsibilities keep the official they belonged to. The single-official rows of 007 move here.
CREATE TABLE duty_officials (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
    assigned_by INTEGER REFERENCES users(id),
    assigned_at INTEGER NOT NULL,
    ended_at    INTEGER                                   -- NULL while in charge
);
-- one official in charge per level of a business
CREATE UNIQUE INDEX duty_officials_level ON duty_officials(entity_id, level) WHERE ended_at IS NULL;
CREATE INDEX duty_officials_user ON duty_officials(user_id, entity_id);

INSERT INTO duty_officials(entity_id, user_id, level, assigned_by, assigned_at)
    SELECT entity_id, user_id, level, assigned_by, assigned_at FROM duty_assignments;
