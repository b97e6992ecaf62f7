/* Stored reports a bureau sends upward (issue 15; db/081): a month's or a quarter's figures of the county
 * or one township as PDF and Excel, kept byte for byte so a report once sent can be fetched again
 * unchanged. The files are made by transfer/report_make.c; this area checks who may, keeps and serves. */
#ifndef SH_HOME_REPORTS_H
#define SH_HOME_REPORTS_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/base/principal.h"
#include "domain/home/report_period.h"
#include "store/rows.h"
#include "store/store.h"

/* Whose figures a report shows: division_code NULL or "" for the caller's own area (the county for a
 * county official and the administrator), else the county or one of its townships inside the caller's
 * jurisdiction. County, township officials and the administrator only (SH_EPERM). Fills *ret_as: the
 * actor confined to that division (figures are read as it), the division's code and name, and its
 * county's name (whose bureau sends the report). */
int sh_report_area(sh_db *db, const sh_principal *actor, const char *division_code, sh_principal *ret_as, char code[13],
                   char name[96], char county[96], sh_err *err);

typedef struct sh_report_new {
    const sh_report_period *period;
    const char *division_code, *title;
    const json_t *figures;      /* what the files show, kept as JSON */
    const sh_buf *pdf, *xlsx;
    const char *schedule_key;   /* NULL on demand; the schedule's: at most one report a key */
} sh_report_new;

/* Keeps a generated report (audited). *ret_id 0: the schedule's key was already taken (nothing kept). */
int sh_report_store(sh_db *db, const sh_principal *actor, const sh_report_new *r, int64_t *ret_id, sh_err *err);

/* Whether a report with this schedule key is kept. */
int sh_report_scheduled(sh_db *db, const char *key, int *ret_exists, sh_err *err);

/* Reports of the caller's jurisdiction, the newest first: *ret {items:[{id, kind, period, period_label,
 * division_code, division_name, title, generated_at, generated_by_name, by_schedule, pdf_size, xlsx_size}],
 * total}. */
int sh_reports_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);

/* One report with its figures ({…the list's fields, figures}); 404 outside the jurisdiction. */
int sh_report_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

/* The stored bytes of one report's file, format "pdf" or "xlsx"; *ret_name the download's name. */
int sh_report_file(sh_db *db, const sh_principal *actor, int64_t id, const char *format, sh_buf *out, char ret_name[160],
                   sh_err *err);

#endif
