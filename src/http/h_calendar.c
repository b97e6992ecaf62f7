/* The holiday calendar a bureau keeps (notices per year, fixed holidays, provisional years) and the
 * deadline engine's answer for a start date and a number of days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "http/http.h"

static int overview(sh_req *req)
{
    char today[11];
    sh_today(today);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_calendar_overview(req->db, today, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* The {year} path segment: 4 digits, or a 400 naming "year". */
static int year_param(sh_req *req, int *year)
{
    const char *p = req->params[0];
    if (!p || strlen(p) != 4 || strspn(p, "0123456789") != 4) {
        sh_reply_fail(req, SH_EINVAL, "year", "年份应为4位数字 (year must be 4 digits)");
        return -1;
    }
    *year = atoi(p);
    return 0;
}

static int get_year(sh_req *req)
{
    int year;
    if (year_param(req, &year) != 0)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_calendar_year(req->db, year, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int put_year(sh_req *req)
{
    int year;
    if (year_param(req, &year) != 0)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    sh_calendar_day *days = NULL;
    int n = 0;
    const json_t *source = json_object_get(body, "source");
    int rc = source && !json_is_string(source) ? sh_fail(&err, SH_EINVAL, "source", "应为文本 (must be text)") : 0;
    if (rc == 0)
        rc = sh_calendar_days_from_json(json_object_get(body, "days"), &days, &n, &err);
    if (rc == 0)
        rc = sh_calendar_load_notice(req->db, &req->principal, year, json_string_value(source), days, n, &err);
    free(days);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    json_t *out = NULL;
    rc = sh_calendar_year(req->db, year, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* GET /calendar/deadline?from=YYYY-MM-DD&days=N[&calendar_days=1]: the engine's deadline. */
static int deadline(sh_req *req)
{
    long days, calendar_days;
    if (sh_query_long_or_reply(req, "days", 0, 0, 1000, &days) || sh_query_long_or_reply(req, "calendar_days", 0, 0, 1, &calendar_days))
        return MHD_YES;
    char from[11];
    const char *f = sh_query(req, "from");
    if (f)
        snprintf(from, sizeof from, "%s", f);
    else
        sh_today(from);
    if (f && strlen(f) != 10)
        return sh_reply_fail(req, SH_EINVAL, "from", "日期应为YYYY-MM-DD (must be a real date YYYY-MM-DD)");
    sh_deadline_rule rule = {.days = (int)days, .calendar_days = (int)calendar_days};
    sh_deadline d;
    sh_err err = {0};
    if (sh_deadline_due(req->db, from, &rule, NULL, 0, &d, &err) != 0) {
        if (!strcmp(err.field, "date"))
            strcpy(err.field, "from");
        return sh_reply_error(req, &err);
    }
    json_t *out = sh_deadline_json(&d);
    json_object_set_new(out, "from", json_string(from));
    json_object_set_new(out, "days", json_integer(days));
    json_object_set_new(out, "calendar_days", json_boolean(calendar_days));
    return sh_reply_json(req, 200, out);
}

const sh_route sh_routes_calendar[] = {
    {"GET", "/api/v1/calendar", overview, 0},
    {"GET", "/api/v1/calendar/deadline", deadline, 0},
    {"GET", "/api/v1/calendar/:year", get_year, 0},
    {"PUT", "/api/v1/calendar/:year", put_year, 0},
    {0},
};
