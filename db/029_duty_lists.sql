-- The lists an official works from for a business (包保 "三张清单"): 问题清单 (problems found, each
-- with a status, linked to its rectification order when opened from a visit) and 责任清单 (the
-- official's responsibilities, from a template per level the county keeps). 整改清单 is no table: it
-- is the business's rectification orders as the loop has them.
CREATE TABLE duty_responsibility_templates (
    id       INTEGER PRIMARY KEY,
    level    TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL
);
INSERT INTO duty_responsibility_templates(level, position, text) VALUES
    ('county', 1, '每季度至少督导一次，检查企业食品安全主体责任落实情况'),
    ('county', 2, '督促落实日管控、周排查、月调度工作机制'),
    ('county', 3, '督办乡镇级、村级包保发现的重大问题整改'),
    ('township', 1, '每月至少督导一次，记录督导情况'),
    ('township', 2, '检查食品安全总监、安全员配备及履职情况'),
    ('township', 3, '督促问题整改到位，整改情况录入整改清单'),
    ('village', 1, '每月至少巡查两次，发现问题及时报告'),
    ('village', 2, '协助乡镇开展宣传和隐患排查');

CREATE TABLE duty_items (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    list          TEXT NOT NULL CHECK (list IN ('problem', 'responsibility')),
    assignment_id INTEGER REFERENCES duty_officials(id),   -- responsibility: whose
    text          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'active', 'retired')),
    visit_id      INTEGER REFERENCES duty_visits(id),      -- problem: the visit it was found on
    order_id      INTEGER REFERENCES rectifications(id),   -- problem: its rectification order
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX duty_items_entity ON duty_items(entity_id, list, id);

-- the officials already in charge get their level's responsibilities; past visits' problems are listed
INSERT INTO duty_items(entity_id, list, assignment_id, text, status, created_at, updated_at)
    SELECT o.entity_id, 'responsibility', o.id, t.text, 'active', o.assigned_at, o.assigned_at
    FROM duty_officials o JOIN duty_responsibility_templates t ON t.level = o.level ORDER BY o.id, t.position;
INSERT INTO duty_items(entity_id, list, text, status, visit_id, order_id, created_by, created_at, updated_at)
    SELECT v.entity_id, 'problem', r.title, CASE WHEN r.status = 'verified' THEN 'resolved' ELSE 'open' END,
           v.id, r.id, v.user_id, v.created_at, v.created_at
    FROM duty_visits v JOIN rectifications r ON r.id = v.order_id;
