/* A report's content made from the dashboard's figures and kept with its files (report.h). */
#include "transfer/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "domain/home/dashboard.h"
#include "domain/home/report_period.h"
#include "domain/home/reports.h"

/* Townships best first by inspection completion, a township without any to inspect last, then by name. */
static int by_rank(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const json_t *rx = json_object_get(x, "inspection_rate"), *ry = json_object_get(y, "inspection_rate");
    if (json_is_number(rx) != json_is_number(ry))
        return json_is_number(rx) ? -1 : 1;
    if (json_is_number(rx) && json_number_value(rx) != json_number_value(ry))
        return json_number_value(rx) > json_number_value(ry) ? -1 : 1;
    return strcmp(json_string_value(json_object_get(x, "code")), json_string_value(json_object_get(y, "code")));
}

static json_t *ranked(const json_t *townships)
{
    size_t n = json_array_size(townships);
    json_t **rows = calloc(n ? n : 1, sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = json_array_get(townships, i);
    qsort(rows, n, sizeof *rows, by_rank);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_deep_copy(rows[i]);
        json_object_set_new(r, "rank", json_integer((json_int_t)i + 1));
        json_array_append_new(out, r);
    }
    free(rows);
    return out;
}

/* The content of the report of period p for the area as_actor is confined to. */
static int content_of(sh_db *db, const sh_principal *as_actor, const sh_report_period *p, const char *area, const char *county,
                      json_t **ret, sh_err *err)
{
    json_t *figures = NULL, *trend = NULL;
    int rc = sh_dashboard_span(db, as_actor, p->from, p->to, &figures, err);
    if (rc == 0)
        rc = sh_dashboard_trend(db, as_actor, p->year, p->last_month, &trend, err);
    if (rc) {
        json_decref(figures);
        return rc;
    }
    char title[256], agency[160], today[11];
    sh_today(today);
    snprintf(title, sizeof title, "%s食品安全监管工作%s", area, strcmp(p->kind, "quarter") ? "月报" : "季报");
    snprintf(agency, sizeof agency, "%s市场监督管理局", county);
    json_object_set_new(figures, "townships", ranked(json_object_get(figures, "townships")));
    json_object_set_new(figures, "trend", trend);
    json_object_set_new(figures, "title", json_string(title));
    json_object_set_new(figures, "agency", json_string(agency));
    json_object_set_new(figures, "area_name", json_string(area));
    json_object_set_new(figures, "period", json_string(p->text));
    json_object_set_new(figures, "period_label", json_string(p->label));
    json_object_set_new(figures, "generated_on", json_string(today));
    *ret = figures;
    return 0;
}

int sh_report_generate(sh_db *db, const sh_principal *actor, const char *period, const char *division_code,
                       const char *schedule_key, int64_t *ret_id, sh_err *err)
{
    sh_principal as_actor;
    char code[13], area[96], county[96], today[11];
    sh_report_period p;
    sh_today(today);
    int rc = sh_report_area(db, actor, division_code, &as_actor, code, area, county, err);
    if (rc == 0)
        rc = sh_report_period_parse(period, today, &p, err);
    json_t *content = NULL;
    if (rc == 0)
        rc = content_of(db, &as_actor, &p, area, county, &content, err);
    sh_buf pdf = SH_BUF_INIT, xlsx = SH_BUF_INIT;
    if (rc == 0)
        rc = sh_report_pdf(content, &pdf, err);
    if (rc == 0)
        rc = sh_report_xlsx(content, &xlsx, err);
    if (rc == 0) {
        sh_report_new r = {&p, code, json_string_value(json_object_get(content, "title")), content, &pdf, &xlsx, schedule_key};
        rc = sh_report_store(db, actor, &r, ret_id, err);
    }
    json_decref(content);
    sh_buf_release(&pdf);
    sh_buf_release(&xlsx);
    return rc;
}

int sh_reports_schedule(sh_db *db, const char *today, int *ret_made, sh_err *err)
{
    *ret_made = 0;
    int day = atoi(today + 8), month = atoi(today + 5);
    if (day > 5)
        return 0;
    sh_principal system;
    sh_principal_system(&system);
    const char *kinds[] = {"month", "quarter"};
    int rc = 0;
    for (int k = 0; rc == 0 && k < (month % 3 == 1 ? 2 : 1); k++) {
        sh_report_period p;
        sh_report_period_last(kinds[k], today, &p);
        sh_principal as_actor;
        char code[13], area[96], county[96], key[64];
        if ((rc = sh_report_area(db, &system, NULL, &as_actor, code, area, county, err)) != 0) {
            if (rc == SH_EINVAL) /* no county on file yet: nothing to report */
                rc = 0;
            break;
        }
        snprintf(key, sizeof key, "schedule:%s:%s", code, p.text);
        int exists = 0;
        if ((rc = sh_report_scheduled(db, key, &exists, err)) != 0 || exists)
            continue;
        int64_t id = 0;
        rc = sh_report_generate(db, &system, p.text, code, key, &id, err);
        *ret_made += id != 0;
    }
    return rc;
}
