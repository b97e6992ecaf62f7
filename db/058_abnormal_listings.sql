-- 经营异常名录 (企业信息公示暂行条例 Art 17; 企业经营异常名录管理办法): the registration authority lists a
-- business for one of four reasons and takes it off when the reason is cured. Credit repair of a published
-- penalty requires that the business is on neither this list nor the serious-dishonesty list (国市监信规
-- 〔2021〕3号), and a listing shows as a credit flag wherever the business appears. A listing still open
-- after 3 years qualifies for the serious-dishonesty list (SAMR Order 44); the view says so.
CREATE TABLE abnormal_listings (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    division_code TEXT NOT NULL REFERENCES divisions(code),
    reason        TEXT NOT NULL CHECK (reason IN ('annual_report', 'disclosure', 'false_info', 'unreachable')),
    decision_no   TEXT NOT NULL,
    listed_on     TEXT NOT NULL,
    facts         TEXT NOT NULL,
    removed_on    TEXT,
    removal_note  TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX abnormal_listings_entity ON abnormal_listings(entity_id, removed_on);
