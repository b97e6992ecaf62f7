-- The platform's own experimental checks (issue 19): where a shipped model makes a further check possible,
-- shian-vision may run it for a violation, off until the county turns it on in 规则设置. The only one so far
-- is no_mask: a face BlazeFace finds whose mouth band has the colour of its cheeks (src/vision/mask.c),
-- measured on package-shipped photos by scripts/mask-scores.mjs (README). Which violations have such a
-- check is the code's to say (domain/video/video_rules.c); the analyser reads the setting with the rules.
ALTER TABLE alert_rules ADD COLUMN platform_check INTEGER NOT NULL DEFAULT 0 CHECK (platform_check IN (0, 1));
