#include "demo/demo_upgrade.h"

#include <jansson.h>
#include <stdio.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/base/principal.h"
#include "domain/workshop/places.h"
#include "domain/workshop/upgrade.h"
#include "store/scope.h"

/* The township (code, name) with the most active workshops, when it has two; ids: up to six of them. */
static int township_of_workshops(sh_db *db, char code[13], char name[64], json_t *ids, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT t.code, t.name, count(*) FROM entities e JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
                                " WHERE e.kind = 'workshop' AND e.status = 'active' GROUP BY t.code, t.name ORDER BY count(*) DESC, t.code LIMIT 1",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err), found = rc == SH_ROW && sh_col_int64(st, 2) >= 2;
    if (found) {
        snprintf(code, 13, "%s", sh_col_text(st, 0));
        snprintf(name, 64, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0 || !found)
        return rc < 0 ? rc : 0;
    char prefix[13];
    sh_division_prefix(code, prefix);
    char like[16];
    snprintf(like, sizeof like, "%s%%", prefix);
    st = sh_db_prepare(db, "SELECT id FROM entities WHERE kind = 'workshop' AND status = 'active' AND division_code LIKE ? ORDER BY id LIMIT 6", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, like);
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(ids, json_integer(sh_col_int64(st, 0)));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int plan_of(sh_db *db, const sh_principal *sys, int64_t place, json_t *body, json_t **ret, sh_err *err)
{
    int rc = sh_upgrade_plan_create(db, sys, place, body, ret, err);
    json_decref(body);
    return rc;
}

/* Marks done the steps of plan whose index is below n (in the plan's order of days). */
static int done_first(sh_db *db, const sh_principal *sys, json_t **plan, size_t n, const char *const *notes, sh_err *err)
{
    int64_t id = json_integer_value(json_object_get(*plan, "id"));
    json_t *steps = json_incref(json_object_get(*plan, "steps"));
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n && i < json_array_size(steps); i++) {
        json_t *body = json_pack("{s:s}", "note", notes[i]), *out = NULL;
        rc = sh_upgrade_step_done(db, sys, id, json_integer_value(json_object_get(json_array_get(steps, i), "id")), body, &out, err);
        json_decref(body);
        if (rc == 0) {
            json_decref(*plan);
            *plan = out;
        }
    }
    json_decref(steps);
    return rc;
}

int sh_demo_upgrade(sh_db *db, sh_err *err)
{
    char code[13] = "", town[64] = "", today[11], d[4][11];
    json_t *ids = json_array();
    int64_t checklist = 0;
    int rc = township_of_workshops(db, code, town, ids, err);
    if (rc == 0)
        rc = sh_db_query_int64(db, "SELECT min(id) FROM checklists WHERE status = 'active'", 0, &checklist, err);
    if (rc || !*code || !checklist) {
        json_decref(ids);
        return rc;
    }
    sh_principal sys;
    sh_principal_system(&sys);
    sh_today(today);
    char name[128];
    snprintf(name, sizeof name, "%s食品小作坊产业园", town);
    json_t *place = NULL, *body = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "park", "name", name, "division_code", code, "address",
                                            "县道旁原粮站旧址", "note", "统一供水、排污，共用检验室");
    rc = sh_ws_place_create(db, &sys, body, &place, err);
    json_decref(body);
    int64_t pid = rc ? 0 : json_integer_value(json_object_get(place, "id"));
    json_decref(place);
    place = NULL;
    if (rc == 0) {
        body = json_pack("{s:O}", "entity_ids", ids);
        rc = sh_ws_place_set_workshops(db, &sys, pid, body, &place, err);
        json_decref(body);
        json_decref(place);
    }
    json_decref(ids);
    /* under way: started 40 days ago, two steps done, one past its day, one 60 working days on */
    sh_date_add_days(today, -40, d[0]);
    sh_date_add_days(today, -20, d[1]);
    sh_date_add_days(today, -5, d[2]);
    sh_date_add_days(today, -30, d[3]);
    json_t *plan = NULL;
    if (rc == 0)
        rc = plan_of(db, &sys, pid,
                     json_pack("{s:s, s:s, s:I, s:s, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:i}]}", "name",
                               "园区提升改造（第一期）", "goal", "生产区与生活区隔离，统一配备清洗消毒和冷藏设施，建立进货查验和出厂检验记录",
                               "checklist_id", (json_int_t)checklist, "starts_on", d[0], "steps", "title", "编制改造方案", "owner_note",
                               "园区管委会", "due_on", d[3], "title", "生产区与生活区隔离", "owner_note", "各小作坊业主", "due_on", d[1], "title",
                               "排水沟加盖、安装防鼠网", "owner_note", "园区管委会", "due_on", d[2], "title", "配备清洗消毒和冷藏设施",
                               "owner_note", "各小作坊业主", "due_workdays", 60),
                     &plan, err);
    if (rc == 0)
        rc = done_first(db, &sys, &plan, 2, (const char *const[]){"方案已经乡镇审定", "隔离墙已砌好，门口设更衣间"}, err);
    json_decref(plan);
    plan = NULL;
    /* done and in acceptance: a model unit's standard records */
    sh_date_add_days(today, -60, d[0]);
    sh_date_add_days(today, -10, d[1]);
    if (rc == 0)
        rc = plan_of(db, &sys, pid,
                     json_pack("{s:s, s:s, s:I, s:s, s:[{s:s, s:s, s:s}]}", "name", "示范单元创建：台账规范化", "goal",
                               "每户建立原料进货查验、生产过程和出厂检验台账，统一格式，按月自查", "checklist_id", (json_int_t)checklist,
                               "starts_on", d[0], "steps", "title", "统一台账格式并培训", "owner_note", "乡镇市场监管所", "due_on", d[1]),
                     &plan, err);
    if (rc == 0)
        rc = done_first(db, &sys, &plan, 1, (const char *const[]){"已发放统一台账并集中培训一次"}, err);
    if (rc == 0) {
        json_t *out = NULL;
        rc = sh_upgrade_plan_start_acceptance(db, &sys, json_integer_value(json_object_get(plan, "id")), NULL, &out, err);
        json_decref(out);
    }
    json_decref(plan);
    return rc;
}
