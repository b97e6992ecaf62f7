-- Food business licences under the commitment system (告知承诺制, issue 17): the business applies (new,
-- change, renew, cancel) signing every commitment item; the county issues at once on the commitment (the
-- JY number, valid licence_valid_years); the township verifies on site within licence_verify_days working
-- days of issuance (consistent, or inconsistent: the business is ordered to correct, correct_due).
CREATE TABLE licence_commitment_items (
    code TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    sort INTEGER NOT NULL
);
INSERT INTO licence_commitment_items(code, text, sort) VALUES
    ('LC-01', '所填报的申请材料真实、合法、有效，复印件与原件一致', 1),
    ('LC-02', '经营场所与有毒、有害场所以及其他污染源保持规定的距离', 2),
    ('LC-03', '具有与经营的食品品种、数量相适应的经营设备或者设施', 3),
    ('LC-04', '配备食品安全管理人员，建立并执行食品安全管理制度', 4),
    ('LC-05', '从事接触直接入口食品工作的人员持有有效健康证明', 5),
    ('LC-06', '接受发证后的现场核查，核查不符的按要求整改，承担虚假承诺的法律责任', 6);

CREATE TABLE licence_applications (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('new', 'change', 'renew', 'cancel')),
    status         TEXT NOT NULL CHECK (status IN ('submitted', 'refused', 'issued')),
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    division_code  TEXT NOT NULL,          -- the business's division when filed: the township's scope
    business_type  TEXT NOT NULL CHECK (business_type IN ('1', '2', '3')),  -- 1 sales, 2 catering, 3 canteen
    name           TEXT NOT NULL,
    address        TEXT NOT NULL,
    commitments    TEXT NOT NULL,          -- JSON [code, ...]: every licence_commitment_items code, signed
    signer         TEXT NOT NULL,          -- who signed the commitments for the business
    note           TEXT,
    submitted_on   TEXT NOT NULL,
    licence_no     TEXT,
    issued_on      TEXT,
    valid_until    TEXT,
    decision_note  TEXT,
    decided_by     INTEGER REFERENCES users(id),
    decided_at     INTEGER,
    verify_due     TEXT,                   -- the on-site verification by this day (new, change, renew)
    verify_provisional INTEGER NOT NULL DEFAULT 0,
    verify_result  TEXT CHECK (verify_result IN ('consistent', 'inconsistent')),
    verify_note    TEXT,
    verified_by    INTEGER REFERENCES users(id),
    verified_on    TEXT,
    correct_due    TEXT,                   -- inconsistent: the correction by this day
    overdue_at     INTEGER,                -- the sweep found verify_due passed
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX licence_applications_division ON licence_applications(division_code, id);
CREATE INDEX licence_applications_entity ON licence_applications(entity_id, id);
-- one application of a business waits for the county's decision at a time
CREATE UNIQUE INDEX licence_applications_open ON licence_applications(entity_id) WHERE status = 'submitted';
CREATE INDEX licence_applications_verify ON licence_applications(verify_due, id);

-- The serial of JY numbers per business type and county (JY + type + 6-digit county + serial6 + check).
CREATE TABLE licence_serials (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
);

INSERT INTO settings(key, value) VALUES
    ('licence_verify_days', '20'),   -- working days after issuance for the on-site verification
    ('licence_correct_days', '10'),  -- working days to correct after an inconsistent verification
    ('licence_valid_years', '5'),    -- a food business licence's years of validity
    ('licence_expiry_days', '30');   -- licences ending within this many days are reminded
