-- Risk rules as the national texts say (issue 10).
--
-- Serious-dishonesty listings (严重违法失信名单, 《市场监督管理严重违法失信名单管理办法》, SAMR Order 44,
-- 2021). The credit area fills this table (its own issue); risk/ only reads it: a business with a
-- listing in force is graded D whatever its score (DOMAIN.md "Risk grading": "a serious-dishonesty
-- listing moves a business straight to D", configurable by the setting risk_dishonesty_grade_d).
CREATE TABLE credit_listings (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    list_kind   TEXT NOT NULL DEFAULT 'serious_dishonesty' CHECK (list_kind IN ('serious_dishonesty')),
    reason      TEXT NOT NULL,        -- the facts, as the listing decision states them
    decision_no TEXT,                 -- the listing decision's document number
    listed_at   INTEGER NOT NULL,     -- epoch ms: in force from
    ends_at     INTEGER,              -- epoch ms: in force until (3 years by default); NULL: open
    removed_at  INTEGER,              -- epoch ms: removed early (credit repair), NULL: not removed
    created_at  INTEGER NOT NULL
);
CREATE INDEX credit_listings_entity ON credit_listings(entity_id, listed_at);

INSERT INTO settings(key, value) VALUES
    ('risk_dishonesty_grade_d', '1');  -- 1: a serious-dishonesty listing in force grades the business D; 0: off
