#include "demo/demo_demonstration.h"

#include <stdio.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/calendar.h"

static const struct {
    const char *title, *dept;
    int town;      /* -1: the county; else the n-th township */
    int due, done; /* due: days from today; done: 0 open, else progress 100 */
    int progress, meeting;
} TASKS[] = {
    {"制定创建工作实施方案并印发", "县食安办", -1, -90, 1, 100, 0},
    {"农贸市场快检室全覆盖", "县市场监管局", 0, 45, 0, 60, 0},
    {"学校食堂明厨亮灶全覆盖", "县教育局", -1, 30, 0, 80, 0},
    {"小作坊集中整治", "城关街道", 0, -5, 0, 40, 1},
    {"网络订餐食安封签推广", "县市场监管局", 1, 60, 0, 30, 1},
    {"食品安全宣传周活动", "县食安办", -1, -20, 1, 100, 0},
    {"示范街区创建验收", "城东街道", 1, -3, 0, 70, 0},
    {"集体用餐配送单位风险排查", "县卫健委", -1, 90, 0, 10, 0},
    {"食品安全责任保险扩面", "县市场监管局", 2, 120, 0, 20, 0},
    {"群众满意度测评", "县食安办", -1, 150, 0, 0, 0},
};
static const struct {
    const char *kind, *name, *status;
    int town;
} UNITS[] = {{"street", "老街美食示范街", "accepted", 0}, {"canteen", "县第一中学示范食堂", "named", 0}, {"market", "城东农贸示范市场", "building", 1}};

static int insert_id(sh_stmt *st, int64_t *id, sh_err *err) { return st ? sh_stmt_insert_id(st, id, err) : SH_EINTERNAL; }

int sh_demo_demonstration(sh_db *db, sh_err *err)
{
    char county[13] = "", towns[3][13] = {"", "", ""}, today[11], day[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "SELECT code, level FROM divisions WHERE level <= 2 ORDER BY level, code", err);
    if (!st)
        return SH_EINTERNAL;
    int rc, n = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        if (sh_col_int64(st, 1) == 1 && !county[0])
            snprintf(county, sizeof county, "%s", sh_col_text(st, 0));
        else if (sh_col_int64(st, 1) == 2 && n < 3)
            snprintf(towns[n++], sizeof towns[0], "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0 || !county[0] || n < 3)
        return rc < 0 ? rc : 0;
    int64_t now = sh_now_ms(), campaign = 0, meeting = 0;
    sh_date_add_months(today, -4, day);
    st = sh_db_prepare(db, "INSERT INTO demonstration_campaigns(division_code, name, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", err);
    char until[11];
    sh_date_add_months(today, 20, until);
    if (st) {
        sh_bind_text(st, 1, county);
        sh_bind_text(st, 2, "国家食品安全示范城市创建");
        sh_bind_text(st, 3, day);
        sh_bind_text(st, 4, until);
        sh_bind_int64(st, 5, now);
    }
    if ((rc = insert_id(st, &campaign, err)) != 0)
        return rc;
    sh_date_add_days(today, -12, day);
    st = sh_db_prepare(db, "INSERT INTO demonstration_meetings(campaign_id, title, held_on, attendees, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", err);
    if (st) {
        sh_bind_int64(st, 1, campaign);
        sh_bind_text(st, 2, "创建工作第二次调度会");
        sh_bind_text(st, 3, day);
        sh_bind_text(st, 4, "分管副县长，县食安委成员单位负责人，各乡镇（街道）分管负责人");
        sh_bind_int64(st, 5, now);
    }
    if ((rc = insert_id(st, &meeting, err)) != 0)
        return rc;
    for (size_t i = 0; rc == 0 && i < sizeof TASKS / sizeof *TASKS; i++) {
        char due[11], done_on[11];
        sh_date_add_days(today, TASKS[i].due, due);
        sh_date_add_days(due, -2, done_on);
        int64_t id = 0;
        st = sh_db_prepare(db,
                           "INSERT INTO demonstration_tasks(campaign_id, meeting_id, title, owner_department, owner_division, due_on, status, progress,"
                           " done_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, campaign);
            sh_bind_int64_or_null(st, 2, TASKS[i].meeting ? meeting : 0);
            sh_bind_text(st, 3, TASKS[i].title);
            sh_bind_text(st, 4, TASKS[i].dept);
            sh_bind_text(st, 5, TASKS[i].town < 0 ? county : towns[TASKS[i].town]);
            sh_bind_text(st, 6, due);
            sh_bind_text(st, 7, TASKS[i].done ? "done" : "open");
            sh_bind_int64(st, 8, TASKS[i].progress);
            sh_bind_text_or_null(st, 9, TASKS[i].done ? done_on : NULL);
            sh_bind_int64(st, 10, now);
            sh_bind_int64(st, 11, now);
        }
        rc = insert_id(st, &id, err);
        if (rc == 0 && TASKS[i].progress > 0 && (st = sh_db_prepare(db, "INSERT INTO demonstration_task_notes(task_id, note, progress, at_ms) VALUES (?, ?, ?, ?)", err))) {
            sh_bind_int64(st, 1, id);
            sh_bind_text(st, 2, TASKS[i].done ? "已按期完成，资料已归档" : "按计划推进中");
            sh_bind_int64(st, 3, TASKS[i].progress);
            sh_bind_int64(st, 4, now);
            rc = sh_stmt_run(st, err);
        }
    }
    for (size_t i = 0; rc == 0 && i < sizeof UNITS / sizeof *UNITS; i++) {
        st = sh_db_prepare(db,
                           "INSERT INTO demonstration_units(campaign_id, kind, name, division_code, status, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           err);
        if (st) {
            sh_bind_int64(st, 1, campaign);
            sh_bind_text(st, 2, UNITS[i].kind);
            sh_bind_text(st, 3, UNITS[i].name);
            sh_bind_text(st, 4, towns[UNITS[i].town]);
            sh_bind_text(st, 5, UNITS[i].status);
            sh_bind_int64(st, 6, now);
            sh_bind_int64(st, 7, now);
        }
        rc = sh_stmt_run(st, err);
    }
    return rc;
}
