/* The documents of a case: drafts, edits, issue and verification (documents.h). */
#include "domain/enforcement/documents.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/enforcement/case.h"
#include "domain/enforcement/case_int.h"
#include "domain/ledger/ledger.h"
#include "store/rows.h"

#define DOC_COLS "id, case_id, kind, status, number, content, sha256, issued_on, edited"

static json_t *doc_row(sh_stmt *st, void *with_content)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "case_id",
                          (json_int_t)sh_col_int64(st, 1), "kind", sh_col_text(st, 2), "title", sh_document_title(sh_col_text(st, 2)),
                          "status", sh_col_text(st, 3), "number", sh_col_is_null(st, 4) ? json_null() : json_string(sh_col_text(st, 4)),
                          "sha256", sh_col_is_null(st, 6) ? json_null() : json_string(sh_col_text(st, 6)), "issued_on",
                          sh_col_is_null(st, 7) ? json_null() : json_string(sh_col_text(st, 7)));
    if (with_content) {
        json_t *content = json_loads(sh_col_text(st, 5), 0, NULL);
        json_object_set_new(o, "content", content ? content : json_null());
        json_object_set_new(o, "edited", json_boolean(sh_col_int64(st, 8)));
    }
    return o;
}

static int load_doc(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT " DOC_COLS " FROM case_documents WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = doc_row(st, (void *)1);
    sh_stmt_done(st);
    return rc < 0 ? rc : rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "文书不存在 (no such document)");
}

/* The case's JSON as the templates read it (the actor's right to it checked by the caller). */
static int case_json(sh_db *db, int64_t case_id, json_t **ret, sh_err *err)
{
    sh_principal sys;
    sh_principal_system(&sys);
    return sh_case_get(db, &sys, case_id, ret, err);
}

static int save_content(sh_db *db, int64_t id, json_t *content, int edited, sh_err *err)
{
    char *text = json_dumps(content, JSON_COMPACT);
    sh_stmt *st = sh_db_prepare(db, "UPDATE case_documents SET content = ?, edited = ?, updated_at = ? WHERE id = ? AND status = 'draft'", err);
    if (st) {
        sh_bind_text(st, 1, text);
        sh_bind_int64(st, 2, edited);
        sh_bind_int64(st, 3, sh_now_ms());
        sh_bind_int64(st, 4, id);
    }
    free(text);
    return sh_stmt_run(st, err);
}

int sh_case_document(sh_db *db, const sh_principal *actor, int64_t case_id, const char *kind, json_t **ret, sh_err *err)
{
    cs_row r;
    int rc = cs_load(db, actor, case_id, &r, err);
    if (rc)
        return rc;
    if (!sh_document_title(kind))
        return sh_fail(err, SH_EINVAL, "kind", "文书种类：不是可生成的文书 (kind is not one of the documents)");
    /* an issued document is what it is: nothing to fill */
    sh_stmt *issued = sh_db_prepare(db, "SELECT id FROM case_documents WHERE case_id = ? AND kind = ? AND status = 'issued'", err);
    if (!issued)
        return SH_EINTERNAL;
    sh_bind_int64(issued, 1, case_id);
    sh_bind_text(issued, 2, kind);
    int64_t issued_id = (rc = sh_stmt_step(issued, err)) == SH_ROW ? sh_col_int64(issued, 0) : 0;
    sh_stmt_done(issued);
    if (rc < 0)
        return rc;
    if (issued_id)
        return load_doc(db, issued_id, ret, err);
    json_t *c = NULL, *content = NULL;
    if ((rc = case_json(db, case_id, &c, err)) != 0)
        return rc;
    rc = cs_document_content(db, c, kind, &content, err);
    json_decref(c);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0) {
        json_decref(content);
        return rc;
    }
    sh_stmt *st = sh_db_prepare(db, "SELECT id, status, edited FROM case_documents WHERE case_id = ? AND kind = ?", err);
    int64_t id = 0;
    int draft = 0, edited = 0;
    if (st) {
        sh_bind_int64(st, 1, case_id);
        sh_bind_text(st, 2, kind);
        if ((rc = sh_stmt_step(st, err)) == SH_ROW) {
            id = sh_col_int64(st, 0);
            draft = !strcmp(sh_col_text(st, 1), "draft");
            edited = (int)sh_col_int64(st, 2);
        }
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    } else {
        rc = SH_EINTERNAL;
    }
    if (rc == 0 && !id) { /* the first draft */
        char *text = json_dumps(content, JSON_COMPACT);
        st = sh_db_prepare(db, "INSERT INTO case_documents(case_id, kind, status, content, created_at, updated_at)"
                               " VALUES (?, ?, 'draft', ?, ?, ?) RETURNING id", err);
        if (st) {
            int64_t now = sh_now_ms();
            sh_bind_int64(st, 1, case_id);
            sh_bind_text(st, 2, kind);
            sh_bind_text(st, 3, text);
            sh_bind_int64(st, 4, now);
            sh_bind_int64(st, 5, now);
        }
        rc = sh_stmt_insert_id(st, &id, err);
        free(text);
    } else if (rc == 0 && draft && !edited) { /* an untouched draft follows the case */
        rc = save_content(db, id, content, 0, err);
    }
    json_decref(content);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : load_doc(db, id, ret, err);
}

