/* Import of 12315 exports (complaints_12315.h). */
#include "transfer/complaints_12315.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/message.h"
#include "domain/complaints/complaint.h"
#include "transfer/transfer.h"

#define MAX_ROWS 5000

/* The platform's column names (and the API's own) → the intake's fields. */
static const char *const COLUMNS[][2] = {
    {"登记编号", "external_no"},      {"投诉举报编号", "external_no"}, {"诉求类型", "kind"},        {"类型", "kind"},
    {"姓名", "person_name"},          {"投诉人", "person_name"},       {"举报人", "person_name"},   {"联系电话", "person_phone"},
    {"电话", "person_phone"},         {"联系地址", "person_address"},  {"地址", "person_address"},  {"被投诉举报对象", "respondent_name"},
    {"被投诉人", "respondent_name"},  {"被举报人", "respondent_name"}, {"对象地址", "respondent_address"},
    {"被投诉人地址", "respondent_address"}, {"统一社会信用代码", "uscc"}, {"问题类别", "category"}, {"诉求内容", "facts"},
    {"问题描述", "facts"},            {"投诉请求", "request"},         {"诉求", "request"},         {"是否匿名", "anonymous"},
    {"承办单位", "division"},         {"发生日期", "occurred_on"},   {"entity_id", "entity_id"},
};

static const char *field_of(const char *column)
{
    for (size_t i = 0; i < sizeof COLUMNS / sizeof COLUMNS[0]; i++)
        if (!strcmp(column, COLUMNS[i][0]) || !strcmp(column, COLUMNS[i][1]))
            return COLUMNS[i][1];
    return NULL;
}

/* ---- CSV into an array of objects keyed by the header ---- */

typedef struct csv_rows {
    json_t *rows;   /* the objects of the rows after the header */
    json_t *header; /* the first row's cells */
    json_t *row;    /* the row being read; NULL while reading the header */
    int col;
} csv_rows;

static void on_field(void *s, size_t len, void *ctx)
{
    csv_rows *c = ctx;
    char *v = strndup(s ? s : "", len);
    if (!c->row) {
        json_array_append_new(c->header, json_string(v));
    } else {
        const char *name = json_string_value(json_array_get(c->header, (size_t)c->col));
        if (name && *v)
            json_object_set_new(c->row, name, json_string(v));
    }
    c->col++;
    free(v);
}

static void on_row(int ch, void *ctx)
{
    (void)ch;
    csv_rows *c = ctx;
    if (c->row && json_object_size(c->row)) /* blank lines are no rows */
        json_array_append(c->rows, c->row);
    json_decref(c->row);
    c->row = json_object();
    c->col = 0;
}

static int read_csv(const char *text, size_t len, json_t **ret, sh_err *err)
{
    struct csv_parser cp;
    if (csv_init(&cp, CSV_APPEND_NULL) != 0)
        return sh_fail(err, SH_EINTERNAL, "file", "csv parser");
    csv_rows c = {.rows = json_array(), .header = json_array()};
    size_t n = csv_parse(&cp, text, len, on_field, on_row, &c);
    csv_fini(&cp, on_field, on_row, &c);
    csv_free(&cp);
    json_decref(c.row);
    json_decref(c.header);
    if (n != len) {
        json_decref(c.rows);
        return sh_fail(err, SH_EINVAL, "file", "CSV格式有误 (malformed CSV)");
    }
    *ret = c.rows;
    return 0;
}

/* ---- a row into the intake's body ---- */

static int64_t lookup_id(sh_db *db, const char *sql, const char *value)
{
    int64_t id = 0;
    sh_stmt *st = value && *value ? sh_db_prepare(db, sql, NULL) : NULL;
    if (!st)
        return 0;
    sh_bind_text(st, 1, value);
    if (sh_stmt_step(st, NULL) == SH_ROW)
        id = sh_col_int64(st, 0);
    sh_stmt_done(st);
    return id;
}

static const char *kind_of(const char *v)
{
    if (!v)
        return NULL;
    if (!strcmp(v, "投诉"))
        return "complaint";
    if (!strcmp(v, "举报"))
        return "report";
    if (!strcmp(v, "投诉举报") || !strcmp(v, "投诉并举报"))
        return "both";
    return v;
}

