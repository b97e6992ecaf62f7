-- Publication of penalties (issue 13 "Credit"; 市场监督管理行政处罚信息公示规定): a decision is published
-- within 20 working days, shown 3 months when it is a warning (通报批评) or a fine below the provincial
-- threshold (setting credit_small_fine), else 3 years; withdrawn within 3 working days when the decision is
-- overturned (revoked by review or a court).
ALTER TABLE cases ADD COLUMN publish_due TEXT;
ALTER TABLE cases ADD COLUMN published_on TEXT;
ALTER TABLE cases ADD COLUMN publish_until TEXT;
ALTER TABLE cases ADD COLUMN overturned_on TEXT;
ALTER TABLE cases ADD COLUMN withdraw_due TEXT;
ALTER TABLE cases ADD COLUMN withdrawn_on TEXT;
CREATE INDEX cases_published ON cases(published_on);

INSERT INTO settings(key, value) VALUES ('credit_small_fine', '10000');
