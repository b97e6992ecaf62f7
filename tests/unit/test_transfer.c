/* CSV import with its row-by-row report, and CSV export that neutralises formulas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "transfer/transfer.h"
#include "testutil.h"

static sh_db *db;
static sh_principal t101, sys;

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    fixture_official(&t101, SH_ROLE_TOWNSHIP, "360799101000", "t101");
    sh_principal_system(&sys);
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

static void code(char out[19], int serial)
{
    snprintf(out, 19, "92360799MA%07d", serial);
    out[17] = sh_uscc_check_char(out);
    out[18] = 0;
}

static int64_t count_entities(void)
{
    int64_t n = -1;
    sh_db_query_int64(db, "SELECT count(*) FROM entities", 0, &n, NULL);
    return n;
}

static const char *HEADER = "\xEF\xBB\xBF类型,名称,统一社会信用代码,许可证编号,地址,所属区划代码,网格编码,纬度,经度,规模,经营类别,法定代表人,法定代表人电话\r\n";

static void good_rows_in_bad_rows_reported(void **state)
{
    (void)state;
    char a[19], b[19], csv[2048];
    code(a, 1);
    code(b, 2);
    b[17] = b[17] == '0' ? '1' : '0'; /* break row 3's check character */
    snprintf(csv, sizeof csv,
             "%s"
             "餐饮服务,梅林镇好味道餐馆,%s,JY23607990000017,梅林镇东坑村新街1号,360799101201,G101-01,25.5,115.2,小型,热食类;冷食类,王五,13907970001\r\n"
             "餐饮服务,梅林镇坏代码餐馆,%s,,梅林镇东坑村新街2号,360799101201,G101-01,25.5,115.2,小型,热食类,赵六,13907970002\r\n"
             "餐饮服务,青石镇越界餐馆,,,青石镇西坑村1号,360799102201,,,,小型,热食类,钱七,13907970003\r\n"
             "餐饮服务,\"梅林镇\"\"引号\"\"小吃, 店\",,,梅林镇东坑村新街3号,360799101201,G999,,,,,孙八,13907970004\r\n"
             ",,,,,,,,,,,,\r\n",
             HEADER, a, b);
    json_t *rep;
    sh_err err = {0};
    int64_t before = count_entities();
    assert_int_equal(sh_import_csv(db, &t101, csv, strlen(csv), 0, &rep, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(rep, "total")), 4);
    assert_int_equal(json_integer_value(json_object_get(rep, "imported")), 1);
    json_t *rej = json_object_get(rep, "rejected");
    assert_int_equal(json_array_size(rej), 3);
    struct { int row; const char *field; } want[] = {{3, "uscc"}, {4, "division_code"}, {5, "grid_code"}};
    for (int i = 0; i < 3; i++) {
        json_t *r = json_array_get(rej, (size_t)i);
        assert_int_equal(json_integer_value(json_object_get(r, "row")), want[i].row);
        assert_string_equal(json_string_value(json_object_get(r, "field")), want[i].field);
        assert_true(strlen(json_string_value(json_object_get(r, "message"))) > 0);
    }
    assert_string_equal(json_string_value(json_object_get(json_array_get(rej, 0), "column")), "统一社会信用代码");
    json_decref(rep);
    assert_int_equal(count_entities(), before + 1);
    /* the good row arrived whole: categories split, scale and kind translated, grid resolved */
    sh_stmt *st = sh_db_prepare(db, "SELECT kind, scale, categories, grid_id FROM entities WHERE uscc = ?", NULL);
    sh_bind_text(st, 1, a);
    assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
    assert_string_equal(sh_col_text(st, 0), "caterer");
    assert_string_equal(sh_col_text(st, 1), "small");
    assert_string_equal(sh_col_text(st, 2), "[\"热食类\",\"冷食类\"]");
    assert_int_equal(sh_col_int64(st, 3), 1);
    sh_stmt_done(st);
}

static void dry_run_writes_nothing_and_sees_file_duplicates(void **state)
{
    (void)state;
    char a[19], csv[2048];
    code(a, 9);
    snprintf(csv, sizeof csv,
             "%s"
             "食品销售者,梅林镇惠民超市,%s,,梅林镇东坑村新街9号,360799101201,,,,,,周九,13907970009\r\n"
             "食品销售者,梅林镇惠民超市二店,%s,,梅林镇东坑村新街10号,360799101201,,,,,,周九,13907970009\r\n",
             HEADER, a, a);
    json_t *rep;
    sh_err err = {0};
    int64_t before = count_entities();
    assert_int_equal(sh_import_csv(db, &t101, csv, strlen(csv), 1, &rep, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(rep, "imported")), 1);
    json_t *r = json_array_get(json_object_get(rep, "rejected"), 0);
    assert_int_equal(json_integer_value(json_object_get(r, "row")), 3);
    assert_string_equal(json_string_value(json_object_get(r, "field")), "uscc");
    json_decref(rep);
    assert_int_equal(count_entities(), before);
}

