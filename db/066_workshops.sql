-- Small food workshops (食品小作坊, issue 17): registration as a workflow, the certificate, the products.
-- An application (new, change, renew, cancel) is filed online by the workshop or by an official for it;
-- the township reviews it on site (accept, return for correction, refuse) within workshop_review_days
-- working days; the county issues the certificate within workshop_issue_days working days of acceptance.
CREATE TABLE workshop_applications (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('new', 'change', 'renew', 'cancel')),
    status          TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted', 'refused', 'issued')),
    entity_id       INTEGER REFERENCES entities(id),   -- the registered workshop (set when issued, or given)
    division_code   TEXT NOT NULL REFERENCES divisions(code),  -- where it works: its township's scope
    name            TEXT NOT NULL,
    operator        TEXT NOT NULL,      -- 经营者
    phone           TEXT NOT NULL,
    address         TEXT NOT NULL,
    uscc            TEXT,
    products        TEXT NOT NULL,      -- JSON [{code, name}], each checked against the catalogue
    note            TEXT,
    key_hash        TEXT,               -- the applicant's access key (online applications), a keyed hash
    submitted_on    TEXT NOT NULL,      -- YYYY-MM-DD of the latest (re)submission
    review_due      TEXT,               -- the township's on-site review by this day
    issue_due       TEXT,               -- the county's issuance by this day
    due_provisional INTEGER NOT NULL DEFAULT 0,
    overdue_at      INTEGER,            -- the sweep found the running deadline passed
    review_note     TEXT,
    reviewed_by     INTEGER REFERENCES users(id),
    reviewed_at     INTEGER,
    cert_id         INTEGER,
    created_by      INTEGER REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX workshop_applications_division ON workshop_applications(division_code, id);
CREATE INDEX workshop_applications_status ON workshop_applications(status, id);

-- Every step of an application: who, when, what, why.
CREATE TABLE workshop_app_steps (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES workshop_applications(id),
    action         TEXT NOT NULL,
    note           TEXT,
    due            TEXT,                -- the deadline this step answered
    late           INTEGER NOT NULL DEFAULT 0,
    user_id        INTEGER REFERENCES users(id),
    at             INTEGER NOT NULL
);
CREATE INDEX workshop_app_steps_app ON workshop_app_steps(application_id, id);

-- The registration certificate (小作坊登记证); its number follows workshop_cert_pattern.
CREATE TABLE workshop_certs (
    id             INTEGER PRIMARY KEY,
    cert_no        TEXT NOT NULL UNIQUE,
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    division_code  TEXT NOT NULL,
    application_id INTEGER NOT NULL REFERENCES workshop_applications(id),
    issued_on      TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('valid', 'cancelled')),
    cancelled_on   TEXT,
    cancel_reason  TEXT,
    verify_code    TEXT NOT NULL UNIQUE, -- printed as a QR code: the public verification page
    created_at     INTEGER NOT NULL
);
CREATE INDEX workshop_certs_entity ON workshop_certs(entity_id, id);

-- The serial of certificate numbers per prefix (the pattern with its year filled in).
CREATE TABLE workshop_cert_serials (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
);

-- A workshop's registered products (its catalogue), which traceability codes as urn:shian:product:<id>.
CREATE TABLE workshop_products (
    id             INTEGER PRIMARY KEY,
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    catalogue_code TEXT NOT NULL,
    name           TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL
);
CREATE INDEX workshop_products_entity ON workshop_products(entity_id, id);

INSERT INTO settings(key, value) VALUES
    ('workshop_review_days', '10'),      -- working days for the township's on-site review
    ('workshop_issue_days', '5'),        -- working days for the county to issue after acceptance
    ('workshop_valid_years', '3'),       -- a certificate's years of validity
    ('workshop_cert_pattern', '赣食坊登字〔{year}〕第{seq4}号'), -- {year}, {seqN}: N-digit serial per year
    ('public_limit_workshop_per_hour', '5'); -- online applications and their corrections from one address

-- Documents and photos an applicant attaches are attachments owned by the application (no business yet):
-- the owner types grow by one, the table rebuilt as db/056 did.
CREATE TABLE attachments_new (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    entity_id   INTEGER REFERENCES entities(id),
    owner_type  TEXT NOT NULL CHECK (owner_type IN ('inspection', 'rectification', 'observation', 'camera', 'sample', 'complaint', 'case',
                                                    'workshop_app')),
    owner_id    INTEGER NOT NULL,
    item_id     INTEGER,
    uploaded_by INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
INSERT INTO attachments_new SELECT * FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
