#include "demo/demo_people.h"

#include <jansson.h>
#include <stdio.h>

#include "core/civil.h"
#include "demo/demo_licences.h"
#include "demo/demo_outbox.h"
#include "domain/base/calendar.h"
#include "domain/people/people.h"

/* Up to n active businesses of the township with an account, caterers first. */
static int businesses(sh_db *db, const char *town, int64_t *out, int n, int *ret_n, sh_err *err)
{
    char prefix[13];
    snprintf(prefix, sizeof prefix, "%.9s%%", town);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.id FROM entities e WHERE e.status = 'active' AND e.division_code LIKE ?"
                                " AND EXISTS (SELECT 1 FROM users u WHERE u.entity_id = e.id AND u.role = 'business' AND u.disabled = 0)"
                                " ORDER BY CASE WHEN e.kind = 'caterer' THEN 0 ELSE 1 END, e.id LIMIT ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, prefix);
    sh_bind_int64(st, 2, n);
    int rc, k = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        out[k++] = sh_col_int64(st, 0);
    sh_stmt_done(st);
    *ret_n = k;
    return rc < 0 ? rc : 0;
}

typedef int (*body_fn)(sh_db *, const sh_principal *, int64_t, json_t *, json_t **, sh_err *);

/* Runs one step on id with body (stolen); *ret_id the id of what it answers when asked. */
static int run(sh_db *db, body_fn fn, const sh_principal *who, int64_t id, json_t *body, int64_t *ret_id, sh_err *err)
{
    json_t *view = NULL;
    int rc = fn(db, who, id, body, &view, err);
    if (rc == 0 && ret_id)
        *ret_id = json_integer_value(json_object_get(view, "id"));
    json_decref(body);
    json_decref(view);
    return rc;
}

static int create(sh_db *db, const sh_principal *who, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    (void)id;
    return sh_training_create(db, who, body, ret, err);
}

static int issue(sh_db *db, const sh_principal *who, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    (void)id;
    return sh_seal_batch_issue(db, who, body, ret, err);
}

static int trainings(sh_db *db, const sh_principal *official, const int64_t *b, const char *today, sh_err *err)
{
    char week_ago[11], ahead[11];
    sh_date_add_days(today, -7, week_ago);
    sh_date_add_days(today, 10, ahead);
    int64_t past = 0, now = 0, later = 0;
    int rc = run(db, create, official, 0,
                 json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", "餐饮服务食品安全操作规范培训", "held_on", week_ago, "place", "乡镇政府三楼会议室",
                           "audience", "managers", "material", "《餐饮服务食品安全操作规范》要点；食品安全总监、食品安全员职责"),
                 &past, err);
    if (rc == 0)
        rc = run(db, create, official, 0,
                 json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "title", "外卖食品安全封签使用培训", "held_on", today, "place", "乡镇文化站", "audience", "all",
                           "material", "外卖食品安全封签的领用、使用和报告", "material_url", "https://www.samr.gov.cn/"),
                 &now, err);
    if (rc == 0)
        rc = run(db, create, official, 0,
                 json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", "夏季食品安全风险防控培训", "held_on", ahead, "place", "乡镇政府三楼会议室", "audience",
                           "staff", "material", "夏季食源性疾病预防、冷链和留样要求"),
                 &later, err);
    if (rc == 0)
        rc = run(db, sh_training_invite, official, now, json_pack("{s:[I, I, I]}", "entity_ids", b[0], b[1], b[2]), NULL, err);
    if (rc == 0)
        rc = run(db, sh_training_invite, official, later, json_pack("{s:[I, I, I]}", "entity_ids", b[0], b[2], b[3]), NULL, err);
    const struct {
        int64_t *session;
        int who;
        const char *name;
    } came[] = {{&past, 0, "刘安全"}, {&past, 3, "陈店长"}, {&now, 0, "周厨师"}, {&now, 1, "黄厨师"}, {&now, 3, "曾店员"}};
    for (size_t i = 0; rc == 0 && i < sizeof came / sizeof *came; i++)
        rc = run(db, sh_training_attend, official, *came[i].session, json_pack("{s:I, s:s}", "entity_id", b[came[i].who], "person_name", came[i].name),
                 NULL, err);
    return rc;
}

static int seals(sh_db *db, const sh_principal *official, const int64_t *b, const char *today, sh_err *err)
{
    char prefix[8];
    snprintf(prefix, sizeof prefix, "FQ%.2s", today + 2); /* 封签 and the year */
    int rc = 0;
    int64_t batch[3] = {0, 0, 0};
    for (int i = 0; rc == 0 && i < 3; i++)
        rc = run(db, issue, official, 0,
                 json_pack("{s:I, s:s, s:I, s:I}", "entity_id", b[i], "prefix", prefix, "first_no", (json_int_t)(1 + i * 1000), "last_no",
                           (json_int_t)(500 + i * 1000)),
                 &batch[i], err);
    sh_principal biz;
    if (rc == 0 && (rc = sh_demo_user_of(db, "business", NULL, b[0], &biz, err)) == 0) {
        json_t *nos = json_array();
        for (int n = 1; n <= 30; n++)
            json_array_append_new(nos, json_integer(n));
        rc = run(db, sh_seal_uses_report, &biz, batch[0], json_pack("{s:o}", "seal_nos", nos), NULL, err);
    }
    if (rc == 0 && (rc = sh_demo_user_of(db, "business", NULL, b[1], &biz, err)) == 0)
        rc = run(db, sh_seal_batch_use, &biz, batch[1], json_pack("{s:i}", "used", 120), NULL, err);
    return rc;
}

int sh_demo_people(sh_db *db, sh_err *err)
{
    char town[13], today[11];
    int rc = sh_demo_own_township(db, town, err), n = 0;
    int64_t b[4];
    if (rc == 0 && *town)
        rc = businesses(db, town, b, 4, &n, err);
    if (rc || n < 4)
        return rc;
    sh_principal official;
    if ((rc = sh_demo_user_of(db, "township", town, 0, &official, err)) != 0)
        return rc;
    sh_today(today);
    if ((rc = trainings(db, &official, b, today, err)) == 0)
        rc = seals(db, &official, b, today, err);
    /* the invited were told */
    return rc ? rc : sh_demo_delivered_this_morning(db, "training.%", err);
}
