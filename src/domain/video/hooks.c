#include "domain/video/hooks.h"

#include "domain/loop/attachment.h"
#include "domain/loop/rectify.h"
#include "domain/risk/factor.h"
#include "domain/video/hazard_push.h"

/* A business sees what its cameras caught only once an official confirmed it as a hazard. */
static int observation_may_read(sh_db *db, const sh_principal *actor, int64_t observation_id, int64_t id, int in_scope)
{
    if (!in_scope)
        return 0;
    if (actor->role != SH_ROLE_BUSINESS)
        return 1;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT 1 FROM alerts a WHERE a.status = 'confirmed' AND (a.snapshot_id = ? OR a.id ="
                                " (SELECT alert_id FROM observations WHERE id = ?))",
                                NULL);
    if (!st)
        return 0;
    sh_bind_int64(st, 1, id);
    sh_bind_int64(st, 2, observation_id);
    int confirmed = sh_stmt_step(st, NULL) == SH_ROW;
    sh_stmt_done(st);
    return confirmed;
}

/* Observation snapshots are stored by ingestion (observe.c), never added through the API. */
static const sh_attachment_owner observation_owner = {.type = "observation", .may_read = observation_may_read};

/* Confirmed hazards whose rectification order ran past its deadline (escalated), each once. DOMAIN.md
 * "Risk grading" (2016 trial measures, dynamic factors): "AI alerts not rectified in time" — a hazard
 * rectified on time adds no risk; the escalated order is not counted again as an order (loop/hooks.c). */
static int count_overdue_hazards(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db,
                             "SELECT count(*) FROM alerts a JOIN rectifications r ON r.id = a.rectification_id"
                             " WHERE a.entity_id = ? AND r.escalated_at >= ? AND a.status = 'confirmed'",
                             entity_id, since_ms, ret_n, err);
}

/* hazards seen on camera, confirmed by an official and not rectified in time */
static const sh_risk_factor video_hazard = {
    .factor = "video_hazard", .label_zh = "视频监控隐患逾期未整改", .setting = "risk_video_hazard", .default_points = 2,
    .rank = 50, .count = count_overdue_hazards};

static int push_overdue(sh_db *db, int64_t order_id, sh_err *err)
{
    return sh_hazard_push(db, "hazard.overdue", order_id, err);
}

int sh_video_register_hooks(void)
{
    return sh_attachment_owner_register(&observation_owner) | sh_risk_factor_register(&video_hazard) |
           sh_rectify_on_escalated("video_alert", push_overdue) | sh_rectify_on_escalated("patrol", push_overdue);
}
