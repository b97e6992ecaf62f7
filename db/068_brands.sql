-- Brands and their authorisations (issue 17): a county's regional public brand (区域公用品牌), a
-- geographical-indication product (地理标志), organic (有机产品) and green food (绿色食品) as marks on
-- file; which business may use which mark for which products, from/until. Rules for suspension are the
-- mark's own (suspend_on_sample, suspend_on_case): a FINAL failed sample of the business (any product:
-- a mark stands for the maker, and a sample's category rarely names the brand's product exactly; risk
-- monitoring excluded) or a penalty decided against it suspends its active authorisations at once
-- (domain/brands/suspend.c); the county reinstates with a reason. Each change is one row of
-- brand_auth_events and an audit entry.
CREATE TABLE brand_marks (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('regional', 'gi', 'organic', 'green')),
    name              TEXT NOT NULL,
    holder            TEXT NOT NULL,          -- 权利人 / 发证机构
    cert_no           TEXT,
    division_code     TEXT NOT NULL REFERENCES divisions(code),
    products          TEXT NOT NULL,          -- what the mark covers
    suspend_on_sample INTEGER NOT NULL DEFAULT 1,
    suspend_on_case   INTEGER NOT NULL DEFAULT 1,
    created_by        INTEGER REFERENCES users(id),
    created_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX brand_marks_name ON brand_marks(division_code, name);

CREATE TABLE brand_auths (
    id             INTEGER PRIMARY KEY,
    mark_id        INTEGER NOT NULL REFERENCES brand_marks(id),
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    division_code  TEXT NOT NULL REFERENCES divisions(code),  -- the business's, at the grant
    products       TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
    status_reason  TEXT,
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX brand_auths_entity ON brand_auths(entity_id, status);
CREATE INDEX brand_auths_mark ON brand_auths(mark_id, status);

-- granted, suspended (by a sample, a case or an official), reinstated, revoked
CREATE TABLE brand_auth_events (
    id          INTEGER PRIMARY KEY,
    auth_id     INTEGER NOT NULL REFERENCES brand_auths(id),
    action      TEXT NOT NULL CHECK (action IN ('granted', 'suspended', 'reinstated', 'revoked')),
    source_kind TEXT NOT NULL CHECK (source_kind IN ('official', 'sample', 'case')),
    source_id   INTEGER,
    reason      TEXT NOT NULL,
    at_ms       INTEGER NOT NULL,
    by_user     INTEGER REFERENCES users(id)
);
CREATE INDEX brand_auth_events_auth ON brand_auth_events(auth_id, id);
CREATE INDEX brand_auth_events_source ON brand_auth_events(source_kind, source_id);