static void file_level_errors(void **state)
{
    (void)state;
    json_t *rep;
    sh_err err = {0};
    const char *unknown = "类型,名称,所属区划代码,颜色\r\n餐饮服务,某店,360799101201,红\r\n";
    assert_int_equal(sh_import_csv(db, &t101, unknown, strlen(unknown), 0, &rep, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "颜色"));
    const char *no_division = "类型,名称\r\n餐饮服务,某店\r\n";
    assert_int_equal(sh_import_csv(db, &t101, no_division, strlen(no_division), 0, &rep, &err), SH_EINVAL);
    assert_int_equal(sh_import_csv(db, &t101, "", 0, 0, &rep, &err), SH_EINVAL);
    sh_principal insp;
    fixture_official(&insp, SH_ROLE_INSPECTOR, "360799", "insp");
    const char *ok = "类型,名称,所属区划代码\r\n餐饮服务,某店,360799101201\r\n";
    assert_int_equal(sh_import_csv(db, &insp, ok, strlen(ok), 0, &rep, &err), SH_EPERM);
}

static void export_round_trip_and_formula_guard(void **state)
{
    (void)state;
    sh_buf out = SH_BUF_INIT;
    sh_buf_reset(&out);
    sh_csv_cell(&out, "=HYPERLINK(\"http://x\")");
    assert_string_equal(sh_buf_str(&out), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    sh_buf_reset(&out);
    sh_csv_cell(&out, "+86 123");
    assert_string_equal(sh_buf_str(&out), "'+86 123");
    sh_buf_reset(&out);
    sh_csv_cell(&out, "普通, 名称");
    assert_string_equal(sh_buf_str(&out), "\"普通, 名称\"");
    sh_buf_reset(&out);

    sh_entity_filter f = {.township = "360799101000", .limit = 500};
    sh_err err = {0};
    assert_int_equal(sh_export_csv(db, &sys, &f, &out, &err), 0);
    const char *csv = sh_buf_str(&out);
    assert_true(strncmp(csv, "\xEF\xBB\xBF类型,名称,统一社会信用代码", 3 + 27) == 0);
    assert_non_null(strstr(csv, "梅林镇好味道餐馆"));
    assert_non_null(strstr(csv, "G101-01"));
    assert_non_null(strstr(csv, "热食类;冷食类"));
    /* the exported file imports again as a dry run: every row is a duplicate of itself */
    json_t *rep;
    assert_int_equal(sh_import_csv(db, &sys, csv, out.len, 1, &rep, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(rep, "imported")), 0);
    json_t *r = json_array_get(json_object_get(rep, "rejected"), 0);
    assert_string_equal(json_string_value(json_object_get(r, "field")), "uscc");
    json_decref(rep);
    sh_buf_reset(&out);
    assert_int_equal(sh_export_xlsx(db, &sys, &f, &out, &err), 0);
    assert_true(out.len > 1000);
    assert_memory_equal(out.data, "PK\x03\x04", 4); /* a zip container, as .xlsx is */
    sh_buf_release(&out);
}

static void gbk_file_from_excel(void **state)
{
    (void)state;
    /* "类型,名称,所属区划代码\r\n餐饮服务,梅林镇国标小吃,360799101201\r\n" saved as GBK */
    const char gbk[] = "\xC0\xE0\xD0\xCD,\xC3\xFB\xB3\xC6,\xCB\xF9\xCA\xF4\xC7\xF8\xBB\xAE\xB4\xFA\xC2\xEB\r\n"
                       "\xB2\xCD\xD2\xFB\xB7\xFE\xCE\xF1,\xC3\xB7\xC1\xD6\xD5\xF2\xB9\xFA\xB1\xEA\xD0\xA1\xB3\xD4,360799101201\r\n";
    json_t *rep;
    sh_err err = {0};
    assert_int_equal(sh_import_csv(db, &t101, gbk, sizeof gbk - 1, 0, &rep, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(rep, "imported")), 1);
    json_decref(rep);
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM entities WHERE name = '梅林镇国标小吃' AND kind = 'caterer'", NULL);
    assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
    assert_int_equal(sh_col_int64(st, 0), 1);
    sh_stmt_done(st);
    /* binary junk is refused as a whole */
    const char junk[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_int_equal(sh_import_csv(db, &t101, junk, sizeof junk - 1, 0, &rep, &err), SH_EINVAL);
    assert_string_equal(err.field, "file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_rows_in_bad_rows_reported),
        cmocka_unit_test(dry_run_writes_nothing_and_sees_file_duplicates),
        cmocka_unit_test(file_level_errors),
        cmocka_unit_test(export_round_trip_and_formula_guard),
        cmocka_unit_test(gbk_file_from_excel),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
