-- The order in which violation types are shown (the order of 011_video.sql), as a column both
-- SQLite and PostgreSQL keep, instead of SQLite's implicit rowid.
ALTER TABLE violation_types ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE violation_types SET position = CASE code
    WHEN 'no_mask' THEN 1 WHEN 'no_hat' THEN 2 WHEN 'no_uniform' THEN 3 WHEN 'smoking' THEN 4
    WHEN 'phone' THEN 5 WHEN 'animal' THEN 6 WHEN 'stranger' THEN 7 WHEN 'open_bin' THEN 8 ELSE 100 END;
