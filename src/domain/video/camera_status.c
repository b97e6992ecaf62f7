/* Whether cameras are on line: heartbeats, the latest snapshot, the sweep that marks silent cameras
 * offline, the list of offline cameras and the coverage of required areas.
 * Routine heartbeats are telemetry and are not audited; a camera going offline (the sweep) and
 * coming back (a heartbeat after that) are, as are snapshots. */
#include "domain/video/camera.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mac.h"
#include "core/message.h"
#include "core/timeutil.h"
#include "domain/loop/attachment.h"
#include "domain/base/audit.h"
#include "domain/video/camera_int.h"
#include "domain/registry/entity.h"
#include "store/qb.h"

int sh_camera_touch(sh_db *db, const sh_principal *actor, int64_t id, int64_t at_ms, json_t *health, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT offline_since FROM cameras WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    int64_t was_offline = rc == SH_ROW && !sh_col_is_null(st, 0) ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在 (no such camera)");
    char *h = health ? json_dumps(health, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6)) : NULL;
    st = sh_db_prepare(db,
                       "UPDATE cameras SET last_heartbeat_at = CASE WHEN coalesce(last_heartbeat_at, 0) > ?"
                       " THEN last_heartbeat_at ELSE ? END, offline_since = NULL, health = coalesce(?, health) WHERE id = ?",
                       err);
    if (!st) {
        free(h);
        return SH_EINTERNAL;
    }
    sh_bind_int64(st, 1, at_ms);
    sh_bind_int64(st, 2, at_ms);
    sh_bind_text(st, 3, h);
    sh_bind_int64(st, 4, id);
    rc = sh_stmt_run(st, err);
    free(h);
    if (rc < 0)
        return rc;
    if (was_offline) {
        json_t *before = json_pack("{s:I}", "offline_since", (json_int_t)was_offline);
        json_t *after = json_pack("{s:I}", "last_heartbeat_at", (json_int_t)at_ms);
        rc = sh_audit(db, actor, "online", "camera", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    return rc;
}

/* Heartbeats and pictures come from the devices, which act with a token of an official of the
 * jurisdiction: never from a business (its own cameras must not look alive on its word) nor from
 * inspectors and samplers. A refusal reads like a camera that does not exist. */
static int may_report(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP ||
        actor->role == SH_ROLE_VILLAGE)
        return 0;
    return sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
}

int sh_camera_heartbeat(sh_db *db, const sh_principal *actor, int64_t id, json_t *health, sh_err *err)
{
    if (may_report(actor, err) != 0)
        return SH_ENOTFOUND;
    json_t *h = NULL;
    if (health && !json_is_null(health) && !(h = sh_camera_check_health(health, "health", err)))
        return SH_EINVAL;
    int rc = sh_db_begin(db, err);
    sh_camera_ref ref;
    if (rc == 0 && (rc = sh_camera_find(db, actor, id, NULL, &ref, err)) == SH_ENOTFOUND)
        sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    if (rc == 0)
        rc = sh_camera_touch(db, actor, id, sh_now_ms(), h, err);
    json_decref(h);
    return sh_db_in_transaction(db) ? sh_db_finish(db, rc, err) : rc;
}

static json_t *item_error(const char *device_id, const sh_err *e)
{
    json_t *error = json_pack("{s:s, s:s}", "code", sh_err_name(e->code), "field", e->field);
    sh_json_set_message(error, e->message);
    return json_pack("{s:s*, s:b, s:o}", "device_id", device_id, "ok", 0, "error", error);
}

