/* The configuration an analyser (shian-vision, an AI box) pulls: its cameras with the stream
 * credentials unsealed, the alert rules and the label map. The only place credentials leave the
 * server; every read is audited. */
#include "domain/video/camera.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/audit.h"
#include "domain/video/camera_int.h"
#include "domain/identity/secret.h"
#include "store/qb.h"

static int cameras(sh_db *db, const sh_principal *actor, int64_t after_id, int limit, json_t *out, json_t *with_credentials,
                   sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT c.id, c.entity_id, e.name, c.name, c.area, c.device_id, c.stream_url, c.stream_user, c.stream_secret,"
                   " c.schedule, c.zones, c.rules FROM cameras c JOIN entities e ON e.id = c.entity_id"
                   " WHERE c.enabled = 1 AND e.status NOT IN ('closed', 'revoked') AND c.id > ");
    sh_qb_int64(&qb, after_id);
    sh_scope_entities_by_id(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY c.id LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        char *password = NULL;
        if (!sh_col_is_null(st, 8) && (rc = sh_secret_open(sh_col_text(st, 8), &password, err)) != 0)
            break;
        const char *user = sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7);
        char *url = sh_camera_url_with_credentials(sh_col_text(st, 6), user, password);
        if (password) {
            sodium_memzero(password, strlen(password));
            free(password);
        }
        if (user)
            json_array_append_new(with_credentials, json_integer(sh_col_int64(st, 0)));
        json_array_append_new(out, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s*, s:s, s:o, s:o, s:o}", "id",
                                             (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1),
                                             "entity_name", sh_col_text(st, 2), "name", sh_col_text(st, 3), "area",
                                             sh_col_text(st, 4), "device_id", sh_col_is_null(st, 5) ? NULL : sh_col_text(st, 5),
                                             "stream_url", url, "schedule", sh_camera_json_text(sh_col_text(st, 9), json_array()),
                                             "zones", sh_camera_json_text(sh_col_text(st, 10), json_array()), "rules",
                                             sh_camera_json_text(sh_col_text(st, 11), json_array())));
        sodium_memzero(url, strlen(url));
        free(url);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int alert_rules(sh_db *db, json_t *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT violation, enabled, min_score, min_duration_s, cooldown_s, schedule, use_zones, deadline_wd, night_min_score,"
                                " platform_check FROM alert_rules ORDER BY violation",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *r = json_pack("{s:s, s:b, s:f, s:I, s:I, s:s, s:b, s:I}", "violation", sh_col_text(st, 0),
                              "enabled", (int)sh_col_int64(st, 1), "min_score", sh_col_double(st, 2),
                              "min_duration_s", (json_int_t)sh_col_int64(st, 3), "cooldown_s",
                              (json_int_t)sh_col_int64(st, 4), "schedule", sh_col_text(st, 5), "use_zones",
                              (int)sh_col_int64(st, 6), "deadline_wd", (json_int_t)sh_col_int64(st, 7));
        json_object_set_new(r, "night_min_score", sh_col_is_null(st, 8) ? json_null() : json_real(sh_col_double(st, 8)));
        json_object_set_new(r, "platform_check", json_boolean(sh_col_int64(st, 9) != 0)); /* db/082: shian-vision's own experimental check */
        json_array_append_new(out, r);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int label_map(sh_db *db, json_t *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT source, label, violation FROM label_map ORDER BY source, label", err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "source", sh_col_text(st, 0), "label", sh_col_text(st, 1),
                                             "violation", sh_col_text(st, 2)));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_camera_device_config(sh_db *db, const sh_principal *actor, int64_t after_id, int limit, json_t **ret, sh_err *err)
{
    if (limit < 1 || limit > 5000)
        return sh_fail(err, SH_EINVAL, "limit", "每页条数应为1-5000 (limit must be 1-5000)");
    json_t *cams = json_array(), *rules = json_array(), *labels = json_array(), *with_credentials = json_array();
    int rc = sh_db_begin(db, err);
    if (rc == 0)
        rc = cameras(db, actor, after_id, limit, cams, with_credentials, err);
    if (rc == 0)
        rc = alert_rules(db, rules, err);
    if (rc == 0)
        rc = label_map(db, labels, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:O}", "cameras", (json_int_t)json_array_size(cams), "credentials_of", with_credentials);
        rc = sh_audit(db, actor, "read_credentials", "camera", 0, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    json_decref(with_credentials);
    if (rc != 0) {
        json_decref(cams);
        json_decref(rules);
        json_decref(labels);
        return rc;
    }
    /* the cursor is text, as the other lists give it */
    size_t n = json_array_size(cams);
    char next[32];
    snprintf(next, sizeof next, "%" JSON_INTEGER_FORMAT, n ? json_integer_value(json_object_get(json_array_get(cams, n - 1), "id")) : 0);
    *ret = json_pack("{s:s?, s:o, s:o, s:o}", "next_cursor", n == (size_t)limit ? next : NULL, "cameras", cams, "alert_rules", rules,
                     "label_map", labels);
    return 0;
}
