-- The holiday calendar a bureau keeps. 《全国年节及纪念日放假办法》 fixes the public holidays of every
-- year (computed, not stored); the State Council's yearly notice fixes that year's days off and its
-- adjusted working weekends (调休), and is loaded here as data, one row per year. A year without a
-- notice counts on the fixed holidays alone, and its deadlines are provisional.
DROP TABLE calendar_days;

CREATE TABLE calendar_notices (
    year      INTEGER PRIMARY KEY,
    source    TEXT NOT NULL,             -- the notice, e.g. 国办发明电〔2024〕12号
    revision  INTEGER NOT NULL,          -- raised at every load: caches compare the sum
    loaded_at INTEGER NOT NULL,
    loaded_by TEXT NOT NULL
);

-- A notice's days: days off (also weekdays) and weekend days worked. A notice may name days of the
-- neighbouring year (the 2024 notice gave 2023-12-30 and 31 for 元旦).
CREATE TABLE calendar_notice_days (
    year INTEGER NOT NULL REFERENCES calendar_notices(year),
    date TEXT NOT NULL,                  -- YYYY-MM-DD
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL,
    PRIMARY KEY (year, date)
);
CREATE INDEX calendar_notice_days_date ON calendar_notice_days(date);
