-- A business's changes to its own video supervision are requests an official approves (issue 10:
-- "changes to its own supervision are requests an official approves"): registering a camera or
-- changing one (name, area, stream, zones, schedule, rules) is kept here until an official of the
-- jurisdiction approves it (then applied, in the same transaction) or rejects it with a reason.
-- summary is the camera as it would be (its JSON, never credentials); body_sealed the request as
-- sent, sealed (domain/identity/secret.h), since a stream URL may carry a password.
CREATE TABLE camera_requests (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    camera_id     INTEGER REFERENCES cameras(id),   -- NULL until a new camera is approved
    kind          TEXT NOT NULL CHECK (kind IN ('create', 'update')),
    summary       TEXT NOT NULL,
    body_sealed   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_by  INTEGER REFERENCES users(id),
    requested_at  INTEGER NOT NULL,
    decided_by    INTEGER REFERENCES users(id),
    decided_at    INTEGER,
    decision_note TEXT
);
CREATE INDEX camera_requests_entity ON camera_requests(entity_id, id);
CREATE INDEX camera_requests_status ON camera_requests(status, id);