int sh_camera_heartbeats(sh_db *db, const sh_principal *actor, json_t *items, json_t **ret, sh_err *err)
{
    if (may_report(actor, err) != 0)
        return sh_fail(err, SH_EPERM, "", "心跳由设备以监管人员的令牌上报 (heartbeats come from devices with an official's token)");
    if (!json_is_array(items) || json_array_size(items) == 0 || json_array_size(items) > 1000)
        return sh_fail(err, SH_EINVAL, "items", "应为1到1000项{device_id, health}的数组 (an array of 1 to 1000 {device_id, health})");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    int64_t now = sh_now_ms();
    json_t *out = json_array();
    int accepted = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        char field[48];
        sh_err e = {0};
        const char *dev = json_string_value(json_object_get(it, "device_id"));
        json_t *health = json_object_get(it, "health"), *h = NULL;
        snprintf(field, sizeof field, "items[%zu].device_id", i);
        if (!json_is_object(it) || sh_camera_check_device_id(dev, field, &e) != 0) {
            if (!e.code)
                sh_fail(&e, SH_EINVAL, field, "必填 (required)");
            json_array_append_new(out, item_error(dev, &e));
            continue;
        }
        snprintf(field, sizeof field, "items[%zu].health", i);
        if (health && !json_is_null(health) && !(h = sh_camera_check_health(health, field, &e))) {
            json_array_append_new(out, item_error(dev, &e));
            continue;
        }
        sh_camera_ref ref;
        char canon[96];
        rc = sh_camera_find(db, actor, 0, sh_device_id_normalize(dev, canon, sizeof canon), &ref, &e);
        if (rc == SH_ENOTFOUND) {
            snprintf(field, sizeof field, "items[%zu].device_id", i);
            sh_fail(&e, SH_ENOTFOUND, field, "没有这个设备编号的摄像头，或不在您的管辖范围内 (no camera with this device_id in your jurisdiction)");
            json_array_append_new(out, item_error(dev, &e));
            json_decref(h);
            rc = 0;
            continue;
        }
        if (rc != 0 && err)
            *err = e;
        if (rc == 0)
            rc = sh_camera_touch(db, actor, ref.id, now, h, err);
        json_decref(h);
        if (rc)
            break;
        accepted++;
        json_array_append_new(out, json_pack("{s:s, s:b, s:I}", "device_id", dev, "ok", 1, "camera_id", (json_int_t)ref.id));
    }
    if ((rc = sh_db_finish(db, rc, err)) != 0) {
        json_decref(out);
        return rc;
    }
    *ret = json_pack("{s:o, s:i, s:i}", "items", out, "accepted", accepted, "rejected", (int)json_array_size(out) - accepted);
    return 0;
}

