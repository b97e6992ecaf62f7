-- Static risk tiers as the 2016 measures say (issue 10; 《食品生产经营风险分级管理办法（试行）》,
-- 食药监食监一〔2016〕115号, Art 8–9: the static factors are the kind of food made or sold, the scale
-- and the consumers served; DOMAIN.md "Risk grading": the highest tier takes infant and
-- special-population foods, health foods, central kitchens, group-meal distributors and the canteens
-- of schools, hospitals and care homes).
--
-- 1. A business kind that was missing: group_meal, 集体用餐配送单位 (a caterer that cooks for and
--    delivers to schools, firms and sites; 《食品经营许可管理办法》 2015 Art 10 names it beside the
--    central kitchen). entities.kind has a CHECK, which SQLite cannot alter, so the table is rebuilt.
-- 2. canteen_of: whom a canteen feeds (school, childcare, hospital, care_home, enterprise,
--    construction_site, other): a hospital's or care home's canteen is a unit canteen in the highest
--    catering tier, a firm's is not.
-- 3. special_foods: the special foods (保健食品 health_food, 特殊医学用途配方食品 fsmp, 婴幼儿配方食品
--    infant_formula; Food Safety Law Art 74) a producer makes or a seller sells as such (its licence
--    item). It replaces the free-text categories 特殊食品 / 保健食品 / 婴幼儿配方食品, which any
--    business could list; it is filled here from them for producers and sellers only (the generic
--    特殊食品 as health_food, which scores what 特殊食品 scored, so no grade moves by the migration).
--
-- The rebuild. The runner holds one transaction and foreign keys are on, so the textbook way
-- (PRAGMA foreign_keys=OFF, create new, copy, drop, rename) cannot be used: the pragma is a no-op
-- inside a transaction, and renaming the new table would not help since DROP TABLE counts every
-- child row as a violation. Instead the constraints are deferred to the commit, the rows are set
-- aside, the table is dropped and created again under its own name, the rows go back with their
-- ids (each inserted parent row settles the deferred count of its children) and the indexes and
-- triggers of db/001, 002 and 006 are created again. Child tables keep their REFERENCES
-- entities(id), since the name never changes. Any failure rolls the whole migration back.
--
-- PostgreSQL: PRAGMA is SQLite's; there the driver changes the CHECK in place (ALTER TABLE entities
-- DROP CONSTRAINT …, ADD CONSTRAINT … CHECK …; ADD COLUMN …) instead of the rebuild, since DROP TABLE
-- of a referenced table needs CASCADE, which would drop the children's foreign keys. The FTS5 triggers
-- are SQLite's (db/002). Everything else below is SQL both speak.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE entities_copy AS SELECT * FROM entities;
DROP TABLE entities;

CREATE TABLE entities (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('producer', 'workshop', 'seller', 'caterer',
                                         'school_canteen', 'unit_canteen', 'central_kitchen', 'stall',
                                         'group_meal')),
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
    version             INTEGER NOT NULL DEFAULT 1,
    canteen_of          TEXT CHECK (canteen_of IN ('school', 'childcare', 'hospital', 'care_home', 'enterprise',
                                                   'construction_site', 'other')),
    special_foods       TEXT            -- JSON array of health_food, fsmp, infant_formula
);

INSERT INTO entities(id, kind, name, uscc, licence_kind, licence_no, licence_valid_until, address, division_code,
                     grid_id, lat, lng, scale, categories, legal_rep, legal_rep_phone, director_name, director_phone,
                     officer_name, officer_phone, status, status_reason, created_at, updated_at, version,
                     canteen_of, special_foods)
