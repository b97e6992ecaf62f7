-- 包保 list items say who changed them last (created_by, created_at and updated_at exist), and the
-- county's duty templates (duty_responsibility_templates) say who changed them and when.
ALTER TABLE duty_items ADD COLUMN updated_by INTEGER REFERENCES users(id);
ALTER TABLE duty_responsibility_templates ADD COLUMN updated_by INTEGER REFERENCES users(id);
ALTER TABLE duty_responsibility_templates ADD COLUMN updated_at INTEGER;