int sh_case_documents(sh_db *db, const sh_principal *actor, int64_t case_id, json_t **ret, sh_err *err)
{
    cs_row r;
    int rc = cs_load(db, actor, case_id, &r, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT " DOC_COLS " FROM case_documents WHERE case_id = ? ORDER BY id", err);
    if (st)
        sh_bind_int64(st, 1, case_id);
    json_t *items = json_array();
    if ((rc = sh_rows_append(st, doc_row, NULL, items, err)) != 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}

/* A document the actor may see: through its case. */
static int load_seen(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    json_t *d = NULL;
    int rc = load_doc(db, id, &d, err);
    cs_row r;
    if (rc == 0 && cs_load(db, actor, json_integer_value(json_object_get(d, "case_id")), &r, NULL) != 0)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "文书不存在 (no such document)");
    if (rc) {
        json_decref(d);
        return rc;
    }
    *ret = d;
    return 0;
}

int sh_document_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    /* the party reads what was issued to it; officials whatever their case shows */
    if (cs_party_sees_document(db, actor, id))
        return load_doc(db, id, ret, err);
    return load_seen(db, actor, id, ret, err);
}

int sh_document_edit(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *d = NULL;
    int rc = load_seen(db, actor, id, &d, err);
    if (rc)
        return rc;
    if (strcmp(json_string_value(json_object_get(d, "status")), "draft")) {
        json_decref(d);
        return sh_fail(err, SH_EINVAL, "status", "文书已签发，不能再修改 (an issued document is frozen)");
    }
    json_t *edits = json_object_get(body, "blocks"), *blocks = json_object_get(json_object_get(d, "content"), "blocks");
    if (!json_is_array(edits) || !json_array_size(edits))
        rc = sh_fail(err, SH_EINVAL, "blocks", "修改内容：应为[{index, text}] (blocks must be a list of {index, text})");
    size_t i;
    json_t *e;
    json_array_foreach(edits, i, e) {
        if (rc)
            break;
        json_t *idx = json_object_get(e, "index");
        json_t *b = json_is_integer(idx) ? json_array_get(blocks, (size_t)json_integer_value(idx)) : NULL;
        const char *text = json_string_value(json_object_get(e, "text"));
        if (!b || !json_is_true(json_object_get(b, "editable")))
            rc = sh_fail(err, SH_EINVAL, "blocks", "第%zu处修改：该段不可修改 (blocks[%zu] is not an editable paragraph)", i + 1, i);
        else if (sh_check_text(text, 1, 4000, "blocks", NULL) != 0)
            rc = sh_fail(err, SH_EINVAL, "blocks", "第%zu处修改：正文应为1-4000个字 (blocks[%zu].text must be 1-4000 characters)", i + 1, i);
        else
            json_object_set_new(b, "text", json_string(text));
    }
    if (rc == 0 && (rc = sh_db_begin(db, err)) == 0) {
        rc = save_content(db, id, json_object_get(d, "content"), 1, err);
        if (rc == 0)
            rc = sh_audit(db, actor, "edit", "case_document", id, NULL, NULL, err);
        rc = sh_db_finish(db, rc, err);
    }
    json_decref(d);
    return rc ? rc : load_doc(db, id, ret, err);
}