SELECT id, kind, name, uscc, licence_kind, licence_no, licence_valid_until, address, division_code,
       grid_id, lat, lng, scale, categories, legal_rep, legal_rep_phone, director_name, director_phone,
       officer_name, officer_phone, status, status_reason, created_at, updated_at, version,
       NULL,
       CASE WHEN kind IN ('producer', 'seller') THEN
           NULLIF('[' || substr(
               CASE WHEN categories LIKE '%"保健食品"%' OR categories LIKE '%"特殊食品"%' THEN ',"health_food"' ELSE '' END ||
               CASE WHEN categories LIKE '%"特殊医学用途配方食品"%' THEN ',"fsmp"' ELSE '' END ||
               CASE WHEN categories LIKE '%"婴幼儿配方食品"%' THEN ',"infant_formula"' ELSE '' END,
               2) || ']', '[]')
       END
FROM entities_copy;
DROP TABLE entities_copy;

-- db/001
CREATE UNIQUE INDEX entities_uscc ON entities(uscc) WHERE uscc IS NOT NULL AND status <> 'closed';
CREATE UNIQUE INDEX entities_licence ON entities(licence_no) WHERE licence_no IS NOT NULL AND status <> 'closed';
CREATE INDEX entities_division ON entities(division_code, id);
CREATE INDEX entities_grid ON entities(grid_id, id);
CREATE INDEX entities_kind ON entities(kind, id);
CREATE INDEX entities_name ON entities(name);
-- db/002: the name index (entities_name_fts, external content) still holds every row under its id
CREATE TRIGGER entities_name_fts_ai AFTER INSERT ON entities BEGIN
    INSERT INTO entities_name_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER entities_name_fts_ad AFTER DELETE ON entities BEGIN
    INSERT INTO entities_name_fts(entities_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER entities_name_fts_au AFTER UPDATE OF name ON entities BEGIN
    INSERT INTO entities_name_fts(entities_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO entities_name_fts(rowid, name) VALUES (new.id, new.name);
END;
-- db/006
CREATE INDEX entities_uscc_all ON entities(uscc);
CREATE INDEX entities_licence_all ON entities(licence_no);
CREATE INDEX entities_kind_division ON entities(kind, division_code);
CREATE INDEX entities_status_division ON entities(status, division_code);

-- The static rules gain two kinds of rule (canteen, special_food): its CHECK is rebuilt the same way
-- (no table refers to it).
CREATE TABLE risk_static_rules_copy AS SELECT * FROM risk_static_rules;
DROP TABLE risk_static_rules;
CREATE TABLE risk_static_rules (
    rule_type TEXT NOT NULL CHECK (rule_type IN ('kind', 'category', 'scale', 'canteen', 'special_food')),
    value     TEXT NOT NULL,
    score     INTEGER NOT NULL CHECK (score BETWEEN 0 AND 40),
    PRIMARY KEY (rule_type, value)
);
INSERT INTO risk_static_rules(rule_type, value, score)
SELECT rule_type, value, score FROM risk_static_rules_copy
WHERE NOT (rule_type = 'category' AND value IN ('特殊食品', '保健食品', '婴幼儿配方食品'));
DROP TABLE risk_static_rules_copy;

-- The highest catering tier (32, as central kitchens and school canteens since db/005): group-meal
-- distributors, and canteens of schools, childcare, hospitals and care homes whatever their kind.
-- Special foods score only from special_foods, that is where made or sold as such.
INSERT INTO risk_static_rules(rule_type, value, score) VALUES
    ('kind', 'group_meal', 32),
    ('canteen', 'school', 32), ('canteen', 'childcare', 32), ('canteen', 'hospital', 32), ('canteen', 'care_home', 32),
    ('special_food', 'infant_formula', 38), ('special_food', 'fsmp', 38), ('special_food', 'health_food', 32)
ON CONFLICT (rule_type, value) DO UPDATE SET score = excluded.score;

-- A group-meal distributor is inspected with the catering checklist, as a central kitchen is (a
-- database seeded before this migration; a new one is seeded with it, src/domain/supervision/checklist.c).
UPDATE checklists SET kinds = '["caterer","unit_canteen","central_kitchen","group_meal"]'
WHERE code = 'catering' AND kinds = '["caterer","unit_canteen","central_kitchen"]';

ANALYZE entities;
