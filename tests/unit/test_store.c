/* The storage layer: migrations, statement cache, conflicts, transactions, jurisdiction ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/qb.h"
#include "store/scope.h"
#include "store/store.h"

static void migrations_apply_once(void **state)
{
    (void)state;
    char path[] = "/tmp/shian-store-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    sh_db *db;
    sh_err err = {0};
    int applied = -1, version = 0;
    assert_int_equal(sh_db_open(path, &db, &err), 0);
    assert_int_equal(sh_migrate(db, &applied, &err), 0);
    assert_int_equal(applied, sh_migrations_count);
    assert_int_equal(sh_schema_version(db, &version, &err), 0);
    assert_int_equal(version, sh_migrations[sh_migrations_count - 1].version);
    int64_t keep = -1; /* the audit log is a legal record: kept for ever unless a bureau sets a retention */
    assert_int_equal(sh_db_query_int64(db, "SELECT value FROM settings WHERE key = 'audit_retention_months'", -1, &keep, &err), 0);
    assert_int_equal(keep, 0);
    sh_db_close(db);
    assert_int_equal(sh_db_open(path, &db, &err), 0);
    assert_int_equal(sh_migrate(db, &applied, &err), 0);
    assert_int_equal(applied, 0);
    sh_db_close(db);
    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

static void cache_survives_many_statements_in_use(void **state)
{
    (void)state;
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    /* hold three statements while 300 distinct others cycle through the cache */
    sh_stmt *held[3];
    for (int i = 0; i < 3; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT %d + ?", i * 1000);
        held[i] = sh_db_prepare(db, sql, &err);
        assert_non_null(held[i]);
        sh_bind_int64(held[i], 1, 1);
    }
    for (int i = 0; i < 300; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT %d", i);
        sh_stmt *st = sh_db_prepare(db, sql, &err);
        assert_non_null(st);
        assert_int_equal(sh_stmt_step(st, &err), SH_ROW);
        assert_int_equal(sh_col_int64(st, 0), i);
        sh_stmt_done(st);
    }
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sh_stmt_step(held[i], &err), SH_ROW);
        assert_int_equal(sh_col_int64(held[i], 0), i * 1000 + 1);
        sh_stmt_done(held[i]);
    }
    sh_db_close(db);
}

static void conflicts_and_rollback(void **state)
{
    (void)state;
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    assert_int_equal(sh_db_exec(db, "CREATE TABLE t(k TEXT UNIQUE)", &err), 0);
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO t VALUES (?)", &err);
    sh_bind_text(st, 1, "a");
    assert_int_equal(sh_stmt_step(st, &err), SH_DONE);
    sh_stmt_done(st);
    st = sh_db_prepare(db, "INSERT INTO t VALUES (?)", &err);
    sh_bind_text(st, 1, "a");
    assert_int_equal(sh_stmt_step(st, &err), SH_EEXIST);
    sh_stmt_done(st);
    assert_int_equal(sh_db_begin(db, &err), 0);
    assert_int_equal(sh_db_exec(db, "INSERT INTO t VALUES ('b')", &err), 0);
    sh_db_rollback(db);
    int64_t n;
    assert_int_equal(sh_db_query_int64(db, "SELECT count(*) FROM t", -1, &n, &err), 0);
    assert_int_equal(n, 1);
    /* a value that looks like SQL stays a value */
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM t WHERE k = ");
    sh_qb_text(&qb, "a' OR '1'='1");
    st = sh_qb_prepare(db, &qb, &err);
    sh_qb_release(&qb);
    assert_int_equal(sh_stmt_step(st, &err), SH_ROW);
    assert_int_equal(sh_col_int64(st, 0), 0);
    sh_stmt_done(st);
    sh_db_close(db);
}

static void division_prefix_ranges(void **state)
{
    (void)state;
    char p[13];
    sh_division_prefix("360799", p);
    assert_string_equal(p, "360799");
    sh_division_prefix("360799101000", p);
    assert_string_equal(p, "360799101");
    sh_division_prefix("360799101201", p);
    assert_string_equal(p, "360799101201");
    sh_scope s = {.kind = SH_SCOPE_DIVISION};
    strcpy(s.prefix, "360799101");
    assert_true(sh_scope_covers_division(&s, "360799101201"));
    assert_false(sh_scope_covers_division(&s, "360799102201"));
    assert_false(sh_scope_covers_division(&s, "360799"));
    sh_scope none = {.kind = SH_SCOPE_NONE};
    assert_false(sh_scope_covers_division(&none, "360799101201"));
    /* the range predicate matches exactly the codes under the prefix */
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    assert_int_equal(sh_db_exec(db, "CREATE TABLE e(id INTEGER PRIMARY KEY, division_code TEXT);"
                                    "INSERT INTO e(division_code) VALUES ('360799101000'), ('360799101201'),"
                                    " ('360799102201'), ('3607991019'), ('36079910'), ('360799101999');",
                                &err),
                     0);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM e WHERE 1");
    sh_scope_entities(&qb, &s, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, &err);
    sh_qb_release(&qb);
    assert_int_equal(sh_stmt_step(st, &err), SH_ROW);
    assert_int_equal(sh_col_int64(st, 0), 4); /* 101000, 101201, 1019, 101999 */
    sh_stmt_done(st);
    sh_db_close(db);
}

