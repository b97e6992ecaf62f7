-- Foundation: administrative divisions, supervision grids, users and sessions, the business
-- registry and the audit log. Times are UTC epoch milliseconds.

CREATE TABLE divisions (
    code        TEXT PRIMARY KEY,              -- 6 (county), 12 (township: 9 + '000', village) digits
    name        TEXT NOT NULL,
    level       INTEGER NOT NULL CHECK (level IN (1, 2, 3)),  -- 1 county, 2 township, 3 village
    parent_code TEXT REFERENCES divisions(code)
);
CREATE INDEX divisions_parent ON divisions(parent_code);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'county', 'township', 'village',
                                                'inspector', 'sampler', 'business')),
    division_code TEXT REFERENCES divisions(code),  -- jurisdiction of officials (a code prefix)
    grid_id       INTEGER REFERENCES grids(id),     -- jurisdiction of village grid members
    entity_id     INTEGER REFERENCES entities(id),  -- the business of a business user
    phone         TEXT,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE grids (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    division_code  TEXT NOT NULL REFERENCES divisions(code),  -- the township (or village) it lies in
    leader_user_id INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX grids_division ON grids(division_code);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,        -- SHA-256 hex of the token; the token itself is never stored
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('session', 'api')),
    name       TEXT,                    -- label of an API token (device)
    created_at INTEGER NOT NULL,
    expires_at INTEGER                  -- NULL: API token without expiry until revoked
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE entities (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('producer', 'workshop', 'seller', 'caterer',
                                         'school_canteen', 'unit_canteen', 'central_kitchen', 'stall')),
    name                TEXT NOT NULL,
    uscc                TEXT,           -- unified social credit code
    licence_kind        TEXT CHECK (licence_kind IN ('sc', 'jy', 'filing', 'workshop_reg', 'stall_record')),
    licence_no          TEXT,
    licence_valid_until TEXT,           -- YYYY-MM-DD
    address             TEXT,
    division_code       TEXT NOT NULL REFERENCES divisions(code),  -- township or village
    grid_id             INTEGER REFERENCES grids(id),
    lat                 REAL,
    lng                 REAL,
    scale               TEXT CHECK (scale IN ('large', 'medium', 'small', 'micro')),
    categories          TEXT,           -- JSON array of category names
    legal_rep           TEXT,
    legal_rep_phone     TEXT,
    director_name       TEXT,           -- food safety director (食品安全总监)
    director_phone      TEXT,
    officer_name        TEXT,           -- food safety officer (食品安全员)
    officer_phone       TEXT,
    status              TEXT NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'suspended', 'revoked', 'closed')),
    status_reason       TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
);
-- Duplicate detection: one open business per credit code and per licence number.
CREATE UNIQUE INDEX entities_uscc ON entities(uscc) WHERE uscc IS NOT NULL AND status <> 'closed';
CREATE UNIQUE INDEX entities_licence ON entities(licence_no) WHERE licence_no IS NOT NULL AND status <> 'closed';
CREATE INDEX entities_division ON entities(division_code, id);
CREATE INDEX entities_grid ON entities(grid_id, id);
CREATE INDEX entities_kind ON entities(kind, id);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    user_id     INTEGER,                -- NULL for the system (CLI, demo)
    actor       TEXT NOT NULL,          -- username or 'system', kept even if the user is removed
    action      TEXT NOT NULL,          -- create, update, close, status, import, login, ...
    object_type TEXT NOT NULL,
    object_id   INTEGER,
    before_json TEXT,                   -- previous values of the changed fields
    after_json  TEXT                    -- new values
);
CREATE INDEX audit_object ON audit_log(object_type, object_id, id);
