-- Night: cameras switch to grey infrared pictures after dark, when strangers and pests matter, and a
-- detector trained on colour photos scores the same animal lower in grey (scripts/night-scores.mjs, README:
-- the test video's dog .60 in colour, .41 in grey; the person .68 either way). A rule may set its own minimum score for observations made on
-- a grey (infrared) picture; NULL: min_score applies day and night. An observation says whether its
-- picture was grey (shian-vision sees it in the frame's colour; an AI box may say so).
ALTER TABLE alert_rules ADD COLUMN night_min_score REAL CHECK (night_min_score IS NULL OR night_min_score BETWEEN 0 AND 1);
UPDATE alert_rules SET night_min_score = 0.35 WHERE violation = 'animal';
ALTER TABLE observations ADD COLUMN night INTEGER NOT NULL DEFAULT 0;
