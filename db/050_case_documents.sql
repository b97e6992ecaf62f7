-- The documents of a case (issue 13 "Documents"; 国市监法发〔2021〕42号 templates): filled from the case
-- and the registry as a draft an official may edit, then issued with its number (per bureau, kind and
-- year) and frozen: the issued content's SHA-256 is what the QR code on the paper verifies.
CREATE TABLE case_documents (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    number     TEXT UNIQUE,
    content    TEXT NOT NULL,                       -- JSON: {title, number?, blocks:[…], signature:{agency, date}}
    sha256     TEXT UNIQUE,                         -- of the issued content
    edited     INTEGER NOT NULL DEFAULT 0,          -- a draft rewritten by hand is no longer re-filled from the case
    issued_on  TEXT,
    issued_by  INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX case_documents_case ON case_documents(case_id, kind);

INSERT INTO settings(key, value) VALUES ('case_agency', '青禾县市场监督管理局');
INSERT INTO settings(key, value) VALUES ('case_review_body', '青禾县人民政府');
INSERT INTO settings(key, value) VALUES ('case_court', '青禾县人民法院');