int sh_camera_heard_device(sh_db *db, const sh_principal *actor, const char *device_id, int *ret_count, sh_err *err)
{
    *ret_count = 0;
    if (may_report(actor, err) != 0)
        return sh_fail(err, SH_ENOTFOUND, "device_id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    char dev[96], mac[SH_MAC_LEN + 1], prefix[SH_MAC_LEN + 3];
    sh_device_id_normalize(device_id, dev, sizeof dev);
    int whole = sh_mac_normalize(dev, mac); /* a bare MAC: the device and every channel of it */
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT c.id FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE (c.device_id = ");
    sh_qb_text(&qb, dev);
    if (whole) {
        snprintf(prefix, sizeof prefix, "%s:%%", mac);
        sh_qb_sql(&qb, " OR c.device_id LIKE ");
        sh_qb_text(&qb, prefix);
    }
    sh_qb_sql(&qb, ")");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY c.id LIMIT 256");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    int64_t ids[256];
    int n = 0;
    rc = st ? 0 : SH_EINTERNAL;
    while (st && (rc = sh_stmt_step(st, err)) == SH_ROW && n < 256)
        ids[n++] = sh_col_int64(st, 0);
    if (st)
        sh_stmt_done(st);
    rc = rc < 0 ? rc : 0;
    if (rc == 0 && n == 0)
        rc = sh_fail(err, SH_ENOTFOUND, "device_id", "没有这个设备编号的摄像头，或不在您的管辖范围内 (no camera with this device_id in your jurisdiction)");
    int64_t now = sh_now_ms();
    for (int i = 0; rc == 0 && i < n; i++)
        rc = sh_camera_touch(db, actor, ids[i], now, NULL, err);
    if ((rc = sh_db_finish(db, rc, err)) == 0)
        *ret_count = n;
    return rc;
}

int sh_camera_snapshot(sh_db *db, const sh_principal *actor, const char *files_dir, int64_t id, const void *data,
                       size_t len, json_t **ret, sh_err *err)
{
    sh_camera_ref ref;
    if (may_report(actor, err) != 0)
        return SH_ENOTFOUND;
    /* looked up first so that nobody outside the jurisdiction can put files on the disk */
    int rc = sh_camera_find(db, actor, id, NULL, &ref, err);
    if (rc == SH_ENOTFOUND)
        return sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    sh_attachment_file file;
    if (rc || (rc = sh_attachment_write(files_dir, data, len, &file, err)) != 0 || (rc = sh_db_begin(db, err)) != 0)
        return rc;
    if ((rc = sh_camera_find(db, actor, id, NULL, &ref, err)) == SH_ENOTFOUND)
        sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    int64_t att = 0;
    json_t *out = NULL;
    if (rc == 0) {
        sh_attachment_blob b = {.entity_id = ref.entity_id, .owner_type = "camera", .owner_id = id};
        rc = sh_attachment_store(db, actor, &b, &file, &att, &out, err);
    }
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE cameras SET last_snapshot_id = ? WHERE id = ?", err);
        rc = st ? 0 : SH_EINTERNAL;
        if (st) {
            sh_bind_int64(st, 1, att);
            sh_bind_int64(st, 2, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
        }
    }
    if (rc >= 0 && out) {
        json_t *after = json_pack("{s:I}", "last_snapshot_id", (json_int_t)att);
        rc = sh_audit(db, actor, "snapshot", "camera", id, NULL, after, err);
        json_decref(after);
    }
    if ((rc = sh_db_finish(db, rc < 0 ? rc : 0, err)) != 0) {
        json_decref(out);
        return rc;
    }
    *ret = out;
    return 0;
}

int sh_camera_sweep_offline(sh_db *db, int64_t now_ms, int *ret_count, sh_err *err)
{
    int64_t from = now_ms - sh_camera_offline_after_ms(db);
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, coalesce(last_heartbeat_at, created_at) FROM cameras WHERE enabled = 1"
                                " AND offline_since IS NULL AND coalesce(last_heartbeat_at, created_at) < ? ORDER BY id",
                                err);
    if (!st)
        return sh_db_finish(db, SH_EINTERNAL, err);
    sh_bind_int64(st, 1, from);
    size_t n = 0, cap = 0;
    int64_t (*rows)[2] = NULL;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            rows = sh_xrealloc(rows, cap * sizeof *rows);
        }
        rows[n][0] = sh_col_int64(st, 0);
        rows[n][1] = sh_col_int64(st, 1);
        n++;
    }
    sh_stmt_done(st);
    sh_principal sys;
    sh_principal_system(&sys);
    for (size_t i = 0; rc >= 0 && i < n; i++) {
        st = sh_db_prepare(db, "UPDATE cameras SET offline_since = ? WHERE id = ?", err);
        if (!st) {
            rc = SH_EINTERNAL;
            break;
        }
        sh_bind_int64(st, 1, rows[i][1]);
        sh_bind_int64(st, 2, rows[i][0]);
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        if (rc >= 0) {
            json_t *after = json_pack("{s:I}", "offline_since", (json_int_t)rows[i][1]);
            rc = sh_audit(db, &sys, "offline", "camera", rows[i][0], NULL, after, err);
            json_decref(after);
        }
    }
    free(rows);
    if ((rc = sh_db_finish(db, rc < 0 ? rc : 0, err)) == 0 && ret_count)
        *ret_count = (int)n;
    return rc;
}

