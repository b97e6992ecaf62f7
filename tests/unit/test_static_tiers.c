/* Migration 031 (db/031_static_tiers.sql): the entities table rebuilt for the new kind group_meal
 * (集体用餐配送单位; 2016 trial measures 《食品生产经营风险分级管理办法（试行）》 Art 8–9 and DOMAIN.md "Risk
 * grading": group-meal distributors are in the highest tier) on a database that already holds
 * businesses and rows that refer to them. What only rows can show: ids, children's foreign keys, the
 * name index, the inferred special foods, and a failed rebuild leaving the database as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

#define REBUILD_VERSION 31

/* A database migrated up to (not including) migration 031, with three businesses, a grade and a
 * user referring to them. */
static sh_db *db_before_rebuild(char path[32])
{
    snprintf(path, 32, "/tmp/shian-tiers-XXXXXX");
    int fd = mkstemp(path);
    close(fd);
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(path, &db, &err), 0);
    int v;
    assert_int_equal(sh_schema_version(db, &v, &err), 0);
    for (int i = 0; i < sh_migrations_count && sh_migrations[i].version < REBUILD_VERSION; i++) {
        assert_int_equal(sh_db_begin(db, &err), 0);
        assert_int_equal(sh_db_exec(db, sh_migrations[i].sql, &err), 0);
        char sql[128];
        snprintf(sql, sizeof sql, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (%d, 'x', 0)",
                 sh_migrations[i].version);
        assert_int_equal(sh_db_exec(db, sql, &err), 0);
        assert_int_equal(sh_db_commit(db, &err), 0);
    }
    assert_int_equal(sh_db_exec(db,
                                "INSERT INTO divisions(code, name, level) VALUES ('360799', '青禾县', 1);"
                                "INSERT INTO divisions(code, name, level, parent_code) VALUES ('360799100000', '城关镇', 2, '360799');"
                                "INSERT INTO entities(id, kind, name, division_code, categories, created_at, updated_at) VALUES"
                                " (7, 'seller', '城关母婴店', '360799100000', '[\"预包装食品\",\"婴幼儿配方食品\"]', 1, 1),"
                                " (8, 'caterer', '城关保健餐厅', '360799100000', '[\"热食类\",\"保健食品\"]', 1, 1),"
                                " (9, 'producer', '青禾生物科技有限公司', '360799100000', '[\"保健食品\"]', 1, 1);"
                                "INSERT INTO entity_grades(entity_id, grade, score, static_score, dynamic_score, reasons, graded_at)"
                                " VALUES (7, 'C', 50, 38, 12, '[]', 1);"
                                "INSERT INTO users(id, username, display_name, role, entity_id, password_hash, created_at)"
                                " VALUES (70, 'b7', '店主', 'business', 7, 'x', 1);",
                                &err),
                     0);
    return db;
}

