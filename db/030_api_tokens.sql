-- Device tokens as records of their own: listed, with an expiry, revocable and rotated without
-- downtime. A token's secret is never stored: each secret is a row of sessions (its SHA-256) that
-- points at its api_tokens row; a rotation adds a secret and gives the old one a grace end.
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  INTEGER,              -- user who created it (NULL: the command line)
    expires_at  INTEGER,              -- NULL: tokens made before expiries existed
    revoked_at  INTEGER,
    revoked_by  INTEGER,
    rotated_at  INTEGER,
    grace_until INTEGER,              -- the previous secret works until then
    first_hash  TEXT                  -- the secret's hash of a token carried over from sessions
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
ALTER TABLE sessions ADD COLUMN api_token_id INTEGER REFERENCES api_tokens(id) ON DELETE CASCADE;
CREATE INDEX sessions_api_token ON sessions(api_token_id);

-- the device tokens made before this migration become listed tokens without expiry
INSERT INTO api_tokens(user_id, name, created_at, first_hash)
    SELECT user_id, coalesce(name, 'device'), created_at, token_hash FROM sessions WHERE kind = 'api';
UPDATE sessions SET api_token_id = (SELECT t.id FROM api_tokens t WHERE t.first_hash = sessions.token_hash)
    WHERE kind = 'api';

-- Sign-in back-off by key: 'a:<address>' every attempt from an address, 'p:<user>|<address>' one
-- account from one address, 'u:<user>' one account from everywhere (a higher threshold). Keys are
-- the typed names, so an unknown user is counted and answered exactly like a real one.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_at      INTEGER NOT NULL,
    locked_until INTEGER
);
