/* Storing an observation and merging it into alerts, in one transaction. */
#include "domain/video/observe.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mac.h"
#include "core/timeutil.h"
#include "domain/loop/attachment.h"
#include "domain/video/camera.h"
#include "domain/video/rules.h"
#include "domain/base/settings.h"
#include "store/qb.h"

typedef struct camera_row {
    int64_t id, entity_id;
    int enabled;
    json_t *rules, *zones, *schedule;
} camera_row;

static void camera_release(camera_row *c)
{
    json_decref(c->rules);
    json_decref(c->zones);
    json_decref(c->schedule);
}

static json_t *load_json_array(const char *text)
{
    json_t *j = json_loads(text, 0, NULL);
    if (j && !json_is_array(j)) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

/* The camera, found by id or device id within the actor's jurisdiction. */
static int camera_load(sh_db *db, const sh_principal *actor, const sh_observation_in *in, camera_row *c, sh_err *err)
{
    const char *field = in->camera_id > 0 ? "camera_id" : "device_id";
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT c.id, c.entity_id, c.enabled, c.rules, c.zones, c.schedule FROM cameras c"
                   " JOIN entities e ON e.id = c.entity_id WHERE ");
    if (in->camera_id > 0) {
        sh_qb_sql(&qb, "c.id = ");
        sh_qb_int64(&qb, in->camera_id);
    } else {
        char dev[96]; /* written as at registration: a MAC and channel however the box spells them */
        sh_qb_sql(&qb, "c.device_id = ");
        sh_qb_text(&qb, sh_device_id_normalize(in->device_id, dev, sizeof dev));
    }
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        c->id = sh_col_int64(st, 0);
        c->entity_id = sh_col_int64(st, 1);
        c->enabled = (int)sh_col_int64(st, 2);
        c->rules = load_json_array(sh_col_text(st, 3));
        c->zones = load_json_array(sh_col_text(st, 4));
        c->schedule = load_json_array(sh_col_text(st, 5));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, field, "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    if (!c->enabled) {
        camera_release(c);
        return sh_fail(err, SH_ENOTFOUND, field, "摄像头已停用 (the camera is disabled)");
    }
    return 0;
}

