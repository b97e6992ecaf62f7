-- The registry search counts its matches no further than this (issue 16): past it the first page says
-- "10000+" instead of counting a province's million rows on every search. 0 counts every match.
INSERT INTO settings(key, value) VALUES ('list_total_cap', '10000');
