-- Photos and evidence: stored once by content hash in files_dir, described and scoped here.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),   -- whose record it belongs to (for scoping)
    owner_type  TEXT NOT NULL CHECK (owner_type IN ('inspection', 'rectification')),
    owner_id    INTEGER NOT NULL,
    item_id     INTEGER,                                    -- the checklist item a photo shows
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
