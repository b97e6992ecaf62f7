/* A new complaint, report or public-opinion event (complaint.h sh_complaint_intake). */
#include "domain/complaints/complaint.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/complaints/complaint_int.h"
#include "domain/loop/attachment.h"
#include "store/scope.h"

/* What the form said, checked. */
typedef struct intake {
    const char *kind, *channel, *respondent_name, *respondent_address, *category, *facts, *request;
    const char *occurred_on, *person_name, *person_phone, *person_address, *notify_by, *source_name, *source_url;
    const char *external_no; /* the 12315 platform's number, for an import */
    int64_t entity_id;
    char division_code[13];
    char entity_name[201], entity_address[301];
} intake;

static int check_kind_channel(const sh_principal *actor, json_t *body, intake *in, sh_err *err)
{
    in->kind = json_string_value(json_object_get(body, "kind"));
    in->channel = json_string_value(json_object_get(body, "channel"));
    int pub = actor == NULL;
    if (!in->kind || (strcmp(in->kind, "complaint") && strcmp(in->kind, "report") && strcmp(in->kind, "both") &&
                      (pub || strcmp(in->kind, "opinion"))))
        return sh_fail(err, SH_EINVAL, "kind", pub ? "类型：请选择投诉、举报或投诉并举报 (kind must be complaint, report or both)"
                                                 : "类型：应为投诉、举报、投诉并举报或舆情 (kind must be complaint, report, both or opinion)");
    if (pub) {
        if (in->channel && strcmp(in->channel, "portal"))
            return sh_fail(err, SH_EINVAL, "channel", "来源：网上提交只能是 portal (the public portal's channel is portal)");
        in->channel = "portal";
        return 0;
    }
    if (!cp_is_official(actor))
        return sh_fail(err, SH_EPERM, "", "只有县局、乡镇（街道）监管人员可以登记投诉举报 (only county and township officials register complaints)");
    if (!in->channel)
        in->channel = !strcmp(in->kind, "opinion") ? "media" : "phone";
    int rc = sh_body_text(body, "external_no", "12315登记编号", 0, 40, &in->external_no, err);
    if (rc)
        return rc;
    if (in->external_no && strcmp(in->channel, "12315"))
        return sh_fail(err, SH_EINVAL, "external_no", "12315登记编号：只有来自12315平台的才有 (external_no is for channel 12315)");
    static const char *const ok[] = {"phone", "walk_in", "letter", "12315", "media"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(in->channel, ok[i]))
            return 0;
    return sh_fail(err, SH_EINVAL, "channel", "来源：应为电话、来访、信函、12315或媒体 (channel must be phone, walk_in, letter, 12315 or media)");
}

