-- Monthly and quarterly reports a bureau sends upward (issue 15): the figures of a period for the county or
-- one township, as the PDF and the Excel workbook that were sent, kept byte for byte in the database (so
-- the backup carries them and a report once sent is fetched again unchanged). generated_by NULL: made by
-- the schedule, whose key (schedule:<division>:<period>) keeps it to one report a period.
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('month', 'quarter')),
    period        TEXT NOT NULL,
    division_code TEXT NOT NULL REFERENCES divisions(code),
    title         TEXT NOT NULL,
    figures       TEXT NOT NULL,
    pdf           BYTEA NOT NULL,
    pdf_size      INTEGER NOT NULL,
    xlsx          BYTEA NOT NULL,
    xlsx_size     INTEGER NOT NULL,
    generated_by  INTEGER REFERENCES users(id),
    schedule_key  TEXT UNIQUE,
    generated_at  INTEGER NOT NULL
);
CREATE INDEX reports_division ON reports(division_code, generated_at);