static void db_gone(sh_db *db, const char *path)
{
    sh_db_close(db);
    char p[48];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static int64_t count(sh_db *db, const char *sql)
{
    int64_t n = -1;
    sh_err err = {0};
    assert_int_equal(sh_db_query_int64(db, sql, 0, &n, &err), 0);
    return n;
}

static void rebuild_keeps_rows_references_and_name_index(void **state)
{
    (void)state;
    char path[32];
    sh_db *db = db_before_rebuild(path);
    sh_err err = {0};
    int applied = 0;
    assert_int_equal(sh_migrate(db, &applied, &err), 0);
    assert_true(applied >= 1);
    /* the rows with their ids, their children still pointing at them */
    assert_int_equal(count(db, "SELECT count(*) FROM entities WHERE id IN (7, 8, 9)"), 3);
    assert_int_equal(count(db, "SELECT count(*) FROM entity_grades g JOIN entities e ON e.id = g.entity_id WHERE e.id = 7"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM users u JOIN entities e ON e.id = u.entity_id WHERE u.id = 70"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('entities_copy', 'risk_static_rules_copy')"), 0);
    /* every index and trigger of db/001, 002 and 006 again */
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'entities' AND type = 'index'"), 10);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'entities' AND type = 'trigger'"), 3);
    /* the name index finds old rows, and follows a rename and a new row */
    assert_int_equal(count(db, "SELECT count(*) FROM entities_name_fts WHERE entities_name_fts MATCH '母婴店'"), 1);
    assert_int_equal(sh_db_exec(db,
                                "UPDATE entities SET name = '城关孕婴店' WHERE id = 7;"
                                "INSERT INTO entities(id, kind, name, division_code, created_at, updated_at)"
                                " VALUES (10, 'group_meal', '青禾集体用餐配送中心', '360799100000', 2, 2);",
                                &err),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM entities_name_fts WHERE entities_name_fts MATCH '母婴店'"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM entities_name_fts WHERE entities_name_fts MATCH '孕婴店'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM entities_name_fts WHERE entities_name_fts MATCH '用餐配送'"), 1);
    /* the CHECK is the new one: group_meal accepted above, a made-up kind still refused */
    assert_int_not_equal(sh_db_exec(db,
                                    "INSERT INTO entities(kind, name, division_code, created_at, updated_at)"
                                    " VALUES ('canteen', 'x', '360799100000', 2, 2)",
                                    &err),
                         0);
    /* special foods inferred for the seller and the producer only (made or sold as such) */
    assert_int_equal(count(db, "SELECT count(*) FROM entities WHERE id = 7 AND special_foods = '[\"infant_formula\"]'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM entities WHERE id = 9 AND special_foods = '[\"health_food\"]'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM entities WHERE id = 8 AND special_foods IS NULL"), 1);
    /* the free-text categories no longer score special foods; the new rules do */
    assert_int_equal(count(db, "SELECT count(*) FROM risk_static_rules WHERE rule_type = 'category' AND value = '保健食品'"), 0);
    assert_int_equal(count(db, "SELECT score FROM risk_static_rules WHERE rule_type = 'kind' AND value = 'group_meal'"), 32);
    assert_int_equal(count(db, "SELECT score FROM risk_static_rules WHERE rule_type = 'canteen' AND value = 'hospital'"), 32);
    db_gone(db, path);
}

static void failed_rebuild_leaves_the_database_as_it_was(void **state)
{
    (void)state;
    char path[32];
    sh_db *db = db_before_rebuild(path);
    sh_err err = {0};
    /* an object in the way of the last index the rebuild creates: the migration fails after it has
     * dropped and refilled entities */
    assert_int_equal(sh_db_exec(db, "DROP INDEX entities_status_division; CREATE TABLE entities_status_division(x INTEGER);", &err), 0);
    int64_t master_before = count(db, "SELECT count(*) FROM sqlite_master");
    assert_int_not_equal(sh_migrate(db, NULL, &err), 0);
    int v = 0;
    assert_int_equal(sh_schema_version(db, &v, &err), 0);
    assert_int_equal(v, REBUILD_VERSION - 1);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master"), master_before);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('entities_copy', 'risk_static_rules_copy')"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM entities WHERE id IN (7, 8, 9)"), 3);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_table_info('entities') WHERE name = 'special_foods'"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'entities' AND type = 'trigger'"), 3);
    assert_int_equal(count(db, "SELECT count(*) FROM entity_grades WHERE entity_id = 7"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* the old CHECK still holds */
    assert_int_not_equal(sh_db_exec(db,
                                    "INSERT INTO entities(kind, name, division_code, created_at, updated_at)"
                                    " VALUES ('group_meal', 'x', '360799100000', 2, 2)",
                                    &err),
                         0);
    /* once the obstacle is gone the migration runs */
    assert_int_equal(sh_db_exec(db, "DROP TABLE entities_status_division; CREATE INDEX entities_status_division ON entities(status, division_code);", &err), 0);
    assert_int_equal(sh_migrate(db, NULL, &err), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM entities WHERE id IN (7, 8, 9)"), 3);
    db_gone(db, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rebuild_keeps_rows_references_and_name_index),
        cmocka_unit_test(failed_rebuild_leaves_the_database_as_it_was),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
