-- Substring search on business names at county-to-province scale: a trigram full-text index
-- kept in step with entities by triggers. Queries of fewer than 3 characters fall back to instr().
CREATE VIRTUAL TABLE entities_name_fts USING fts5(name, content='entities', content_rowid='id', tokenize='trigram');
CREATE TRIGGER entities_name_fts_ai AFTER INSERT ON entities BEGIN
    INSERT INTO entities_name_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER entities_name_fts_ad AFTER DELETE ON entities BEGIN
    INSERT INTO entities_name_fts(entities_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER entities_name_fts_au AFTER UPDATE OF name ON entities BEGIN
    INSERT INTO entities_name_fts(entities_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO entities_name_fts(rowid, name) VALUES (new.id, new.name);
END;
INSERT INTO entities_name_fts(entities_name_fts) VALUES ('rebuild');
CREATE INDEX entities_uscc_all ON entities(uscc);
CREATE INDEX entities_licence_all ON entities(licence_no);
