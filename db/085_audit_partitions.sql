-- How long the audit log is kept (issue 16), in months before the current one: 0 keeps it for ever
-- (the default: the audit log is a legal record); a bureau may set e.g. 60. The sweep deletes rows
-- older than the first day of the window once a day. On SQLite audit_log stays one table; PostgreSQL
-- partitions it by month instead (db/postgres/085_audit_partitions.sql) and drops whole months.
INSERT INTO settings(key, value) VALUES ('audit_retention_months', '0');
