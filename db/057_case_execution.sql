-- Execution of an unpaid fine (issue 13 "execution"; 行政强制法 Art 53): once the time to seek review or
-- sue (six months from service) has passed and the fine is still unpaid, the bureau applies to the court
-- within three months; the case is closed when the court has executed it.
ALTER TABLE cases ADD COLUMN enforcement_applied_on TEXT;
