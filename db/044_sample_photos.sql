-- Photos of a sampling (the product, its label, the seal, the signed 抽样单) are attachments owned by
-- a sample (domain/sampling/hooks.c registers the owner): the owner types grow by one. SQLite cannot
-- alter a CHECK: the table is rebuilt as db/011 did (nothing references attachments).
CREATE TABLE attachments_new (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    owner_type  TEXT NOT NULL CHECK (owner_type IN ('inspection', 'rectification', 'observation', 'camera', 'sample')),
    owner_id    INTEGER NOT NULL,
    item_id     INTEGER,
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
INSERT INTO attachments_new SELECT * FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
