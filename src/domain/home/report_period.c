/* Months and quarters of reports (report_period.h). */
#include "domain/home/report_period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"

static const char *const QUARTER_ZH[] = {"一", "二", "三", "四"};

static void fill(sh_report_period *p, int year, int first, int last, int quarter)
{
    p->kind = quarter ? "quarter" : "month";
    p->year = year;
    p->first_month = first;
    p->last_month = last;
    snprintf(p->from, sizeof p->from, "%04d-%02d-01", year, first);
    snprintf(p->to, sizeof p->to, "%04d-%02d-%02d", year, last, sh_month_days(year, last));
    if (quarter) {
        snprintf(p->text, sizeof p->text, "%04d-Q%d", year, quarter);
        snprintf(p->label, sizeof p->label, "%d年第%s季度", year, QUARTER_ZH[quarter - 1]);
    } else {
        snprintf(p->text, sizeof p->text, "%04d-%02d", year, first);
        snprintf(p->label, sizeof p->label, "%d年%d月", year, first);
    }
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int sh_report_period_parse(const char *text, const char *today, sh_report_period *out, sh_err *err)
{
    size_t n = text ? strlen(text) : 0;
    int year = n == 7 && digits(text, 4) && text[4] == '-' ? atoi(text) : 0;
    int month = year && digits(text + 5, 2) ? atoi(text + 5) : 0;
    int quarter = year && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4' ? text[6] - '0' : 0;
    if (!year || (!quarter && (month < 1 || month > 12)))
        return sh_fail(err, SH_EINVAL, "period", "报告期应为月份（如2026-11）或季度（如2026-Q4） (period must be YYYY-MM or YYYY-Qn)");
    if (year < 2000)
        return sh_fail(err, SH_EINVAL, "period", "报告期不能早于2000年 (period must not be before 2000)");
    sh_report_period p;
    if (quarter)
        fill(&p, year, quarter * 3 - 2, quarter * 3, quarter);
    else
        fill(&p, year, month, month, 0);
    if (strcmp(p.from, today) > 0)
        return sh_fail(err, SH_EINVAL, "period", "报告期尚未开始，不能生成未来的报告 (the period has not begun)");
    *out = p;
    return 0;
}

void sh_report_period_last(const char *kind, const char *today, sh_report_period *out)
{
    int year = atoi(today), month = atoi(today + 5);
    if (!strcmp(kind, "quarter")) {
        int q = (month - 1) / 3; /* the quarter before this one, 0 meaning last year's fourth */
        if (q == 0)
            fill(out, year - 1, 10, 12, 4);
        else
            fill(out, year, q * 3 - 2, q * 3, q);
    } else if (month == 1) {
        fill(out, year - 1, 12, 12, 0);
    } else {
        fill(out, year, month - 1, month - 1, 0);
    }
}
