-- Serious-dishonesty listing from a case (issue 13 "Credit"; 市场监督管理严重违法失信名单管理办法, SAMR
-- Order 44): a benchmark says whether its violation can lead to the list (Art 5 for food); a listing
-- follows a heavier penalty (Art 10: a fine at the upper range by the benchmark, a suspension, a
-- revocation), is told to the party with 5 working days to answer or ask a hearing, lasts 3 years, and may
-- end early after 1 year (Art 18). The listing itself is credit_listings (db/024), which grades D.
ALTER TABLE discretion_rules ADD COLUMN listable INTEGER NOT NULL DEFAULT 0;
UPDATE discretion_rules SET listable = 1 WHERE code IN ('fsl122', 'fsl123', 'fsl124', 'fsl124b');
ALTER TABLE cases ADD COLUMN listing_notified_on TEXT;
ALTER TABLE cases ADD COLUMN listing_answer_due TEXT;
ALTER TABLE cases ADD COLUMN listing_id INTEGER REFERENCES credit_listings(id);
