#include "demo/demo_workshops.h"

#include <jansson.h>
#include <stdio.h>

#include "core/civil.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "demo/demo_outbox.h"
#include "domain/base/principal.h"
#include "domain/workshop/workshop.h"

static const struct {
    const char *name, *operator, *street, *code, *product, *decision, *note;
} apps[] = {
    {"米粉坊", "刘春兰", "新街", "XZF-01", "手工米粉", NULL, NULL},
    {"腊味坊", "陈永福", "老街", "XZF-04", "腊肉", "return", "请补充生产加工场所平面图和从业人员健康证明"},
    {"豆腐坊", "黄秀英", "河西路", "XZF-09", "豆腐", "accept", "现场核查符合要求"},
    {"酒坊", "曾国平", "桥头", "XZF-05", "米酒", "refuse", "生产场所与住宅未有效隔离，且位于饮用水源保护区内"},
};

int sh_demo_workshops(sh_db *db, uint64_t seed, int *ret_n, sh_err *err)
{
    /* the first townships of the county, in code order */
    char towns[4][13] = {{0}};
    char names[4][64] = {{0}};
    int ntowns = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT code, name FROM divisions WHERE level = 2 ORDER BY code LIMIT 4", err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && ntowns < 4) {
        snprintf(towns[ntowns], sizeof towns[ntowns], "%s", sh_col_text(st, 0));
        snprintf(names[ntowns], sizeof names[ntowns], "%s", sh_col_text(st, 1));
        ntowns++;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_principal system;
    sh_principal_system(&system);
    sh_rng r;
    sh_rng_init(&r, seed, 37, 0); /* a stream of its own */
    int n = 0;
    for (int i = 0; ntowns && i < 4 && rc == 0; i++) {
        const char *town = towns[i % ntowns], *tname = names[i % ntowns];
        char name[96], address[160], phone[16];
        snprintf(name, sizeof name, "%s%s记%s", tname, (const char *[]){"刘", "陈", "黄", "曾"}[i], apps[i].name);
        snprintf(address, sizeof address, "%s%s%d号", tname, apps[i].street, 1 + (int)sh_rng_below(&r, 80));
        snprintf(phone, sizeof phone, "139%08u", (unsigned)sh_rng_below(&r, 100000000L));
        json_t *body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}", "kind", "new", "division_code", town, "name", name,
                                 "operator", apps[i].operator, "phone", phone, "address", address, "products", "code", apps[i].code, "name",
                                 apps[i].product);
        json_t *view = NULL;
        rc = sh_ws_app_submit(db, &system, body, NULL, &view, err);
        json_decref(body);
        int64_t id = rc == 0 ? json_integer_value(json_object_get(view, "id")) : 0;
        json_decref(view);
        view = NULL;
        if (rc == 0 && apps[i].decision) {
            json_t *review = json_pack("{s:s, s:s}", "decision", apps[i].decision, "note", apps[i].note);
            rc = sh_ws_app_review(db, &system, id, review, &view, err);
            json_decref(review);
            json_decref(view);
        }
        n += rc == 0;
    }
    /* the applicants were told (workshop.reviewed) */
    if (rc == 0)
        rc = sh_demo_delivered_this_morning(db, "workshop.%", err);
    if (rc == 0 && ret_n)
        *ret_n = n;
    return rc;
}