int sh_camera_offline_list(sh_db *db, const sh_principal *actor, int limit, json_t **ret_items, sh_err *err)
{
    if (limit < 1 || limit > 2000)
        return sh_fail(err, SH_EINVAL, "limit", "应为1到2000 (limit must be 1-2000)");
    int64_t now = sh_now_ms(), from = now - sh_camera_offline_after_ms(db);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " CAM_COLS ", coalesce(c.offline_since, c.last_heartbeat_at, c.created_at) AS since" CAM_FROM
                   " WHERE c.enabled = 1 AND coalesce(c.last_heartbeat_at, 0) < ");
    sh_qb_int64(&qb, from);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY since, c.id LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *c = sh_camera_row_json(st, from);
        int64_t since = sh_col_int64(st, CAM_NCOLS);
        json_object_set_new(c, "since", json_integer(since));
        json_object_set_new(c, "offline_s", json_integer(since < now ? (now - since) / 1000 : 0));
        json_array_append_new(items, c);
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    return 0;
}

/* ---- coverage ---- */

static json_t *counters(void)
{
    return json_pack("{s:i, s:i, s:n, s:i, s:i}", "required", 0, "covered", 0, "share", "cameras", 0, "online", 0);
}

/* The group of a township (name NULL: keep the one it has, "" for a new group). */
static json_t *township_group(json_t *map, const char *code, const char *name)
{
    json_t *g = json_object_get(map, code);
    if (!g) {
        g = counters();
        json_object_set_new(g, "township_code", json_string(code));
        json_object_set_new(g, "township_name", json_string(""));
        json_object_set_new(map, code, g);
    }
    if (name)
        json_object_set_new(g, "township_name", json_string(name));
    return g;
}

/* Names of the townships not named yet (a grid's or a business's view): a few lookups. */
static void name_townships(sh_db *db, json_t *map)
{
    const char *code;
    json_t *g;
    json_object_foreach(map, code, g) {
        if (json_string_length(json_object_get(g, "township_name")))
            continue;
        sh_stmt *st = sh_db_prepare(db, "SELECT name FROM divisions WHERE code = ?", NULL);
        if (!st)
            return;
        sh_bind_text(st, 1, code);
        if (sh_stmt_step(st, NULL) == SH_ROW)
            json_object_set_new(g, "township_name", json_string(sh_col_text(st, 0)));
        sh_stmt_done(st);
    }
}

static json_t *kind_group(sh_db *db, json_t *map, const char *kind)
{
    json_t *g = json_object_get(map, kind);
    if (g)
        return g;
    g = counters();
    json_object_set_new(g, "kind", json_string(kind));
    const char *label = sh_entity_kind_label_zh(kind);
    json_object_set_new(g, "kind_label", json_string(label ? label : kind));
    json_t *areas = json_array();
    sh_stmt *st = sh_db_prepare(db, "SELECT area FROM camera_required_areas WHERE kind = ? ORDER BY area", NULL);
    if (st) {
        sh_bind_text(st, 1, kind);
        while (sh_stmt_step(st, NULL) == SH_ROW)
            json_array_append_new(areas, json_string(sh_col_text(st, 0)));
        sh_stmt_done(st);
    }
    json_object_set_new(g, "required_areas", areas);
    json_object_set_new(map, kind, g);
    return g;
}

static void add(json_t *g, const char *k, int64_t n)
{
    json_object_set_new(g, k, json_integer(json_integer_value(json_object_get(g, k)) + n));
}

