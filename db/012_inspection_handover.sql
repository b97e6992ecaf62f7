-- The written result of an inspection is handed over on site (SAMR Order 49): who of the business
-- signed for it, and the business's own acknowledgement (签收) in its account.
ALTER TABLE inspections ADD COLUMN received_by TEXT;       -- the business's person who signed on site
ALTER TABLE inspections ADD COLUMN acknowledged_at INTEGER; -- the business user confirmed receipt, epoch ms
ALTER TABLE inspections ADD COLUMN acknowledged_by INTEGER REFERENCES users(id);