/* The respondent: a business on the registry (its name, address and township), or a name. */
static int check_respondent(sh_db *db, json_t *body, intake *in, sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id");
    if (eid && !json_is_null(eid)) {
        if (!json_is_integer(eid) || json_integer_value(eid) <= 0)
            return sh_fail(err, SH_EINVAL, "entity_id", "被投诉举报对象：应为商户编号 (entity_id must be a business id)");
        in->entity_id = json_integer_value(eid);
        sh_stmt *st = sh_db_prepare(db, "SELECT name, coalesce(address, ''), division_code FROM entities WHERE id = ? AND status <> 'closed'", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, in->entity_id);
        int rc = sh_stmt_step(st, err);
        if (rc == SH_ROW) {
            snprintf(in->entity_name, sizeof in->entity_name, "%s", sh_col_text(st, 0));
            snprintf(in->entity_address, sizeof in->entity_address, "%s", sh_col_text(st, 1));
            /* handled by the township the business is in (a village's code: its first 9 digits) */
            snprintf(in->division_code, sizeof in->division_code, "%.9s000", sh_col_text(st, 2));
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (rc != SH_ROW)
            return sh_fail(err, SH_EINVAL, "entity_id", "被投诉举报对象：商户不存在或已注销 (no such business in operation)");
        in->respondent_name = in->entity_name;
        in->respondent_address = in->entity_address[0] ? in->entity_address : NULL;
        return 0;
    }
    int rc = sh_body_text(body, "respondent_name", "被投诉举报对象", 2, 100, &in->respondent_name, err);
    if (rc == 0)
        rc = sh_body_text(body, "respondent_address", "对象地址", 0, 200, &in->respondent_address, err);
    return rc;
}

/* Where it is handled: the named division (a county or township the platform holds, in the
 * official's jurisdiction), else the business's township. */
static int check_division(sh_db *db, const sh_principal *actor, json_t *body, intake *in, sh_err *err)
{
    const char *code = json_string_value(json_object_get(body, "division_code"));
    if (!code && in->division_code[0])
        code = in->division_code;
    if (!code)
        return sh_fail(err, SH_EINVAL, "division_code", "所在地区：请选择县或乡镇（街道） (division_code is required when the business is not on the registry)");
    int level = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT level FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        level = (int)sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (level != 1 && level != 2)
        return sh_fail(err, SH_EINVAL, "division_code", "所在地区：应为本平台的县或乡镇（街道） (division_code must be a county or township)");
    if (actor && !sh_scope_covers_division(&actor->scope, code))
        return sh_fail(err, SH_EINVAL, "division_code", "所在地区：不在您的管辖范围内 (division_code is outside your jurisdiction)");
    if (code != in->division_code)
        snprintf(in->division_code, sizeof in->division_code, "%s", code);
    return 0;
}

static int check_date(json_t *body, const char *today, intake *in, sh_err *err)
{
    in->occurred_on = json_string_value(json_object_get(body, "occurred_on"));
    if (in->occurred_on && !*in->occurred_on)
        in->occurred_on = NULL;
    if (in->occurred_on && (!sh_date_valid(in->occurred_on, NULL, NULL, NULL) || strcmp(in->occurred_on, today) > 0))
        return sh_fail(err, SH_EINVAL, "occurred_on", "发生日期：应为不晚于今天的日期 YYYY-MM-DD (occurred_on must be a date not in the future)");
    return 0;
}

/* The person: a complainant names themself (name, phone, address: what the measures require); a
 * reporter may stay anonymous; a public-opinion event has a source instead. */
static int check_person(json_t *body, intake *in, sh_err *err)
{
    int opinion = !strcmp(in->kind, "opinion");
    int anonymous = json_is_true(json_object_get(body, "anonymous"));
    if (opinion) {
        int rc = sh_body_text(body, "source_name", "舆情来源", 1, 100, &in->source_name, err);
        if (rc == 0)
            rc = sh_body_text(body, "source_url", "链接", 0, 500, &in->source_url, err);
        if (rc == 0 && in->source_url && strncmp(in->source_url, "https://", 8) && strncmp(in->source_url, "http://", 7))
            rc = sh_fail(err, SH_EINVAL, "source_url", "链接：应以 http:// 或 https:// 开头 (source_url must be a web address)");
        return rc;
    }
    if (anonymous && strcmp(in->kind, "report"))
        return sh_fail(err, SH_EINVAL, "anonymous", "匿名：只有举报可以匿名，投诉须留下姓名、电话和地址 (only a report may be anonymous)");
    if (anonymous)
        return 0;
    int complaint = strcmp(in->kind, "report") != 0;
    int rc = sh_body_text(body, "person_name", complaint ? "投诉人姓名" : "举报人姓名", 1, 30, &in->person_name, err);
    if (rc == 0) {
        in->person_phone = json_string_value(json_object_get(body, "person_phone"));
        if (!in->person_phone || !*in->person_phone)
            rc = sh_fail(err, SH_EINVAL, "person_phone", "联系电话：必填，用于告知处理结果和查询进度 (person_phone is required)");
        else if (sh_check_phone(in->person_phone, "person_phone", err) != 0)
            rc = sh_fail(err, SH_EINVAL, "person_phone", "联系电话：应为手机号或带区号的固定电话 (person_phone must be a mobile or landline number)");
    }
    if (rc == 0)
        rc = sh_body_text(body, "person_address", "联系地址", complaint ? 2 : 0, 200, &in->person_address, err);
    in->notify_by = json_string_value(json_object_get(body, "notify_by"));
    if (rc == 0 && in->notify_by && strcmp(in->notify_by, "sms") && strcmp(in->notify_by, "none"))
        rc = sh_fail(err, SH_EINVAL, "notify_by", "告知方式：应为短信或不需告知 (notify_by must be sms or none)");
    return rc;
}

static int check_all(sh_db *db, const sh_principal *actor, json_t *body, const char *today, intake *in, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    int rc = check_kind_channel(actor, body, in, err);
    if (rc == 0)
        rc = check_respondent(db, body, in, err);
    if (rc == 0)
        rc = check_division(db, actor, body, in, err);
    in->category = json_string_value(json_object_get(body, "category"));
    if (rc == 0 && !cp_category_zh(in->category))
        rc = sh_fail(err, SH_EINVAL, "category", "问题类别：请选择一项 (category is not one of the list)");
    if (rc == 0)
        rc = sh_body_text(body, "facts", "事实和理由", 10, 2000, &in->facts, err);
    if (rc == 0)
        rc = sh_body_text(body, "request", "投诉请求", strcmp(in->kind, "complaint") && strcmp(in->kind, "both") ? 0 : 2, 500,
                     &in->request, err);
    if (rc == 0)
        rc = check_date(body, today, in, err);
    if (rc == 0)
        rc = check_person(body, in, err);
    return rc;
}

static int insert_one(sh_db *db, const sh_principal *actor, const intake *in, const char *kind, const char *today,
                      int64_t *ret_id, char code[16], char due[11], sh_err *err)
{
    int complaint = !strcmp(kind, "complaint");
    int rc = sh_workdays_add(db, today, complaint ? CP_ACCEPT_WD : CP_VERIFY_WD, due, err);
    if (rc)
        return rc;
    for (int attempt = 0; attempt < 3; attempt++) {
        cp_tracking_code(code);
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO complaints(kind, channel, tracking_code, entity_id, respondent_name, respondent_address,"
                                    " division_code, category, facts, request, occurred_on, person_name, person_phone, person_address,"
                                    " notify_by, source_name, source_url, status, received_on, due_on, due_step, due_basis, created_by,"
                                    " created_at, updated_at, external_no)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?, ?)"
                                    " ON CONFLICT (tracking_code) DO NOTHING RETURNING id",
                                    err);
        if (st) {
            int64_t now = sh_now_ms();
            sh_bind_text(st, 1, kind);
            sh_bind_text(st, 2, in->channel);
            sh_bind_text(st, 3, code);
            sh_bind_int64_or_null(st, 4, in->entity_id);
            sh_bind_text(st, 5, in->respondent_name);
            sh_bind_text_or_null(st, 6, in->respondent_address);
            sh_bind_text(st, 7, in->division_code);
            sh_bind_text(st, 8, in->category);
            sh_bind_text(st, 9, in->facts);
            sh_bind_text_or_null(st, 10, complaint ? in->request : NULL);
            sh_bind_text_or_null(st, 11, in->occurred_on);
            sh_bind_text_or_null(st, 12, in->person_name);
            sh_bind_text_or_null(st, 13, in->person_phone);
            sh_bind_text_or_null(st, 14, in->person_address);
            sh_bind_text(st, 15, in->person_phone && !(in->notify_by && !strcmp(in->notify_by, "none")) ? "sms" : "none");
            sh_bind_text_or_null(st, 16, in->source_name);
            sh_bind_text_or_null(st, 17, in->source_url);
            sh_bind_text(st, 18, today);
            sh_bind_text(st, 19, due);
            sh_bind_text(st, 20, complaint ? "accept" : "verify");
            sh_bind_text(st, 21, complaint ? CP_BASIS " 第十四条" : CP_BASIS_CASE);
            sh_bind_int64_or_null(st, 22, actor ? actor->user_id : 0);
            sh_bind_int64(st, 23, now);
            sh_bind_int64(st, 24, now);
            /* both records of one submission share the platform's number: the report's gets a suffix */
            char ext[48] = "";
            if (in->external_no)
                snprintf(ext, sizeof ext, "%s%s", in->external_no, !strcmp(kind, "report") && !strcmp(in->kind, "both") ? "-R" : "");
            sh_bind_text_or_null(st, 25, ext);
        }
        *ret_id = 0;
        if ((rc = sh_stmt_insert_id(st, ret_id, err)) == SH_EEXIST) /* the only other unique column */
            return sh_fail(err, SH_EEXIST, "external_no", "12315登记编号 %s 已经登记过 (already registered)", in->external_no ? in->external_no : "");
        if (rc != 0 || *ret_id)
            return rc;
    }
    return sh_fail(err, SH_EINTERNAL, "tracking_code", "no free tracking code");
}

/* The audit keeps what happened, never who complained or reported. */
static int audit_intake(sh_db *db, const sh_principal *actor, int64_t id, const intake *in, const char *kind, sh_err *err)
{
    sh_principal pub;
    if (!actor) {
        sh_principal_public(&pub);
        actor = &pub;
    }
    json_t *after = json_pack("{s:s, s:s, s:s, s:s}", "kind", kind, "channel", in->channel, "division_code", in->division_code,
                              "category", in->category);
    if (in->entity_id)
        json_object_set_new(after, "entity_id", json_integer(in->entity_id));
    int rc = sh_audit(db, actor, "create", "complaint", id, NULL, after, err);
    json_decref(after);
    return rc;
}

static int link_twins(sh_db *db, int64_t a, int64_t b, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE complaints SET twin_id = CASE WHEN id = ? THEN ? ELSE ? END WHERE id IN (?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, a);
        sh_bind_int64(st, 2, b);
        sh_bind_int64(st, 3, a);
        sh_bind_int64(st, 4, a);
        sh_bind_int64(st, 5, b);
    }
    return sh_stmt_run(st, err);
}