static void set_share(json_t *g)
{
    json_int_t req = json_integer_value(json_object_get(g, "required"));
    json_object_set_new(g, "share",
                        req ? json_real((double)json_integer_value(json_object_get(g, "covered")) / (double)req) : json_null());
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The groups as an array sorted by key, with their shares. */
static json_t *groups_array(json_t *map)
{
    size_t n = json_object_size(map), i = 0;
    const char **keys = sh_xcalloc(n ? n : 1, sizeof *keys);
    const char *k;
    json_t *g;
    json_object_foreach(map, k, g)
        keys[i++] = k;
    qsort(keys, n, sizeof *keys, cmp_key);
    json_t *arr = json_array();
    for (i = 0; i < n; i++) {
        g = json_object_get(map, keys[i]);
        set_share(g);
        json_array_append(arr, g);
    }
    free(keys);
    return arr;
}

/* Runs one grouped query (township code, kind, a, b) and adds a and b to the
 * counters named ka and kb of the township, the kind and the total. */
static int add_rows(sh_db *db, sh_qb *qb, json_t *towns, json_t *kinds, json_t *total, const char *ka, const char *kb,
                    sh_err *err)
{
    sh_stmt *st = sh_qb_prepare(db, qb, err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *gs[3] = {township_group(towns, sh_col_text(st, 0), NULL), kind_group(db, kinds, sh_col_text(st, 1)), total};
        for (int i = 0; i < 3; i++) {
            add(gs[i], ka, sh_col_int64(st, 2));
            add(gs[i], kb, sh_col_int64(st, 3));
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int coverage_rows(sh_db *db, const sh_principal *actor, int64_t from, json_t *towns, json_t *kinds, json_t *total,
                         sh_err *err)
{
    /* every township of the jurisdiction, also one without a business to cover */
    sh_qb qb;
    int rc = 0;
    if (actor->scope.kind == SH_SCOPE_ALL || actor->scope.kind == SH_SCOPE_DIVISION) {
        char prefix[13];
        snprintf(prefix, sizeof prefix, "%.9s", actor->scope.kind == SH_SCOPE_ALL ? "" : actor->scope.prefix);
        sh_qb_init(&qb);
        sh_qb_sql(&qb, "SELECT code, name FROM divisions WHERE level = 2");
        sh_qb_division_prefix(&qb, "code", prefix);
        sh_stmt *st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        if (!st)
            return SH_EINTERNAL;
        while ((rc = sh_stmt_step(st, err)) == SH_ROW)
            township_group(towns, sh_col_text(st, 0), sh_col_text(st, 1));
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
    }
    /* every kind that must have cameras */
    sh_stmt *st = sh_db_prepare(db, "SELECT DISTINCT kind FROM camera_required_areas", err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        kind_group(db, kinds, sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    /* businesses that must have cameras, and those with every required area on line */
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT substr(e.division_code, 1, 9) || '000', e.kind, count(*), sum(CASE WHEN NOT EXISTS (SELECT 1 FROM"
                   " camera_required_areas r WHERE r.kind = e.kind AND NOT EXISTS (SELECT 1 FROM cameras c WHERE"
                   " c.entity_id = e.id AND c.area = r.area AND c.enabled = 1 AND c.last_heartbeat_at >= ");
    sh_qb_int64(&qb, from);
    sh_qb_sql(&qb, ")) THEN 1 ELSE 0 END) FROM entities e WHERE e.status = 'active' AND e.kind IN (SELECT kind FROM camera_required_areas)");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY 1, 2");
    rc = add_rows(db, &qb, towns, kinds, total, "required", "covered", err);
    sh_qb_release(&qb);
    if (rc)
        return rc;
    /* enabled cameras, and those on line */
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT substr(e.division_code, 1, 9) || '000', e.kind, count(*), coalesce(sum(CASE WHEN c.last_heartbeat_at >= ");
    sh_qb_int64(&qb, from);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0) FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE c.enabled = 1");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY 1, 2");
    rc = add_rows(db, &qb, towns, kinds, total, "cameras", "online", err);
    sh_qb_release(&qb);
    if (rc == 0)
        name_townships(db, towns);
    return rc;
}

int sh_camera_coverage(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    int64_t from = sh_now_ms() - sh_camera_offline_after_ms(db);
    json_t *towns = json_object(), *kinds = json_object(), *total = counters();
    int rc = sh_db_begin_read(db, err);
    if (rc == 0)
        rc = coverage_rows(db, actor, from, towns, kinds, total, err);
    sh_db_rollback(db); /* ends the read snapshot */
    if (rc == 0) {
        set_share(total);
        *ret = json_pack("{s:o, s:o, s:O}", "townships", groups_array(towns), "kinds", groups_array(kinds), "total", total);
    }
    json_decref(towns);
    json_decref(kinds);
    json_decref(total);
    return rc;
}
