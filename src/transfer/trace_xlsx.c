/* Traces and recall lists as workbooks (trace_xlsx.h). */
#include "transfer/trace_xlsx.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "transfer/xlsx_table.h"

static json_t *text_or_null(json_t *v) { return json_is_string(v) && *json_string_value(v) ? json_incref(v) : json_null(); }

int sh_trace_xlsx(const json_t *trace, sh_buf *out, sh_err *err)
{
    static const char *const HEAD[] = {"层级", "单位", "类型", "乡镇", "联系人", "电话", "数量", "计量单位", "时间", "经由事件"};
    json_t *rows = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(trace, "parties"), i, p)
    {
        json_t *c = json_object_get(p, "contact");
        json_array_append_new(rows, json_pack("[O, o, o, o, o, o, O, o, o, o]", json_object_get(p, "tier"), text_or_null(json_object_get(p, "name")),
                                              text_or_null(json_object_get(p, "kind")), text_or_null(json_object_get(p, "township")),
                                              text_or_null(json_object_get(c, "name")), text_or_null(json_object_get(c, "phone")),
                                              json_object_get(p, "quantity"), text_or_null(json_object_get(p, "uom")),
                                              text_or_null(json_object_get(p, "at")), text_or_null(json_object_get(p, "via_event"))));
    }
    char title[300];
    const char *dir = json_string_value(json_object_get(trace, "direction"));
    snprintf(title, sizeof title, "%s追溯：%s", dir && !strcmp(dir, "forward") ? "正向" : "反向",
             json_string_value(json_object_get(trace, "epc")));
    int rc = sh_xlsx_table("追溯", title, HEAD, 10, rows, out, err);
    json_decref(rows);
    return rc;
}

int sh_recall_xlsx(const json_t *view, sh_buf *out, sh_err *err)
{
    static const char *const HEAD[] = {"层级", "单位", "乡镇", "联系人", "电话", "数量", "计量单位", "通知时间", "确认日期", "退回或处置", "处置情况"};
    json_t *rows = json_array();
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(view, "targets"), i, t)
    {
        json_t *c = json_object_get(t, "contact"), *n = json_object_get(t, "notified_at");
        char when[24] = "";
        if (json_is_integer(n)) {
            int64_t ms = json_integer_value(n);
            sh_date_of_days(sh_beijing_days(ms), when);
        }
        json_array_append_new(rows, json_pack("[O, o, o, o, o, O, o, s, o, O, o]", json_object_get(t, "tier"), text_or_null(json_object_get(t, "name")),
                                              text_or_null(json_object_get(t, "township")), text_or_null(json_object_get(c, "name")),
                                              text_or_null(json_object_get(c, "phone")), json_object_get(t, "quantity"),
                                              text_or_null(json_object_get(t, "uom")), when, text_or_null(json_object_get(t, "confirmed_on")),
                                              json_object_get(t, "returned"), text_or_null(json_object_get(t, "note"))));
    }
    json_t *r = json_object_get(view, "recall");
    char title[300];
    snprintf(title, sizeof title, "%s级召回：%s（%s）", json_integer_value(json_object_get(r, "level")) == 1 ? "一"
                                                 : json_integer_value(json_object_get(r, "level")) == 2 ? "二" : "三",
             json_string_value(json_object_get(r, "product")), json_string_value(json_object_get(r, "entity_name")));
    int rc = sh_xlsx_table("召回名单", title, HEAD, 11, rows, out, err);
    json_decref(rows);
    return rc;
}
