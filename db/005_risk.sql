-- Risk grading A-D (2016 trial measures): static factors out of 40, dynamic out of 60. The tables
-- of scores and the bands are data a bureau can change; every grade keeps its reasons and history.

CREATE TABLE risk_static_rules (
    rule_type TEXT NOT NULL CHECK (rule_type IN ('kind', 'category', 'scale')),
    value     TEXT NOT NULL,
    score     INTEGER NOT NULL CHECK (score BETWEEN 0 AND 40),
    PRIMARY KEY (rule_type, value)
);
INSERT INTO risk_static_rules(rule_type, value, score) VALUES
    ('kind', 'central_kitchen', 32), ('kind', 'school_canteen', 32), ('kind', 'producer', 24),
    ('kind', 'unit_canteen', 24), ('kind', 'workshop', 20), ('kind', 'caterer', 16),
    ('kind', 'seller', 10), ('kind', 'stall', 8),
    -- the highest category that applies counts when it is above the kind's score
    ('category', '乳制品', 35), ('category', '肉制品', 32), ('category', '特殊食品', 32),
    ('category', '婴幼儿配方食品', 38), ('category', '保健食品', 32), ('category', '生食类', 28),
    ('category', '冷食类', 22), ('category', '冷藏冷冻食品', 16), ('category', '散装食品', 12),
    -- added for the size of the business, capped at 40 in all
    ('scale', 'large', 6), ('scale', 'medium', 3), ('scale', 'small', 0), ('scale', 'micro', 0);

INSERT INTO settings(key, value) VALUES
    ('risk_band_a', '30'),             -- score <= 30: A
    ('risk_band_b', '45'),             -- <= 45: B
    ('risk_band_c', '60'),             -- <= 60: C; above: D
    ('risk_key_item_failed', '6'),     -- dynamic points for each failed key item (last 2 years)
    ('risk_general_item_failed', '2'), -- for each failed general item
    ('risk_inspection_failed', '10'),  -- for each inspection whose result was fail
    ('risk_order_escalated', '5'),     -- for each rectification order that ran past its deadline
    ('visits_a', '1'), ('visits_b', '2'), ('visits_c', '3'), ('visits_d', '4'); -- inspections a year

CREATE TABLE entity_grades (
    entity_id     INTEGER PRIMARY KEY REFERENCES entities(id),
    grade         TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
    score         INTEGER NOT NULL,
    static_score  INTEGER NOT NULL,
    dynamic_score INTEGER NOT NULL,
    reasons       TEXT NOT NULL,       -- JSON array of {factor, points, detail}
    graded_at     INTEGER NOT NULL
);
CREATE INDEX entity_grades_grade ON entity_grades(grade);

CREATE TABLE entity_grade_history (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    grade         TEXT NOT NULL,
    score         INTEGER NOT NULL,
    reasons       TEXT NOT NULL,
    cause         TEXT NOT NULL,       -- what triggered the regrade: inspection, escalation, regrade ...
    graded_at     INTEGER NOT NULL
);
CREATE INDEX entity_grade_history_entity ON entity_grade_history(entity_id, id);