static json_t *body_of(sh_db *db, json_t *row)
{
    json_t *body = json_pack("{s:s}", "channel", "12315");
    const char *key;
    json_t *value;
    const char *uscc = NULL, *division = NULL;
    json_object_foreach(row, key, value) {
        const char *field = field_of(key), *v = json_string_value(value);
        if (!field)
            continue;
        if (!json_is_string(value)) /* JSON's own numbers and booleans pass as they are */
            json_object_set(body, field, value);
        else if (!strcmp(field, "kind"))
            json_object_set_new(body, "kind", json_string(kind_of(v)));
        else if (!strcmp(field, "category"))
            json_object_set_new(body, "category", json_string(sh_complaint_category_of(v)));
        else if (!strcmp(field, "anonymous"))
            json_object_set_new(body, "anonymous", json_boolean(!strcmp(v, "是") || !strcmp(v, "true") || !strcmp(v, "1")));
        else if (!strcmp(field, "uscc"))
            uscc = v;
        else if (!strcmp(field, "division"))
            division = v;
        else
            json_object_set_new(body, field, json_string(v));
    }
    if (json_is_true(json_object_get(body, "anonymous")))
        for (const char *const *f = (const char *const[]){"person_name", "person_phone", "person_address", NULL}; *f; f++)
            json_object_del(body, *f);
    /* the business: by its credit code, else by its exact name; where: 承办单位 by name */
    int64_t entity = lookup_id(db, "SELECT id FROM entities WHERE uscc = ? AND status <> 'closed'", uscc);
    if (!entity)
        entity = lookup_id(db, "SELECT min(id) FROM entities WHERE name = ? AND status <> 'closed'",
                           json_string_value(json_object_get(body, "respondent_name")));
    if (entity)
        json_object_set_new(body, "entity_id", json_integer(entity));
    sh_stmt *st = division ? sh_db_prepare(db, "SELECT code FROM divisions WHERE name = ? AND level IN (1, 2)", NULL) : NULL;
    if (st) {
        sh_bind_text(st, 1, division);
        if (sh_stmt_step(st, NULL) == SH_ROW)
            json_object_set_new(body, "division_code", json_string(sh_col_text(st, 0)));
        sh_stmt_done(st);
    }
    return body;
}

int sh_complaints_import_12315(sh_db *db, const sh_principal *actor, const char *data, size_t len, json_t **ret,
                               sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "只有县局、乡镇（街道）监管人员可以导入12315数据 (only county and township officials import)");
    sh_buf text = SH_BUF_INIT;
    int rc = sh_text_to_utf8(data, len, &text, err);
    json_t *rows = NULL;
    const char *t = sh_buf_str(&text);
    while (rc == 0 && (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t'))
        t++;
    if (rc == 0 && *t == '[') {
        json_error_t je;
        rows = json_loads(t, 0, &je);
        if (!json_is_array(rows))
            rc = sh_fail(err, SH_EINVAL, "file", "JSON应为对象数组：第%d行 %s (the JSON must be an array of objects)", je.line, je.text);
    } else if (rc == 0) {
        if (!strncmp(t, "\xEF\xBB\xBF", 3)) /* Excel's byte-order mark */
            t += 3;
        rc = read_csv(t, strlen(t), &rows, err);
    }
    sh_buf_release(&text);
    if (rc == 0 && json_array_size(rows) == 0)
        rc = sh_fail(err, SH_EINVAL, "file", "文件中没有数据行 (no rows)");
    if (rc == 0 && json_array_size(rows) > MAX_ROWS)
        rc = sh_fail(err, SH_EINVAL, "file", "一次最多导入%d行 (at most %d rows)", MAX_ROWS, MAX_ROWS);
    if (rc) {
        json_decref(rows);
        return rc;
    }
    json_t *rejected = json_array(), *items = json_array();
    int imported = 0, skipped = 0;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        int number = (int)i + 2; /* the header is row 1 */
        if (!json_is_object(row)) {
            json_array_append_new(rejected, json_pack("{s:i, s:s, s:s, s:s}", "row", number, "field", "", "message", "应为对象", "message_en", "not an object"));
            continue;
        }
        json_t *body = body_of(db, row), *out = NULL;
        sh_err e = {0};
        int r = sh_complaint_intake(db, actor, NULL, body, NULL, 0, &out, &e);
        json_decref(body);
        if (r == SH_EEXIST && !strcmp(e.field, "external_no")) {
            skipped++;
        } else if (r) {
            json_t *one = json_pack("{s:i, s:s}", "row", number, "field", e.field);
            sh_json_set_message(one, e.message);
            json_array_append_new(rejected, one);
        } else {
            imported++;
            size_t k;
            json_t *it;
            json_array_foreach(json_object_get(out, "items"), k, it) {
                json_t *o = json_deep_copy(it);
                json_object_set_new(o, "row", json_integer(number));
                json_array_append_new(items, o);
            }
        }
        json_decref(out);
    }
    *ret = json_pack("{s:I, s:i, s:i, s:o, s:o}", "total", (json_int_t)json_array_size(rows), "imported", imported, "skipped",
                     skipped, "rejected", rejected, "items", items);
    json_decref(rows);
    return 0;
}
