-- Food-safety directors and officers (食品安全总监 / 食品安全员; SAMR Order 60, 2022, 《企业落实食品安全
-- 主体责任监督管理规定》, and the rules for the bureau's 监督抽查考核 of their knowledge): appointments per
-- business, and spot exams drawn from the question bank shipped in data/people/exam-questions.json. An
-- exam keeps its seed and the questions drawn (ids in order), so it can be replayed; answers are scored by
-- the server when submitted and the answer key never leaves it before.
CREATE TABLE fs_appointments (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    division_code TEXT NOT NULL REFERENCES divisions(code),
    role          TEXT NOT NULL CHECK (role IN ('director', 'officer')),
    name          TEXT NOT NULL,
    phone         TEXT,
    user_id       INTEGER REFERENCES users(id),       -- the business's account that takes the exams
    appointed_on  TEXT NOT NULL,
    ended_on      TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX fs_appointments_entity ON fs_appointments(entity_id, ended_on);

CREATE TABLE fs_exams (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES fs_appointments(id),
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    division_code  TEXT NOT NULL REFERENCES divisions(code),
    seed           INTEGER NOT NULL,
    questions      TEXT NOT NULL,      -- JSON array of question ids in the order drawn
    attempt        INTEGER NOT NULL,   -- 1, then each re-take
    status         TEXT NOT NULL CHECK (status IN ('open', 'submitted')),
    due_at         INTEGER NOT NULL,   -- epoch ms: answers after it are refused
    answers        TEXT,               -- JSON object question id → answer
    score          INTEGER,
    passed         INTEGER,
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    submitted_at   INTEGER
);
CREATE INDEX fs_exams_appointment ON fs_exams(appointment_id, attempt);
CREATE INDEX fs_exams_division ON fs_exams(division_code, status);

INSERT INTO settings(key, value) VALUES ('exam_questions', '20');
INSERT INTO settings(key, value) VALUES ('exam_pass_score', '80');
INSERT INTO settings(key, value) VALUES ('exam_hours', '72');
INSERT INTO settings(key, value) VALUES ('exam_max_attempts', '3');

-- Staff health certificates (健康证明, 食品安全法 Art 45: those who handle food ready to eat are examined
-- every year): one row a certificate; a renewal is a new row; removed when the person leaves. The sweep
-- reminds the business through the outbox once, health_cert_remind_days before the end; its to-do list
-- shows those ending within 30 days.
CREATE TABLE fs_health_certs (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    division_code TEXT NOT NULL REFERENCES divisions(code),
    person_name   TEXT NOT NULL,
    cert_no       TEXT NOT NULL,
    issuer        TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    valid_until   TEXT NOT NULL,
    removed_on    TEXT,
    reminded_on   TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX fs_health_certs_entity ON fs_health_certs(entity_id, removed_on);
CREATE INDEX fs_health_certs_until ON fs_health_certs(valid_until, removed_on);

INSERT INTO settings(key, value) VALUES ('health_cert_remind_days', '30');
