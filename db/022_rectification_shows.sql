-- A rectification order carries what it shows: the picture its finding came from and where in it.
-- The area that opens an order passes them (a video alert its snapshot and box, an online patrol
-- the camera's picture), so the shared loop reads no area's tables. Orders opened before this
-- migration take them from their source once, here.
ALTER TABLE rectifications ADD COLUMN snapshot_id INTEGER;   -- an attachment
ALTER TABLE rectifications ADD COLUMN box TEXT;             -- JSON [x, y, w, h], fractions of the picture

UPDATE rectifications
   SET snapshot_id = (SELECT a.snapshot_id FROM alerts a WHERE a.id = rectifications.source_id),
       box = (SELECT a.box FROM alerts a WHERE a.id = rectifications.source_id)
 WHERE source_type = 'video_alert';
UPDATE rectifications
   SET snapshot_id = (SELECT p.snapshot_id FROM patrol_tasks p WHERE p.id = rectifications.source_id)
 WHERE source_type = 'patrol';
