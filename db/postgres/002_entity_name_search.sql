-- PostgreSQL's form of db/002: business names found by substring through a pg_trgm GIN index (the
-- dialect's name search, store/postgres_dialect.c, is a LIKE with the needle's own wildcards escaped)
-- instead of SQLite's FTS5 trigram table and its triggers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entities_name_trgm ON entities USING gin (name gin_trgm_ops);
CREATE INDEX entities_uscc_all ON entities(uscc);
CREATE INDEX entities_licence_all ON entities(licence_no);
