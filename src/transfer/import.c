/* CSV import of businesses with a row-by-row report. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/message.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/registry/registry.h"
#include "transfer/transfer.h"

#define MAX_ROWS 200000
#define MAX_COLS 64

/* Columns the export adds for people to read; an exported file imports again without them. */
static const char *const ignored_columns[] = {"编号", "id", "状态", "status", "所属乡镇", "所属区划", "网格名称", NULL};

enum { COL_IGNORED = -1, COL_GRID_CODE = -2 };

struct parser {
    char *cells[MAX_COLS];
    int ncells;
    int overflow;      /* more cells than MAX_COLS in this row */
    long row;          /* 1-based record number */
    int header_done;
    int colmap[MAX_COLS];
    int ncols;
    sh_err file_err;   /* a file-level problem, code 0 when none */
    sh_db *db;
    const sh_principal *actor;
    int dry_run;
    json_t *rejected, *ids, *seen;
    json_t *warnings; /* codes: [{row, field, column, message}] of rows taken with a doubt */
    long total, imported;
};

static void reject(struct parser *p, const char *field, const char *message)
{
    int f = sh_entity_field_find(field);
    const char *column = f >= 0 ? sh_entity_fields[f].label_zh : strcmp(field, "grid_code") == 0 ? "网格编码" : field;
    json_t *one = json_pack("{s:I, s:s, s:s}", "row", (json_int_t)p->row, "field", field, "column", column);
    sh_json_set_message(one, message);
    json_array_append_new(p->rejected, one);
}

/* Doubts about a row's codes that do not refuse it (sh_entity_warnings), in the report per row. */
static void note_warnings(struct parser *p, const sh_entity *e)
{
    json_t *w = sh_entity_warnings(p->db, e);
    size_t i;
    json_t *item;
    json_array_foreach(w, i, item) {
        const char *field = json_string_value(json_object_get(item, "field"));
        int f = sh_entity_field_find(field);
        json_t *one = json_pack("{s:I, s:s, s:s, s:O}", "row", (json_int_t)p->row, "field", field, "column",
                                f >= 0 ? sh_entity_fields[f].label_zh : field, "message", json_object_get(item, "message"));
        if (json_object_get(item, "message_en"))
            json_object_set(one, "message_en", json_object_get(item, "message_en"));
        json_array_append_new(p->warnings, one);
    }
    json_decref(w);
}

