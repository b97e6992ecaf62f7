-- When a device token was last used (to the minute: the front door writes it at most once a minute per
-- token), so an official sees which devices still call in before revoking or rotating.
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
