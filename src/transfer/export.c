/* Export of businesses to CSV (UTF-8 with BOM, as Excel opens it) and to Excel (.xlsx). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/log.h"
#include "transfer/transfer.h"

/* Export columns: the import columns (the grid as its code) then the record's own. */
#define EXTRA_COLS 4
static const char *const extra_headers[EXTRA_COLS] = {"编号", "状态", "所属乡镇", "网格名称"};

static const char *header_of(int f)
{
    return f == EF_GRID_ID ? "网格编码" : sh_entity_fields[f].label_zh;
}

/* Cell text of field f as a person reads it: kinds and scales in Chinese, lists joined with ';'. */
static const char *cell_of(const sh_entity *e, int f, char *tmp, size_t n)
{
    const char *v = e->f[f];
    if (!v)
        return "";
    switch (f) {
    case EF_KIND: return sh_entity_kind_label_zh(v);
    case EF_SCALE: return sh_scale_label_zh(v);
    case EF_LICENCE_KIND: return sh_licence_kind_label_zh(v) ? sh_licence_kind_label_zh(v) : v; /* 食品经营许可证, not jy */
    case EF_GRID_ID: return e->grid_code;
    case EF_CANTEEN_OF: return sh_canteen_of_label_zh(v);
    case EF_SPECIAL_FOODS:
    case EF_CATEGORIES: {
        json_t *arr = json_loads(v, 0, NULL);
        size_t i, used = 0;
        json_t *item;
        tmp[0] = '\0';
        json_array_foreach(arr, i, item) {
            const char *t = json_string_value(item);
            if (f == EF_SPECIAL_FOODS && sh_special_food_label_zh(t))
                t = sh_special_food_label_zh(t);
            int w = snprintf(tmp + used, n - used, "%s%s", i ? ";" : "", t);
            if (w < 0 || (size_t)w >= n - used)
                break;
            used += (size_t)w;
        }
        json_decref(arr);
        return tmp;
    }
    default: return v;
    }
}

static void extra_cells(const sh_entity *e, const char *out[EXTRA_COLS], char id[32])
{
    snprintf(id, 32, "%lld", (long long)e->id);
    out[0] = id;
    out[1] = sh_entity_status_label_zh(e->status);
    out[2] = e->township_name;
    out[3] = e->grid_name;
}

void sh_csv_cell(sh_buf *out, const char *v)
{
    int quote = strpbrk(v, ",\"\r\n") != NULL;
    int neutralise = strchr("=+-@\t\r", v[0]) && v[0];
    if (quote)
        sh_buf_addc(out, '"');
    if (neutralise)
        sh_buf_addc(out, '\'');
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            sh_buf_addc(out, '"');
        sh_buf_addc(out, *p);
    }
    if (quote)
        sh_buf_addc(out, '"');
}

struct csv_ctx {
    sh_buf *out;
};

static int csv_row(const sh_entity *e, void *c)
{
    struct csv_ctx *x = c;
    char tmp[1024], id[32];
    for (int f = 0; f < EF__COUNT; f++) {
        if (f)
            sh_buf_addc(x->out, ',');
        sh_csv_cell(x->out, cell_of(e, f, tmp, sizeof tmp));
    }
    const char *extra[EXTRA_COLS];
    extra_cells(e, extra, id);
    for (int i = 0; i < EXTRA_COLS; i++) {
        sh_buf_addc(x->out, ',');
        sh_csv_cell(x->out, extra[i] ? extra[i] : "");
    }
    sh_buf_adds(x->out, "\r\n");
    return 0;
}

int sh_export_csv(sh_db *db, const sh_principal *actor, const sh_entity_filter *filter, sh_buf *out, sh_err *err)
{
    sh_buf_adds(out, "\xEF\xBB\xBF");
    for (int f = 0; f < EF__COUNT; f++) {
        if (f)
            sh_buf_addc(out, ',');
        sh_csv_cell(out, header_of(f));
    }
    for (int i = 0; i < EXTRA_COLS; i++) {
        sh_buf_addc(out, ',');
        sh_csv_cell(out, extra_headers[i]);
    }
    sh_buf_adds(out, "\r\n");
    struct csv_ctx x = {out};
    sh_entity_filter f = *filter;
    f.after_id = 0;
    return sh_entity_each(db, actor, &f, csv_row, &x, err);
}

#define XLSX_MAX_ROWS 1048575

struct xlsx_ctx {
    lxw_worksheet *ws;
    lxw_row_t row;
    int truncated;
};

static int xlsx_row(const sh_entity *e, void *c)
{
    struct xlsx_ctx *x = c;
    if (x->row >= XLSX_MAX_ROWS) {
        x->truncated = 1;
        return 1;
    }
    char tmp[1024], id[32];
    for (int f = 0; f < EF__COUNT; f++) {
        const char *v = cell_of(e, f, tmp, sizeof tmp);
        if (*v)
            worksheet_write_string(x->ws, x->row, (lxw_col_t)f, v, NULL);
    }
    const char *extra[EXTRA_COLS];
    extra_cells(e, extra, id);
    for (int i = 0; i < EXTRA_COLS; i++)
        if (extra[i] && *extra[i])
            worksheet_write_string(x->ws, x->row, (lxw_col_t)(EF__COUNT + i), extra[i], NULL);
    x->row++;
    return 0;
}

int sh_export_xlsx(sh_db *db, const sh_principal *actor, const sh_entity_filter *filter, sh_buf *out, sh_err *err)
{
    char path[] = "/tmp/shian-export-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return sh_fail(err, SH_EINTERNAL, "", "cannot create a temporary file");
    close(fd);
    /* constant memory: rows are flushed as written, so a county-wide export stays small */
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    if (!wb) {
        unlink(path);
        return sh_fail(err, SH_EINTERNAL, "", "cannot create the workbook");
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "主体档案");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (int f = 0; f < EF__COUNT; f++)
        worksheet_write_string(ws, 0, (lxw_col_t)f, header_of(f), bold);
    for (int i = 0; i < EXTRA_COLS; i++)
        worksheet_write_string(ws, 0, (lxw_col_t)(EF__COUNT + i), extra_headers[i], bold);
    worksheet_set_column(ws, 0, EF__COUNT + EXTRA_COLS - 1, 18, NULL);
    struct xlsx_ctx x = {ws, 1, 0};
    sh_entity_filter f = *filter;
    f.after_id = 0;
    int rc = sh_entity_each(db, actor, &f, xlsx_row, &x, err);
    lxw_error le = workbook_close(wb);
    if (rc == 0 && le != LXW_NO_ERROR)
        rc = sh_fail(err, SH_EINTERNAL, "", "writing the workbook failed: %s", lxw_strerror(le));
    if (rc == 0) {
        FILE *fp = fopen(path, "rb");
        char chunk[65536];
        size_t n;
        while (fp && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
            sh_buf_add(out, chunk, n);
        if (!fp)
            rc = sh_fail(err, SH_EINTERNAL, "", "cannot read the workbook back");
        else
            fclose(fp);
    }
    if (x.truncated)
        sh_warn("xlsx export truncated at %d rows", XLSX_MAX_ROWS);
    unlink(path);
    return rc;
}