/* The violation a label stands for: the source's own mapping first, then the one for every source. */
static int map_label(sh_db *db, const char *source, const char *label, char out[32], sh_err *err)
{
    char lower[4 * 64 + 1]; /* a label is at most 64 characters of up to 4 bytes */
    size_t n = strlen(label);
    if (n >= sizeof lower)
        n = sizeof lower - 1;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)tolower((unsigned char)label[i]);
    lower[n] = '\0';
    out[0] = '\0';
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT violation FROM label_map WHERE label = ? AND (source = ? OR source = '*')"
                                " ORDER BY CASE WHEN source = '*' THEN 1 ELSE 0 END LIMIT 1",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, lower);
    sh_bind_text(st, 2, source);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        snprintf(out, 32, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The rule of a violation; *found = 0 when it has none. */
static int load_rule(sh_db *db, const char *violation, sh_alert_rule *r, int *found, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT enabled, min_score, min_duration_s, cooldown_s, schedule, use_zones, night_min_score FROM alert_rules"
                                " WHERE violation = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, violation);
    int rc = sh_stmt_step(st, err);
    *found = rc == SH_ROW;
    if (rc == SH_ROW) {
        r->enabled = (int)sh_col_int64(st, 0);
        r->min_score = sh_col_double(st, 1);
        r->min_duration_s = (int)sh_col_int64(st, 2);
        r->cooldown_s = (int)sh_col_int64(st, 3);
        snprintf(r->schedule, sizeof r->schedule, "%s", sh_col_text(st, 4));
        r->use_zones = (int)sh_col_int64(st, 5);
        r->night_min_score = sh_col_is_null(st, 6) ? -1 : sh_col_double(st, 6);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The observation this source and caller already sent with this key: its id, or 0. */
static int find_duplicate(sh_db *db, const sh_principal *actor, const sh_observation_in *in, int64_t *ret_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                actor->user_id ? "SELECT id FROM observations WHERE source = ? AND idempotency_key = ? AND created_by = ?"
                                               : "SELECT id FROM observations WHERE source = ? AND idempotency_key = ? AND created_by IS NULL",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, in->source);
    sh_bind_text(st, 2, in->idempotency_key);
    if (actor->user_id)
        sh_bind_int64(st, 3, actor->user_id);
    int rc = sh_stmt_step(st, err);
    *ret_id = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static void box_text(const sh_observation_in *in, char out[128])
{
    if (in->has_box)
        snprintf(out, 128, "[%.6g,%.6g,%.6g,%.6g]", in->box[0], in->box[1], in->box[2], in->box[3]);
    else
        out[0] = '\0';
}

static int insert_observation(sh_db *db, const sh_principal *actor, const sh_observation_in *in, const camera_row *c,
                              const char *violation, const char *outcome, int64_t now_ms, int64_t *ret_id, sh_err *err)
{
    char box[128];
    box_text(in, box);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO observations(camera_id, entity_id, source, idempotency_key, observed_at, label,"
                                " violation, score, box, outcome, created_by, created_at, night) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, c->id);
    sh_bind_int64(st, 2, c->entity_id);
    sh_bind_text(st, 3, in->source);
    sh_bind_text(st, 4, in->idempotency_key);
    sh_bind_int64(st, 5, in->observed_at);
    sh_bind_text(st, 6, in->label);
    sh_bind_text_or_null(st, 7, violation);
    sh_bind_double(st, 8, in->score);
    sh_bind_text_or_null(st, 9, box);
    sh_bind_text(st, 10, outcome);
    sh_bind_int64_or_null(st, 11, actor->user_id);
    sh_bind_int64(st, 12, now_ms);
    sh_bind_int64(st, 13, in->night != 0);
    return sh_stmt_insert_id(st, ret_id, err);
}

/* Merges the observation into the camera's alert for the violation whose span lies within the
 * cooldown of observed_at (the latest such alert, whatever its status), or opens a new one.
 * *ret_merged says which. */
static int merge_alert(sh_db *db, const sh_observation_in *in, const camera_row *c, const char *violation,
                       const sh_alert_rule *rule, int64_t snapshot_id, int64_t now_ms, int64_t *ret_alert, int *ret_merged,
                       sh_err *err)
{
    int64_t at = in->observed_at, cooldown = (int64_t)rule->cooldown_s * 1000;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, first_at, last_at, max_score, snapshot_id, status, box FROM alerts"
                                " WHERE camera_id = ? AND violation = ? AND last_at >= ? AND first_at <= ?"
                                " ORDER BY last_at DESC, id DESC LIMIT 1",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, c->id);
    sh_bind_text(st, 2, violation);
    sh_bind_int64(st, 3, at - cooldown);
    sh_bind_int64(st, 4, at + cooldown);
    int rc = sh_stmt_step(st, err);
    int64_t id = 0, first = 0, last = 0, snap = 0;
    double best = 0;
    char status[16] = "", box[128] = "";
    if (rc == SH_ROW) {
        id = sh_col_int64(st, 0);
        first = sh_col_int64(st, 1);
        last = sh_col_int64(st, 2);
        best = sh_col_double(st, 3);
        snap = sh_col_is_null(st, 4) ? 0 : sh_col_int64(st, 4);
        snprintf(status, sizeof status, "%s", sh_col_text(st, 5));
        snprintf(box, sizeof box, "%s", sh_col_text(st, 6));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    char new_box[128];
    box_text(in, new_box);
    if (!id) {
        st = sh_db_prepare(db,
                           "INSERT INTO alerts(camera_id, entity_id, violation, first_at, last_at, observations, max_score, box,"
                           " snapshot_id, status, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, c->id);
        sh_bind_int64(st, 2, c->entity_id);
        sh_bind_text(st, 3, violation);
        sh_bind_int64(st, 4, at);
        sh_bind_int64(st, 5, at);
        sh_bind_double(st, 6, in->score);
        sh_bind_text_or_null(st, 7, new_box);
        sh_bind_int64_or_null(st, 8, snapshot_id);
        sh_bind_text(st, 9, sh_alert_status_after("pending", at, at, rule->min_duration_s));
        sh_bind_int64(st, 10, now_ms);
        if ((rc = sh_stmt_insert_id(st, ret_alert, err)) != 0)
            return rc;
        *ret_merged = 0;
        return 0;
    }
    /* the span grows to cover the observation in whichever order observations arrive; the best
     * score brings its box and picture (a picture also fills an alert that has none) */
    int better = in->score > best;
    if (at < first)
        first = at;
    if (at > last)
        last = at;
    if (better) {
        best = in->score;
        if (new_box[0])
            snprintf(box, sizeof box, "%s", new_box);
    }
    if (snapshot_id && (better || !snap))
        snap = snapshot_id;
    st = sh_db_prepare(db,
                       "UPDATE alerts SET first_at = ?, last_at = ?, observations = observations + 1, max_score = ?, box = ?,"
                       " snapshot_id = ?, status = ? WHERE id = ?",
                       err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, first);
    sh_bind_int64(st, 2, last);
    sh_bind_double(st, 3, best);
    sh_bind_text_or_null(st, 4, box);
    sh_bind_int64_or_null(st, 5, snap);
    sh_bind_text(st, 6, sh_alert_status_after(status, first, last, rule->min_duration_s));
    sh_bind_int64(st, 7, id);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    *ret_alert = id;
    *ret_merged = 1;
    return 0;
}

/* Records what became of the observation. */
static int finish_observation(sh_db *db, int64_t id, int64_t snapshot_id, int64_t alert_id, const char *outcome, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE observations SET snapshot_id = ?, alert_id = ?, outcome = ? WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64_or_null(st, 1, snapshot_id);
    sh_bind_int64_or_null(st, 2, alert_id);
    sh_bind_text(st, 3, outcome);
    sh_bind_int64(st, 4, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The camera is alive (sh_camera_touch: last_heartbeat_at, back on line); its newest picture is
 * this one, when there is one. */
static int touch_camera(sh_db *db, const sh_principal *actor, int64_t camera_id, int64_t snapshot_id, int64_t now_ms,
                        sh_err *err)
{
    int rc = sh_camera_touch(db, actor, camera_id, now_ms, NULL, err);
    if (rc || !snapshot_id)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "UPDATE cameras SET last_snapshot_id = ? WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, snapshot_id);
    sh_bind_int64(st, 2, camera_id);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static json_t *box_json(sh_stmt *st, int col)
{
    json_t *b = sh_col_is_null(st, col) ? NULL : json_loads(sh_col_text(st, col), 0, NULL);
    return b ? b : json_null();
}

#define OPT_ID(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

static json_t *observation_json(sh_db *db, int64_t id)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, camera_id, entity_id, source, idempotency_key, label, violation, score, box,"
                                " observed_at, outcome, alert_id, snapshot_id, created_at FROM observations WHERE id = ?",
                                NULL);
    if (!st)
        return NULL;
    sh_bind_int64(st, 1, id);
    json_t *o = NULL;
    if (sh_stmt_step(st, NULL) == SH_ROW)
        o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s*, s:f, s:o, s:I, s:s, s:o, s:o, s:I}", "id",
                      (json_int_t)sh_col_int64(st, 0), "camera_id", (json_int_t)sh_col_int64(st, 1), "entity_id",
                      (json_int_t)sh_col_int64(st, 2), "source", sh_col_text(st, 3), "idempotency_key", sh_col_text(st, 4),
                      "label", sh_col_text(st, 5), "violation", sh_col_is_null(st, 6) ? NULL : sh_col_text(st, 6), "score",
                      sh_col_double(st, 7), "box", box_json(st, 8), "observed_at", (json_int_t)sh_col_int64(st, 9), "outcome",
                      sh_col_text(st, 10), "alert_id", OPT_ID(st, 11), "snapshot_id", OPT_ID(st, 12), "created_at",
                      (json_int_t)sh_col_int64(st, 13));
    sh_stmt_done(st);
    return o;
}

static json_t *alert_json(sh_db *db, int64_t id)
{
    if (!id)
        return json_null();
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, camera_id, entity_id, violation, status, first_at, last_at, observations, max_score,"
                                " box, snapshot_id FROM alerts WHERE id = ?",
                                NULL);
    if (!st)
        return json_null();
    sh_bind_int64(st, 1, id);
    json_t *a = NULL;
    if (sh_stmt_step(st, NULL) == SH_ROW)
        a = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:I, s:I, s:f, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0),
                      "camera_id", (json_int_t)sh_col_int64(st, 1), "entity_id", (json_int_t)sh_col_int64(st, 2), "violation",
                      sh_col_text(st, 3), "status", sh_col_text(st, 4), "first_at", (json_int_t)sh_col_int64(st, 5), "last_at",
                      (json_int_t)sh_col_int64(st, 6), "observations", (json_int_t)sh_col_int64(st, 7), "max_score",
                      sh_col_double(st, 8), "box", box_json(st, 9), "snapshot_id", OPT_ID(st, 10));
    sh_stmt_done(st);
    return a ? a : json_null();
}

/* {"observation", "alert"} of a stored observation. */
static int reply_of(sh_db *db, int64_t obs_id, json_t **ret, sh_err *err)
{
    json_t *o = observation_json(db, obs_id);
    if (!o)
        return sh_fail(err, SH_EINTERNAL, "", "cannot read the stored observation");
    json_t *alert_id = json_object_get(o, "alert_id");
    json_t *a = alert_json(db, json_is_integer(alert_id) ? json_integer_value(alert_id) : 0);
    *ret = json_pack("{s:o, s:o}", "observation", o, "alert", a);
    return 0;
}

static int stored_duplicate(sh_db *db, const sh_principal *actor, const sh_observation_in *in, json_t **ret, int *ret_duplicate,
                            sh_err *err)
{
    int64_t id = 0;
    int rc = find_duplicate(db, actor, in, &id, err);
    if (rc)
        return rc;
    if (!id)
        return sh_fail(err, SH_EINTERNAL, "", "duplicate observation not found");
    *ret_duplicate = 1;
    return reply_of(db, id, ret, err);
}

/* Everything of one observation inside the caller's transaction; *ret_id is the observation. */
static int store(sh_db *db, const sh_principal *actor, const sh_attachment_file *file, const sh_observation_in *in,
                 int64_t now_ms, int64_t *ret_id, sh_err *err)
{
    camera_row cam = {0};
    int rc = camera_load(db, actor, in, &cam, err);
    if (rc)
        return rc;
    char violation[32];
    sh_alert_rule rule = {0};
    int has_rule = 0;
    rc = map_label(db, in->source, in->label, violation, err);
    if (rc == 0 && violation[0])
        rc = load_rule(db, violation, &rule, &has_rule, err);
    const char *outcome = NULL;
    if (rc == 0) {
        sh_camera_setup setup = {cam.rules, cam.zones, cam.schedule};
        outcome = sh_rule_outcome(violation[0] ? violation : NULL, has_rule ? &rule : NULL, &setup, in->score,
                                  in->has_box ? in->box : NULL, in->observed_at, in->night);
    }
    int64_t obs = 0, snap = 0, alert = 0;
    int merged = 0;
    if (rc == 0)
        rc = insert_observation(db, actor, in, &cam, violation, outcome ? outcome : "alert", now_ms, &obs, err);
    if (rc == 0 && file) {
        sh_attachment_blob b = {.entity_id = cam.entity_id, .owner_type = "observation", .owner_id = obs};
        rc = sh_attachment_store(db, actor, &b, file, &snap, NULL, err);
    }
    if (rc == 0 && !outcome) {
        rc = merge_alert(db, in, &cam, violation, &rule, snap, now_ms, &alert, &merged, err);
        outcome = merged ? "merged" : "alert";
    }
    if (rc == 0)
        rc = finish_observation(db, obs, snap, alert, outcome, err);
    if (rc == 0)
        rc = touch_camera(db, actor, cam.id, snap, now_ms, err);
    camera_release(&cam);
    if (rc == 0)
        *ret_id = obs;
    return rc;
}

int sh_observe(sh_db *db, const sh_principal *actor, const char *files_dir, const sh_observation_in *in, int64_t now_ms,
               json_t **ret, int *ret_duplicate, sh_err *err)
{
    *ret_duplicate = 0;
    if (actor->role == SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "经营主体不能上报AI识别结果 (businesses cannot report observations)");
    int max_snapshot = sh_setting_int(db, "max_snapshot_bytes", SH_OBS_MAX_SNAPSHOT_DEFAULT);
    int rc = sh_observation_check(in, now_ms, max_snapshot > 0 ? (size_t)max_snapshot : 0, err);
    if (rc)
        return rc;
    /* The snapshot is written before the write transaction, so that its fsync does not hold the
     * database's write lock; it is written only for a camera the caller may report on and a key it
     * has not sent before, so that nobody else can put files on the disk. */
    sh_attachment_file file;
    if (in->snapshot) {
        camera_row cam = {0};
        int64_t seen = 0;
        if ((rc = camera_load(db, actor, in, &cam, err)) != 0)
            return rc;
        camera_release(&cam);
        if ((rc = find_duplicate(db, actor, in, &seen, err)) != 0)
            return rc;
        if (!seen && (rc = sh_attachment_write(files_dir, in->snapshot, in->snapshot_len, &file, err)) != 0) {
            if (rc == SH_EINVAL && err)
                snprintf(err->field, sizeof err->field, "snapshot");
            return rc;
        }
    }
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    rc = find_duplicate(db, actor, in, &id, err);
    if (rc == 0 && id) {
        *ret_duplicate = 1;
        rc = reply_of(db, id, ret, err);
        sh_db_rollback(db);
        return rc;
    }
    if (rc == 0)
        rc = store(db, actor, in->snapshot ? &file : NULL, in, now_ms, &id, err);
    if (rc == 0 && (rc = sh_db_commit(db, err)) == 0)
        return reply_of(db, id, ret, err);
    sh_db_rollback(db);
    if (rc == SH_EEXIST) /* the same key raced in from another connection */
        return stored_duplicate(db, actor, in, ret, ret_duplicate, err);
    return rc;
}
