-- Parks, clusters and model units of small workshops (食品小作坊园区、集中加工区、示范单元; issue 17):
-- places a county or township keeps, each with the registered workshops in it.
CREATE TABLE workshop_places (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('park', 'cluster', 'model_unit')),
    name          TEXT NOT NULL,
    division_code TEXT NOT NULL REFERENCES divisions(code),  -- the township it lies in (its scope)
    address       TEXT,
    note          TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX workshop_places_name ON workshop_places(division_code, name);

CREATE TABLE workshop_place_members (
    place_id  INTEGER NOT NULL REFERENCES workshop_places(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    joined_on TEXT NOT NULL,
    PRIMARY KEY (place_id, entity_id)
);
CREATE INDEX workshop_place_members_entity ON workshop_place_members(entity_id);