static void on_field(void *s, size_t len, void *ctx)
{
    struct parser *p = ctx;
    if (p->ncells == MAX_COLS) {
        p->overflow = 1;
        return;
    }
    p->cells[p->ncells++] = sh_xstrndup(s ? s : "", len);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static void map_header(struct parser *p)
{
    int seen_kind = 0, seen_name = 0, seen_div = 0;
    if (p->overflow) {
        sh_fail(&p->file_err, SH_EINVAL, "header", "表头列数超过%d (more than %d columns)", MAX_COLS, MAX_COLS);
        return;
    }
    for (int i = 0; i < p->ncells; i++) {
        char *h = trim(p->cells[i]);
        if (i == 0 && strncmp(h, "\xEF\xBB\xBF", 3) == 0)
            h += 3; /* UTF-8 byte-order mark that Excel writes */
        int f = sh_entity_field_find(h);
        if (f == EF_GRID_ID || !strcmp(h, "网格编码") || !strcmp(h, "grid_code")) {
            f = COL_GRID_CODE;
        } else if (f < 0) {
            int ignored = 0;
            for (int k = 0; ignored_columns[k]; k++)
                ignored |= strcmp(h, ignored_columns[k]) == 0;
            if (!ignored) {
                sh_fail(&p->file_err, SH_EINVAL, "header", "第%d列的表头“%s”无法识别 (unknown column '%s')", i + 1, h, h);
                return;
            }
            f = COL_IGNORED;
        }
        for (int k = 0; k < i; k++)
            if (f >= 0 && p->colmap[k] == f) {
                sh_fail(&p->file_err, SH_EINVAL, "header", "表头“%s”重复 (column '%s' appears twice)", h, h);
                return;
            }
        p->colmap[i] = f;
        seen_kind |= f == EF_KIND;
        seen_name |= f == EF_NAME;
        seen_div |= f == EF_DIVISION_CODE;
    }
    p->ncols = p->ncells;
    if (!seen_kind || !seen_name || !seen_div)
        sh_fail(&p->file_err, SH_EINVAL, "header", "表头须包含“类型”“名称”“所属区划代码” (the header needs kind, name and division_code columns)");
}

/* 经营类别 "热食类;冷食类" (also 、 ， , separated) → JSON array text. */
static char *categories_json(const char *s)
{
    json_t *arr = json_array();
    char *copy = sh_xstrdup(s);
    char *p = copy;
    while (*p) {
        size_t n = strcspn(p, ";,");
        char *sep = NULL;
        /* multi-byte separators: 、(E3 80 81) ；(EF BC 9B) ，(EF BC 8C) */
        const char *mb[] = {"\xE3\x80\x81", "\xEF\xBC\x9B", "\xEF\xBC\x8C"};
        for (int i = 0; i < 3; i++) {
            char *m = strstr(p, mb[i]);
            if (m && (size_t)(m - p) < n) {
                n = (size_t)(m - p);
                sep = m;
            }
        }
        char save = p[n];
        p[n] = '\0';
        char *item = trim(p);
        if (*item)
            json_array_append_new(arr, json_string(item));
        p[n] = save;
        p += n;
        if (sep)
            p += 3;
        else if (*p)
            p++;
    }
    free(copy);
    char *out = json_array_size(arr) ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    return out;
}

/* Rejects a second row with the same code in one file before anything reaches the store. */
static int duplicate_in_file(struct parser *p, const sh_entity *e)
{
    static const sh_entity_field_id keys[] = {EF_USCC, EF_LICENCE_NO};
    for (int i = 0; i < 2; i++) {
        const char *v = e->f[keys[i]];
        if (!v)
            continue;
        char key[96];
        snprintf(key, sizeof key, "%d:%s", i, v);
        json_t *prev = json_object_get(p->seen, key);
        if (prev) {
            char msg[160];
            snprintf(msg, sizeof msg, "与第%lld行重复 (same as row %lld)", (long long)json_integer_value(prev),
                     (long long)json_integer_value(prev));
            reject(p, sh_entity_fields[keys[i]].name, msg);
            return 1;
        }
    }
    for (int i = 0; i < 2; i++)
        if (e->f[keys[i]]) {
            char key[96];
            snprintf(key, sizeof key, "%d:%s", i, e->f[keys[i]]);
            json_object_set_new(p->seen, key, json_integer(p->row));
        }
    return 0;
}

static void import_row(struct parser *p)
{
    int blank = 1;
    for (int i = 0; i < p->ncells; i++)
        blank &= *trim(p->cells[i]) == '\0';
    if (blank)
        return;
    p->total++;
    if (p->total > MAX_ROWS) {
        sh_fail(&p->file_err, SH_EINVAL, "file", "每个文件最多%d行 (at most %d rows per file)", MAX_ROWS, MAX_ROWS);
        return;
    }
    if (p->overflow || p->ncells > p->ncols) {
        reject(p, "row", "列数多于表头 (more cells than header columns)");
        return;
    }
    sh_entity e;
    sh_entity_init(&e);
    sh_err err = {0};
    int rc = 0;
    for (int i = 0; i < p->ncells && rc == 0; i++) {
        char *v = trim(p->cells[i]);
        int f = p->colmap[i];
        if (!*v || f == COL_IGNORED)
            continue;
        if (f == COL_GRID_CODE) {
            int64_t gid;
            rc = sh_grid_find_by_code(p->db, p->actor, v, "grid_code", &gid, &err);
            if (rc == 0) {
                char num[32];
                snprintf(num, sizeof num, "%lld", (long long)gid);
                sh_entity_set(&e, EF_GRID_ID, num);
            }
        } else if (f == EF_CATEGORIES || f == EF_SPECIAL_FOODS) { /* lists: 特殊食品 in Chinese names, validated */
            char *j = categories_json(v);
            sh_entity_set(&e, (sh_entity_field_id)f, j);
            free(j);
        } else {
            if (sh_utf8_len(v) < 0)
                rc = sh_fail(&err, SH_EINVAL, sh_entity_fields[f].name, "不是有效的UTF-8文本，请以UTF-8编码保存 (not UTF-8: save the file as UTF-8)");
            sh_entity_set(&e, (sh_entity_field_id)f, v);
        }
    }
    if (rc == 0) {
        if (p->dry_run) {
            rc = sh_entity_validate(p->db, &e, &err);
            if (rc == 0 && !sh_principal_can_edit_registry(p->actor))
                rc = sh_fail(&err, SH_EPERM, "", "您的角色无权修改主体档案 (your role may not change the registry)");
            if (rc == 0 && !sh_scope_covers_division(&p->actor->scope, e.f[EF_DIVISION_CODE]))
                rc = sh_fail(&err, SH_EPERM, "division_code", "所属区划不在您的管辖范围内 (the division is outside your jurisdiction)");
            if (rc == 0)
                rc = sh_entity_check_duplicate(p->db, &e, 0, &err);
            if (rc == 0 && !duplicate_in_file(p, &e)) {
                p->imported++;
                note_warnings(p, &e);
            }
            sh_entity_release(&e);
            if (rc != 0)
                reject(p, err.field[0] ? err.field : "row", err.message);
            return;
        }
        int64_t id;
        rc = sh_entity_create(p->db, p->actor, &e, &id, &err);
        if (rc == 0) {
            p->imported++;
            json_array_append_new(p->ids, json_integer(id));
            note_warnings(p, &e);
        }
    }
    sh_entity_release(&e);
    if (rc == SH_EINTERNAL)
        sh_fail(&p->file_err, SH_EINTERNAL, "", "storage error at row %ld", p->row);
    else if (rc != 0)
        reject(p, err.field[0] ? err.field : "row", err.message);
}

static void on_row(int c, void *ctx)
{
    (void)c;
    struct parser *p = ctx;
    p->row++;
    if (!p->file_err.code) {
        if (!p->header_done) {
            map_header(p);
            p->header_done = 1;
        } else {
            import_row(p);
        }
    }
    for (int i = 0; i < p->ncells; i++)
        free(p->cells[i]);
    p->ncells = 0;
    p->overflow = 0;
}

int sh_text_to_utf8(const char *data, size_t len, sh_buf *out, sh_err *err)
{
    char *nul = memchr(data, '\0', len);
    if (nul)
        return sh_fail(err, SH_EINVAL, "file", "文件含有空字符，不是CSV文本 (the file contains NUL bytes: not a CSV text file)");
    sh_buf probe = SH_BUF_INIT;
    sh_buf_add(&probe, data, len);
    int utf8 = sh_utf8_len(sh_buf_str(&probe)) >= 0;
    sh_buf_release(&probe);
    if (utf8) {
        sh_buf_add(out, data, len);
        return 0;
    }
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return sh_fail(err, SH_EINVAL, "file", "文件不是UTF-8编码 (the file is not UTF-8)");
    char chunk[8192];
    char *in = (char *)data;
    size_t inleft = len;
    int rc = 0;
    while (inleft > 0) {
        char *o = chunk;
        size_t oleft = sizeof chunk;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        sh_buf_add(out, chunk, sizeof chunk - oleft);
        if (r == (size_t)-1 && errno != E2BIG) {
            rc = sh_fail(err, SH_EINVAL, "file", "文件既不是UTF-8也不是GBK编码 (the file is neither UTF-8 nor GBK text)");
            break;
        }
    }
    iconv_close(cd);
    return rc;
}

int sh_import_csv(sh_db *db, const sh_principal *actor, const char *raw, size_t rawlen, int dry_run,
                  json_t **ret_report, sh_err *err)
{
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权导入主体档案 (your role may not import businesses)");
    sh_buf text = SH_BUF_INIT;
    if (sh_text_to_utf8(raw, rawlen, &text, err) != 0) {
        sh_buf_release(&text);
        return SH_EINVAL;
    }
    const char *data = sh_buf_str(&text);
    size_t len = text.len;
    struct csv_parser cp;
    if (csv_init(&cp, CSV_APPEND_NULL) != 0) {
        sh_buf_release(&text);
        return sh_fail(err, SH_EINTERNAL, "", "csv parser init failed");
    }
    struct parser p = {0};
    p.db = db;
    p.actor = actor;
    p.dry_run = dry_run;
    p.rejected = json_array();
    p.warnings = json_array();
    p.ids = json_array();
    p.seen = json_object();
    int rc = 0;
    if (csv_parse(&cp, data, len, on_field, on_row, &p) != len)
        rc = sh_fail(err, SH_EINVAL, "file", "CSV格式错误：%s (malformed CSV near row %ld)", csv_strerror(csv_error(&cp)), p.row + 1);
    else
        csv_fini(&cp, on_field, on_row, &p);
    csv_free(&cp);
    sh_buf_release(&text);
    for (int i = 0; i < p.ncells; i++)
        free(p.cells[i]);
    if (rc == 0 && p.file_err.code)
        rc = sh_fail(err, p.file_err.code, p.file_err.field, "%s", p.file_err.message);
    if (rc == 0 && !p.header_done)
        rc = sh_fail(err, SH_EINVAL, "file", "文件为空 (the file has no header row)");
    if (rc == 0 && !dry_run && p.imported) {
        json_t *after = json_pack("{s:I, s:I}", "imported", (json_int_t)p.imported, "rejected",
                                  (json_int_t)json_array_size(p.rejected));
        if (sh_db_begin(db, err) == 0) {
            if (sh_audit(db, actor, "import", "entity", 0, NULL, after, err) == 0)
                sh_db_commit(db, err);
            else
                sh_db_rollback(db);
        }
        json_decref(after);
    }
    json_decref(p.seen);
    if (rc != 0) {
        json_decref(p.rejected);
        json_decref(p.warnings);
        json_decref(p.ids);
        return rc;
    }
    *ret_report = json_pack("{s:I, s:I, s:b, s:o, s:o, s:o}", "total", (json_int_t)p.total, "imported",
                            (json_int_t)p.imported, "dry_run", dry_run, "rejected", p.rejected, "warnings", p.warnings,
                            "ids", p.ids);
    return 0;
}
