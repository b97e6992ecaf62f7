-- Credit repair of a published penalty (issue 13 "Credit"; 国市监信规〔2021〕3号 市场监督管理信用修复管理
-- 办法): asked for once the shortest period has passed (1 year for food, 6 months otherwise, from
-- publication), granted when the penalty was performed, the harm removed, the violation not repeated and
-- the business is on neither the abnormal-operations nor the serious-dishonesty list; never for a
-- suspension or a revocation. A repaired penalty is no longer shown.
ALTER TABLE cases ADD COLUMN repair_applied_on TEXT;
ALTER TABLE cases ADD COLUMN repaired_on TEXT;
ALTER TABLE cases ADD COLUMN repair_refused_on TEXT;
