-- The pledge (包保责任承诺书) as a record: which official signed it for which business, when, and the
-- very text (and template version) signed. The county keeps the template; a new version asks for a
-- new signature, old signatures keep their text.
CREATE TABLE duty_pledge_templates (
    version    INTEGER PRIMARY KEY,
    text       TEXT NOT NULL,   -- {official}, {level} and {entity} are filled in when signed
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
INSERT INTO duty_pledge_templates(version, text, created_at) VALUES (1,
    '本人{official}作为{entity}的{level}食品安全包保责任人，郑重承诺：按规定频次开展包保督导，'
    || '督促企业落实食品安全主体责任（日管控、周排查、月调度），发现问题及时督促整改并跟踪到位，'
    || '如实记录包保工作情况，对失职失责行为承担相应责任。', 0);

CREATE TABLE duty_pledges (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES duty_officials(id),
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),   -- the signer: always the official in charge
    version       INTEGER NOT NULL,   -- template version; 0: signed before pledges were kept as records
    text          TEXT NOT NULL,      -- the text as signed
    signed_at     INTEGER NOT NULL,
    UNIQUE (assignment_id, version)
);
CREATE INDEX duty_pledges_entity ON duty_pledges(entity_id);

-- the old flag becomes a record whose text was not kept
INSERT INTO duty_pledges(assignment_id, entity_id, user_id, version, text, signed_at)
    SELECT o.id, o.entity_id, o.user_id, 0, '（本承诺书签署于系统记录承诺书原文之前，原文未存档）', o.assigned_at
    FROM duty_officials o JOIN duty_assignments a ON a.entity_id = o.entity_id AND a.user_id = o.user_id
    WHERE a.pledge_signed = 1;

DROP TABLE duty_assignments;
