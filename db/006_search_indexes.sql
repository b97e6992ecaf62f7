-- Counting a county's businesses of one kind or status reads only these indexes (a range of
-- division codes within the kind), instead of looking up every row.
CREATE INDEX entities_kind_division ON entities(kind, division_code);
CREATE INDEX entities_status_division ON entities(status, division_code);
ANALYZE;