/* What shian migrate --to copies by: a table's columns, key and foreign keys; a value's storage class. */
static void layout_and_value_kinds(void **state)
{
    (void)state;
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    assert_int_equal(sh_db_exec(db, "CREATE TABLE p(code TEXT, n INTEGER, PRIMARY KEY (n, code));"
                                    "CREATE TABLE c(id INTEGER PRIMARY KEY, up INTEGER REFERENCES c(id), p_n INTEGER, p_code TEXT,"
                                    " x REAL, b BLOB, twice INTEGER GENERATED ALWAYS AS (id * 2),"
                                    " FOREIGN KEY (p_n, p_code) REFERENCES p(n, code));"
                                    "INSERT INTO c(id, x, b, p_code) VALUES (7, 1.5, x'00ff', 'text');",
                                &err),
                     0);
    sh_table_layout l;
    assert_int_equal(sh_db_table_layout(db, "p", &l, &err), 0);
    assert_int_equal(l.ncols, 2);
    assert_string_equal(l.cols[0], "code");
    assert_int_equal(l.pk[0], 2); /* second in the key */
    assert_int_equal(l.pk[1], 1);
    assert_int_equal(l.nrefs, 0);
    sh_table_layout_free(&l);
    assert_int_equal(sh_db_table_layout(db, "c", &l, &err), 0);
    assert_int_equal(l.ncols, 6); /* the generated column cannot be inserted: left out */
    assert_int_equal(l.pk[0], 1);
    assert_int_equal(l.nrefs, 3);
    int self = 0, parent = 0;
    for (int i = 0; i < l.nrefs; i++) {
        self += !strcmp(l.refs[i], "c") && !strcmp(l.ref_cols[i], "up");
        parent += !strcmp(l.refs[i], "p");
    }
    assert_int_equal(self, 1);
    assert_int_equal(parent, 2); /* one a column of the composite key */
    sh_table_layout_free(&l);
    assert_int_equal(sh_db_table_layout(db, "nope", &l, &err), SH_EINVAL);

    sh_stmt *st = sh_db_prepare(db, "SELECT id, up, x, p_code, b FROM c", &err);
    assert_int_equal(sh_stmt_step(st, &err), SH_ROW);
    static const enum sh_col_type kinds[] = {SH_COL_INT, SH_COL_NULL, SH_COL_REAL, SH_COL_TEXT, SH_COL_BLOB};
    for (int c = 0; c < 5; c++)
        assert_int_equal(sh_col_type(st, c), kinds[c]);
    sh_stmt_done(st);
    sh_db_close(db);
}

static int64_t count_audit(sh_db *db, const char *where)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE %s", where);
    sh_err err = {0};
    int64_t n = -1;
    assert_int_equal(sh_db_query_int64(db, sql, -1, &n, &err), 0);
    return n;
}

/* On SQLite the audit log stays one table: no retention keeps every row; a retention of 60 months in
 * December 2026 keeps from 2021-12-01 00:00 Beijing time, deleting what is older in batches. */
static void audit_retention_on_one_table(void **state)
{
    (void)state;
    const int64_t dec_7_2026 = 1796572800000LL, dec_1_2021 = 1638288000000LL; /* 00:00 Beijing time */
    assert_int_equal(sh_audit_retention_start_ms(dec_7_2026, 60), dec_1_2021);
    assert_int_equal(sh_audit_retention_start_ms(dec_7_2026, 1), 1793462400000LL); /* 2026-11-01 */
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    assert_int_equal(sh_db_exec(db, "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL);"
                                    /* 5001 rows before the window: more than one batch */
                                    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5001)"
                                    " INSERT INTO audit_log(at, actor) SELECT 1638287999999 - i, 'old' FROM k;"
                                    "INSERT INTO audit_log(at, actor) VALUES (1638288000000, 'window'), (1796572800000, 'today')",
                                 &err),
                     0);
    sh_partition_report rep;
    assert_int_equal(sh_db_maintain_partitions(db, dec_7_2026, 0, &rep, &err), 0);
    assert_int_equal(rep.deleted + rep.created + rep.dropped, 0);
    assert_int_equal(count_audit(db, "1"), 5003);
    assert_int_equal(sh_db_maintain_partitions(db, dec_7_2026, 60, &rep, &err), 0);
    assert_int_equal(rep.deleted, 5001);
    assert_int_equal(rep.created + rep.dropped, 0);
    assert_int_equal(count_audit(db, "actor = 'old'"), 0);
    assert_int_equal(count_audit(db, "actor IN ('window', 'today')"), 2);
    assert_int_equal(sh_db_maintain_partitions(db, dec_7_2026, 1, &rep, &err), 0); /* never the current month */
    assert_int_equal(count_audit(db, "actor = 'today'"), 1);
    sh_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_apply_once),
        cmocka_unit_test(cache_survives_many_statements_in_use),
        cmocka_unit_test(conflicts_and_rollback),
        cmocka_unit_test(division_prefix_ranges),
        cmocka_unit_test(layout_and_value_kinds),
        cmocka_unit_test(audit_retention_on_one_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