/* The number's word per kind: 青市监罚〔2026〕3号 … */
static const char *number_word(const char *kind)
{
    static const char *const W[][2] = {{"filing_approval", "立审"}, {"penalty_notice", "罚告"}, {"penalty_decision", "罚"},
                                       {"correction_notice", "责改"}, {"service_receipt", "送"}, {"closing_approval", "结"},
                                       {"not_filing_approval", "不立审"}, {"preservation_notice", "先保"}};
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (!strcmp(kind, W[i][0]))
            return W[i][1];
    return NULL;
}

int sh_document_issue(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "文书由县局负责人签发 (the county issues documents)");
    json_t *d = NULL;
    int rc = load_seen(db, actor, id, &d, err);
    if (rc)
        return rc;
    const char *kind = json_string_value(json_object_get(d, "kind"));
    if (strcmp(json_string_value(json_object_get(d, "status")), "draft")) {
        json_decref(d);
        return sh_fail(err, SH_EEXIST, "status", "文书已签发 (issued already)");
    }
    char today[11], number[64] = "";
    sh_today(today);
    if ((rc = sh_db_begin(db, err)) != 0) {
        json_decref(d);
        return rc;
    }
    const char *word = number_word(kind);
    if (word) {
        rc = cs_number_next(db, kind, word, (int)strtol(today, NULL, 10), number, err);
    } else { /* the on-the-spot decision carries the case's own number */
        sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(case_no, '') FROM cases WHERE id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, json_integer_value(json_object_get(d, "case_id")));
            if (sh_stmt_step(st, err) == SH_ROW)
                snprintf(number, sizeof number, "%s", sh_col_text(st, 0));
            sh_stmt_done(st);
        }
    }
    json_t *content = json_object_get(d, "content");
    json_object_set_new(content, "number", json_string(number));
    char *text = json_dumps(content, JSON_COMPACT | JSON_SORT_KEYS);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE case_documents SET status = 'issued', number = ?, content = ?, sha256 = ?, issued_on = ?,"
                                    " issued_by = ?, updated_at = ? WHERE id = ? AND status = 'draft' RETURNING id",
                                    err);
        if (st) {
            sh_bind_text(st, 1, number);
            sh_bind_text(st, 2, text);
            sh_bind_text(st, 3, hex);
            sh_bind_text(st, 4, today);
            sh_bind_int64_or_null(st, 5, actor->user_id);
            sh_bind_int64(st, 6, sh_now_ms());
            sh_bind_int64(st, 7, id);
        }
        int64_t done = 0;
        rc = sh_stmt_insert_id(st, &done, err);
        if (rc == 0 && !done)
            rc = sh_fail(err, SH_EEXIST, "status", "文书已签发 (issued already)");
    }
    free(text);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s}", "kind", kind, "number", number, "sha256", hex);
        rc = sh_audit(db, actor, "issue", "case_document", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0) { /* the issued content's hash in the ledger, so its proof can be shown with it */
        char ref[48];
        snprintf(ref, sizeof ref, "case_document:%lld", (long long)id);
        rc = sh_ledger_append_hex(db, "document", ref, hex, NULL, err);
    }
    json_decref(d);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : load_doc(db, id, ret, err);
}

int sh_document_verify(sh_db *db, const char *sha256, json_t **ret, sh_err *err)
{
    if (!sha256 || strlen(sha256) != 64)
        return sh_fail(err, SH_ENOTFOUND, "sha256", "未找到该文书 (no such document)");
    sh_stmt *st = sh_db_prepare(db, "SELECT kind, number, issued_on, id FROM case_documents WHERE sha256 = ? AND status = 'issued'", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, sha256);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        char agency[120] = "";
        sh_setting_text(db, "case_agency", agency, sizeof agency);
        *ret = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", sh_col_text(st, 0), "title", sh_document_title(sh_col_text(st, 0)),
                         "number", sh_col_text(st, 1), "issued_on", sh_col_text(st, 2), "agency", agency);
        /* its leaf in the ledger: GET /api/v1/ledger/proof/inclusion?index= proves it against a checkpoint */
        char ref[48];
        int64_t leaf = 0;
        snprintf(ref, sizeof ref, "case_document:%lld", (long long)sh_col_int64(st, 3));
        if (sh_ledger_find(db, NULL, ref, &leaf, NULL) == 0)
            json_object_set_new(*ret, "ledger_index", json_integer(leaf));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "sha256", "未找到该文书：文书可能未签发或已被改动 (no issued document has this hash)");
}
