-- PostgreSQL's form of db/043 (read it for the why): rectifications.source_type admits 'sample', the
-- CHECK changed in place where SQLite rebuilds the table.
ALTER TABLE rectifications DROP CONSTRAINT rectifications_source_type_check;
ALTER TABLE rectifications ADD CONSTRAINT rectifications_source_type_check
    CHECK (source_type IN ('inspection', 'duty_visit', 'video_alert', 'patrol', 'sample'));