int sh_complaint_intake(sh_db *db, const sh_principal *actor, const char *files_dir, json_t *body,
                        const sh_complaint_photo *photos, int nphotos, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    intake in;
    memset(&in, 0, sizeof in);
    int rc = check_all(db, actor, body, today, &in, err);
    if (rc)
        return rc;
    if (nphotos > SH_COMPLAINT_MAX_PHOTOS)
        return sh_fail(err, SH_EINVAL, "photo", "照片：最多 %d 张 (at most %d photos)", SH_COMPLAINT_MAX_PHOTOS, SH_COMPLAINT_MAX_PHOTOS);
    sh_attachment_file files[SH_COMPLAINT_MAX_PHOTOS];
    for (int i = 0; i < nphotos; i++) {
        if (photos[i].len > SH_COMPLAINT_PHOTO_MAX_BYTES)
            return sh_fail(err, SH_ETOOBIG, "photo", "照片：每张不超过 5 MB (each photo at most 5 MiB)");
        if ((rc = sh_attachment_write(files_dir, photos[i].data, photos[i].len, &files[i], err)) != 0) {
            char msg[sizeof err->message];
            snprintf(msg, sizeof msg, "照片 %d：%s", i + 1, err->message);
            snprintf(err->message, sizeof err->message, "%s", msg);
            snprintf(err->field, sizeof err->field, "photo");
            return rc;
        }
    }
    const char *kinds[2] = {in.kind, NULL};
    if (!strcmp(in.kind, "both")) {
        kinds[0] = "complaint";
        kinds[1] = "report";
    }
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *items = json_array();
    int64_t ids[2] = {0, 0};
    for (int k = 0; k < 2 && kinds[k] && rc == 0; k++) {
        char code[16], due[11];
        rc = insert_one(db, actor, &in, kinds[k], today, &ids[k], code, due, err);
        char note[160];
        snprintf(note, sizeof note, "已收到您的%s，编号 %s", cp_kind_zh(kinds[k]), code);
        if (rc == 0)
            rc = cp_log_step(db, actor, ids[k], "registered", NULL, note, NULL, today, err);
        for (int i = 0; rc == 0 && i < nphotos; i++) {
            sh_attachment_blob b = {.entity_id = in.entity_id, .owner_type = "complaint", .owner_id = ids[k]};
            sh_principal pub;
            sh_principal_system(&pub);
            rc = sh_attachment_store(db, actor ? actor : &pub, &b, &files[i], NULL, NULL, err);
        }
        if (rc == 0)
            rc = audit_intake(db, actor, ids[k], &in, kinds[k], err);
        if (rc == 0) {
            char text[200];
            snprintf(text, sizeof text, "您的%s已登记，编号 %s。可凭编号和手机号在“进度查询”查看办理情况。", cp_kind_zh(kinds[k]), code);
            rc = cp_notify(db, ids[k], text, err);
        }
        if (rc == 0)
            json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ids[k], "kind", kinds[k],
                                                   "tracking_code", code, "due_on", due));
    }
    if (rc == 0 && ids[1])
        rc = link_twins(db, ids[0], ids[1], err);
    rc = sh_db_finish(db, rc, err);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}
