-- Evidence of a case (photos, scans of documents) as attachments owned by the case, each kept by its
-- SHA-256 (issue 13 "Cases": evidence with its hash; the ledger of issue 12 will carry the hashes).
-- The owner types grow by one: the table is rebuilt as db/047 did.
CREATE TABLE attachments_new (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    entity_id   INTEGER REFERENCES entities(id),
    owner_type  TEXT NOT NULL CHECK (owner_type IN ('inspection', 'rectification', 'observation', 'camera', 'sample', 'complaint', 'case')),
    owner_id    INTEGER NOT NULL,
    item_id     INTEGER,
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
INSERT INTO attachments_new SELECT * FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
