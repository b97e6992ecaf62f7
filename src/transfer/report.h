/* The monthly and quarterly reports a bureau sends upward (issue 15): the report's content (the figures of
 * domain/home/dashboard.c for the period, ranked by township, with the month-by-month trend), written as
 * PDF (report_pdf.c) and Excel (report_xlsx.c), and kept (domain/home/reports.c) on demand or by the
 * sweep's schedule (report_make.c). */
#ifndef SH_TRANSFER_REPORT_H
#define SH_TRANSFER_REPORT_H

#include <jansson.h>

#include "core/buf.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* content: {title, agency, area_name, period, period_label, from, to, generated_on, figures (the
 * catalogue), total, townships (ranked: each with rank), county_level, trend:[{month, …}]}. */
int sh_report_pdf(const json_t *content, sh_buf *out, sh_err *err);
int sh_report_xlsx(const json_t *content, sh_buf *out, sh_err *err);

/* Makes and keeps the report of period (YYYY-MM or YYYY-Qn) for division_code (NULL: the caller's own
 * area; else the county or one township within it). schedule_key NULL: on demand; else the schedule's key,
 * and *ret_id 0 when a report already holds it. Validation errors name the field (period,
 * division_code); nothing is kept on failure. */
int sh_report_generate(sh_db *db, const sh_principal *actor, const char *period, const char *division_code,
                       const char *schedule_key, int64_t *ret_id, sh_err *err);

/* The schedule, run by the sweep: in the first five days of a month, last month's report of the county (and
 * after a quarter ends, last quarter's), once each (a key per county and period). *ret_made: how many. */
int sh_reports_schedule(sh_db *db, const char *today, int *ret_made, sh_err *err);

#endif
