#include "domain/video/hazard_push.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/loop/outbox.h"

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? NULL : sh_col_text(st, c))
#define OPT_INT(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

int sh_hazard_push(sh_db *db, const char *topic, int64_t order_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT r.id, r.entity_id, e.name, coalesce(nullif(e.legal_rep_phone, ''), nullif(e.officer_phone, '')),"
                                " r.title, r.requirement, r.deadline, r.source_type, r.source_id, a.violation, c.name,"
                                " r.snapshot_id"
                                " FROM rectifications r JOIN entities e ON e.id = r.entity_id"
                                " LEFT JOIN alerts a ON r.source_type = 'video_alert' AND a.id = r.source_id"
                                " LEFT JOIN patrol_tasks p ON r.source_type = 'patrol' AND p.id = r.source_id"
                                " LEFT JOIN cameras c ON c.id = coalesce(a.camera_id, p.camera_id)"
                                " WHERE r.id = ? AND r.source_type IN ('video_alert', 'patrol')",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, order_id);
    int rc = sh_stmt_step(st, err);
    json_t *payload = NULL;
    int64_t entity = 0;
    if (rc == SH_ROW) {
        entity = sh_col_int64(st, 1);
        int video = !strcmp(sh_col_text(st, 7), "video_alert");
        int64_t source = sh_col_int64(st, 8);
        const char *name = sh_col_text(st, 2), *title = sh_col_text(st, 4), *deadline = sh_col_text(st, 6);
        char path[64] = "", message[1024];
        if (!sh_col_is_null(st, 11))
            snprintf(path, sizeof path, "/api/v1/attachments/%lld", (long long)sh_col_int64(st, 11));
        if (!strcmp(topic, "hazard.overdue"))
            snprintf(message, sizeof message, "【食安】%s：%s发现的隐患“%s”已超过整改期限（%s），请立即整改并上传整改材料。", name,
                     video ? "视频监控" : "在线巡查", title, deadline);
        else
            snprintf(message, sizeof message, "【食安】%s：%s发现隐患“%s”，请于%s前整改并在食安平台上传整改材料。", name,
                     video ? "视频监控" : "在线巡查", title, deadline);
        payload = json_pack("{s:s, s:I, s:s, s:I, s:o, s:o, s:I, s:s, s:s*, s:s, s:s*, s:s, s:s*, s:s*, s:o, s:s*, s:s}",
                            "topic", topic, "order_id", (json_int_t)sh_col_int64(st, 0), "source_type", sh_col_text(st, 7),
                            "source_id", (json_int_t)source, "alert_id", video ? json_integer(source) : json_null(),
                            "patrol_id", video ? json_null() : json_integer(source), "entity_id", (json_int_t)entity,
                            "entity_name", name, "phone", OPT_TEXT(st, 3), "title", title, "requirement", OPT_TEXT(st, 5),
                            "deadline", deadline, "violation", OPT_TEXT(st, 9), "camera_name", OPT_TEXT(st, 10),
                            "snapshot_id", OPT_INT(st, 11), "snapshot_path", path[0] ? path : NULL, "message", message);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!payload)
        return 0; /* not a video hazard */
    rc = sh_outbox_add(db, entity, topic, payload, NULL, err);
    json_decref(payload);
    return rc;
}
