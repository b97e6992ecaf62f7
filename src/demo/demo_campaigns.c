#include "demo/demo_campaigns.h"

#include <jansson.h>
#include <stdio.h>

#include "demo/demo_licences.h"
#include "domain/base/principal.h"
#include "domain/supervision/acceptance.h"
#include "store/scope.h"

/* ids of the rows one integer-bound query answers, as a JSON array */
static int ids_of(sh_db *db, const char *sql, int64_t arg, const char *text, json_t *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    if (text)
        sh_bind_text(st, 1, text);
    else
        sh_bind_int64(st, 1, arg);
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(out, json_integer(sh_col_int64(st, 0)));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* One level for one business, every item of the standard passed but fail_item (0: none). */
static int record(sh_db *db, const sh_principal *who, int64_t campaign, int64_t entity, int level, json_t *items, int64_t fail_item,
                  const char *note, sh_err *err)
{
    json_t *results = json_array(), *it;
    size_t i;
    json_array_foreach(items, i, it)
    {
        int64_t id = json_integer_value(it);
        json_array_append_new(results, json_pack("{s:I, s:s, s:s*}", "item_id", (json_int_t)id, "outcome", id == fail_item ? "fail" : "pass",
                                                 "note", id == fail_item ? note : NULL));
    }
    json_t *body = json_pack("{s:I, s:i, s:o, s:s*}", "entity_id", (json_int_t)entity, "level", level, "items", results, "note",
                             fail_item ? NULL : note);
    int rc = sh_acceptance_record(db, who, campaign, body, err);
    json_decref(body);
    return rc;
}

int sh_demo_campaigns(sh_db *db, sh_err *err)
{
    char town[13] = "", prefix[13], like[16];
    int rc = sh_demo_own_township(db, town, err);
    if (rc || !*town)
        return rc;
    sh_division_prefix(town, prefix);
    snprintf(like, sizeof like, "%s%%", prefix);
    json_t *businesses = json_array(), *items = json_array(), *standard = json_array();
    rc = ids_of(db,
                "SELECT e.id FROM entities e WHERE e.kind = 'caterer' AND e.status = 'active' AND e.division_code LIKE ?"
                " AND EXISTS (SELECT 1 FROM users u WHERE u.entity_id = e.id AND u.role = 'business' AND u.disabled = 0) ORDER BY e.id LIMIT 8",
                0, like, businesses, err);
    if (rc == 0)
        rc = ids_of(db, "SELECT id FROM checklists WHERE status = 'active' AND kinds LIKE ? ORDER BY id LIMIT 1", 0, "%\"caterer\"%", standard, err);
    if (rc == 0 && json_array_size(standard))
        rc = ids_of(db, "SELECT id FROM checklist_items WHERE checklist_id = ? ORDER BY seq", json_integer_value(json_array_get(standard, 0)), NULL,
                    items, err);
    sh_principal county, township, owner;
    int64_t campaign = 0;
    if (rc == 0 && json_array_size(businesses) >= 5 && json_array_size(items) &&
        (rc = sh_demo_user_of(db, "county", NULL, 0, &county, err)) == 0 && (rc = sh_demo_user_of(db, "township", town, 0, &township, err)) == 0)
        rc = sh_campaign_create_for(db, &county, "餐饮后厨“明厨亮灶”专项整治", json_integer_value(json_array_get(standard, 0)), businesses,
                                    &campaign, err);
    static const char *const self_notes[] = {"已更换后厨排烟罩并张贴清洗记录", "冷库温度计已校准", "已建立每日晨检记录", "添加物已专柜专人管理",
                                             "餐具消毒柜已维修"};
    for (size_t i = 0; rc == 0 && campaign && i < 5; i++) {
        int64_t entity = json_integer_value(json_array_get(businesses, i));
        if ((rc = sh_demo_user_of(db, "business", NULL, entity, &owner, err)) == 0)
            rc = record(db, &owner, campaign, entity, 1, items, 0, self_notes[i], err);
        if (rc == 0 && i < 4) /* the fourth fails the township's look: its first item */
            rc = record(db, &township, campaign, entity, 2, items, i == 3 ? json_integer_value(json_array_get(items, 0)) : 0,
                        i == 3 ? "后厨操作间地面破损积水，需修补后再验" : "乡镇初验合格", err);
    }
    json_decref(businesses);
    json_decref(items);
    json_decref(standard);
    return rc;
}
