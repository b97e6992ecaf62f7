-- Evidence preserved by registration and goods seized in a case (issue 13; 市场监督管理行政处罚程序规定
-- Art 33: 先行登记保存, a decision on what was preserved within 7 working days; 行政强制法 Art 25: 查封、扣押
-- for 30 days, +30 once with approval).
CREATE TABLE case_measures (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL CHECK (kind IN ('preservation', 'seizure')),
    items      TEXT NOT NULL,                     -- what, how much, where kept
    decided_on TEXT NOT NULL,
    due_on     TEXT NOT NULL,                     -- preservation: the decision on it; seizure: its end
    extended   INTEGER NOT NULL DEFAULT 0,
    ended_on   TEXT,
    outcome    TEXT,                              -- returned, seized, confiscated, released, …
    note       TEXT
);
CREATE INDEX case_measures_case ON case_measures(case_id, id);
