-- PostgreSQL's form of db/031 (read it for the why): the CHECKs change in place and the columns are
-- added, where SQLite rebuilds the tables; the rows, indexes and children's foreign keys stay.
ALTER TABLE entities DROP CONSTRAINT entities_kind_check;
ALTER TABLE entities ADD CONSTRAINT entities_kind_check CHECK (kind IN ('producer', 'workshop', 'seller', 'caterer',
    'school_canteen', 'unit_canteen', 'central_kitchen', 'stall', 'group_meal'));
ALTER TABLE entities ADD COLUMN canteen_of TEXT CHECK (canteen_of IN ('school', 'childcare', 'hospital', 'care_home',
    'enterprise', 'construction_site', 'other'));
ALTER TABLE entities ADD COLUMN special_foods TEXT;
UPDATE entities SET special_foods =
       CASE WHEN kind IN ('producer', 'seller') THEN
           NULLIF('[' || substr(
               CASE WHEN categories LIKE '%"保健食品"%' OR categories LIKE '%"特殊食品"%' THEN ',"health_food"' ELSE '' END ||
               CASE WHEN categories LIKE '%"特殊医学用途配方食品"%' THEN ',"fsmp"' ELSE '' END ||
               CASE WHEN categories LIKE '%"婴幼儿配方食品"%' THEN ',"infant_formula"' ELSE '' END,
               2) || ']', '[]')
       END;

ALTER TABLE risk_static_rules DROP CONSTRAINT risk_static_rules_rule_type_check;
ALTER TABLE risk_static_rules ADD CONSTRAINT risk_static_rules_rule_type_check
    CHECK (rule_type IN ('kind', 'category', 'scale', 'canteen', 'special_food'));
DELETE FROM risk_static_rules WHERE rule_type = 'category' AND value IN ('特殊食品', '保健食品', '婴幼儿配方食品');
INSERT INTO risk_static_rules(rule_type, value, score) VALUES
    ('kind', 'group_meal', 32),
    ('canteen', 'school', 32), ('canteen', 'childcare', 32), ('canteen', 'hospital', 32), ('canteen', 'care_home', 32),
    ('special_food', 'infant_formula', 38), ('special_food', 'fsmp', 38), ('special_food', 'health_food', 32)
ON CONFLICT (rule_type, value) DO UPDATE SET score = excluded.score;

UPDATE checklists SET kinds = '["caterer","unit_canteen","central_kitchen","group_meal"]'
WHERE code = 'catering' AND kinds = '["caterer","unit_canteen","central_kitchen"]';

ANALYZE entities;
