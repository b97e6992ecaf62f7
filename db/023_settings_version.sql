-- A counter the settings write path raises in the same transaction as the change, so that every
-- process's settings cache (domain/base/settings.c) can tell from one row, once per request,
-- whether another process (a CLI verb, another server) changed a setting.
CREATE TABLE settings_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO settings_version(id, version) VALUES (1, 0);
