-- Food-safety training sessions (培训; 食品安全法 Art 44, SAMR Order 60 Art 11): a session the bureau or a
-- township plans (title, date, place, audience, material) in its division, and who attended: people of
-- the businesses in its jurisdiction, by appointment (fs_appointments, db/069) or by name; one row a person
-- a session. division_code of an attendee is the township of its business, for the figures.
CREATE TABLE training_sessions (
    id            INTEGER PRIMARY KEY,
    division_code TEXT NOT NULL REFERENCES divisions(code),
    title         TEXT NOT NULL,
    held_on       TEXT NOT NULL,
    place         TEXT NOT NULL,
    audience      TEXT NOT NULL CHECK (audience IN ('managers', 'staff', 'workshops', 'all')),
    material      TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX training_sessions_division ON training_sessions(division_code, held_on);

CREATE TABLE training_attendees (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES training_sessions(id),
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    division_code  TEXT NOT NULL REFERENCES divisions(code),
    appointment_id INTEGER REFERENCES fs_appointments(id),
    person_name    TEXT NOT NULL,
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX training_attendees_person ON training_attendees(session_id, entity_id, person_name);
CREATE INDEX training_attendees_division ON training_attendees(division_code);

-- 食安封签 for takeaway (外卖食品安全封签): batches of numbered seals a county or township official issues
-- to a business (prefix and a range of numbers, no range overlapping another of the same prefix), and how
-- many it has used (reported by the business, or an official, and only ever rising).
CREATE TABLE seal_batches (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    division_code TEXT NOT NULL REFERENCES divisions(code),
    prefix        TEXT NOT NULL,
    first_no      INTEGER NOT NULL,
    last_no       INTEGER NOT NULL,
    issued_on     TEXT NOT NULL,
    used          INTEGER NOT NULL DEFAULT 0,
    used_on       TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX seal_batches_prefix ON seal_batches(prefix, first_no);
CREATE INDEX seal_batches_entity ON seal_batches(entity_id);
