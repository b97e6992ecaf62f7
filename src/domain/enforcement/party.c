/* A business's own cases as the party (case.h sh_party_cases): from the penalty notice on (or a penalty on
 * the spot), with what it must do by when and the documents served on it, issued and frozen. It never
 * sees a clue, an investigation before the notice, the handlers' approvals or drafts. */
#include "domain/enforcement/case.h"

#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/enforcement/documents.h"
#include "domain/enforcement/penalty.h"
#include "store/qb.h"
#include "store/rows.h"

/* The documents addressed to the party; approvals and records of the bureau stay internal. */
#define PARTY_KINDS                                                                                               \
    "('penalty_notice', 'penalty_decision', 'simple_decision', 'correction_notice', 'preservation_notice'," \
    " 'address_confirmation', 'service_receipt')"
/* A case the party has been told of. */
#define TOLD "(c.notified_on IS NOT NULL OR c.decided_on IS NOT NULL)"

int cs_party_sees_document(sh_db *db, const sh_principal *actor, int64_t document_id)
{
    if (actor->role != SH_ROLE_BUSINESS || actor->entity_id <= 0)
        return 0;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT count(*) FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE d.id = ? AND d.status = 'issued'"
                                " AND d.kind IN " PARTY_KINDS " AND c.entity_id = ? AND " TOLD,
                                NULL);
    if (!st)
        return 0;
    sh_bind_int64(st, 1, document_id);
    sh_bind_int64(st, 2, actor->entity_id);
    int seen = sh_stmt_step(st, NULL) == SH_ROW && sh_col_int64(st, 0) > 0;
    sh_stmt_done(st);
    return seen;
}

static json_t *document_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "kind", sh_col_text(st, 1), "title",
                     sh_document_title(sh_col_text(st, 1)), "number", sh_col_text(st, 2), "issued_on", sh_col_text(st, 3), "sha256",
                     sh_col_text(st, 4));
}

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))

static json_t *case_row(sh_stmt *st, void *ctx)
{
    sh_db *db = ((void **)ctx)[0];
    const char *today = ((void **)ctx)[1];
    int64_t id = sh_col_int64(st, 0), fine = sh_col_int64(st, 5);
    const char *status = sh_col_text(st, 2);
    json_t *penalty = sh_col_is_null(st, 4) ? NULL : json_loads(sh_col_text(st, 4), 0, NULL);
    if (!json_is_array(penalty)) {
        json_decref(penalty);
        penalty = json_array();
    }
    json_t *o = json_pack("{s:I, s:o, s:s, s:s, s:o, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)id, "case_no", OPT_TEXT(st, 1),
                          "status", status, "facts", sh_col_text(st, 3), "penalty", penalty, "fine_yuan", (json_int_t)fine,
                          "notified_on", OPT_TEXT(st, 6), "representation_due", OPT_TEXT(st, 7), "decided_on", OPT_TEXT(st, 8),
                          "served_on", OPT_TEXT(st, 9), "payment_due", OPT_TEXT(st, 10), "paid_on", OPT_TEXT(st, 11));
    /* what it owes today: the fine and the late fee since the payment was due (3 % a day, capped) */
    if (!strcmp(status, "served") && !sh_col_is_null(st, 10) && fine > 0) {
        int64_t fee = sh_late_fee(fine, sh_date_days(today) - sh_date_days(sh_col_text(st, 10)));
        json_object_set_new(o, "due_today", json_pack("{s:I, s:I, s:I}", "fine_yuan", (json_int_t)fine, "late_fee_yuan", (json_int_t)fee,
                                                      "total_yuan", (json_int_t)(fine + fee)));
    }
    sh_stmt *d = sh_db_prepare(db,
                               "SELECT id, kind, number, issued_on, sha256 FROM case_documents WHERE case_id = ? AND status = 'issued'"
                               " AND kind IN " PARTY_KINDS " ORDER BY issued_on, id",
                               NULL);
    if (d)
        sh_bind_int64(d, 1, id);
    json_t *docs = json_array();
    sh_rows_append(d, document_row, NULL, docs, NULL);
    json_object_set_new(o, "documents", docs);
    return o;
}

static void party_from_where(sh_qb *qb, const void *ctx)
{
    sh_qb_sql(qb, " FROM cases c WHERE c.entity_id = ");
    sh_qb_int64(qb, *(const int64_t *)ctx);
    sh_qb_sql(qb, " AND " TOLD);
}

int sh_party_cases(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS || actor->entity_id <= 0)
        return sh_fail(err, SH_EPERM, "", "仅供经营者查看本单位的案件 (for a business's own cases)");
    char today[11];
    sh_today(today);
    void *ctx[2] = {db, today};
    sh_page_query q = {"c.id, c.case_no, c.status, c.facts, c.penalty, coalesce(c.fine_yuan, 0), c.notified_on, c.representation_due,"
                       " c.decided_on, c.served_on, c.payment_due, c.paid_on",
                       party_from_where, &actor->entity_id, " ORDER BY CASE WHEN c.status IN ('paid', 'closed') THEN 1 ELSE 0 END, c.id DESC",
                       page->limit, page->offset, case_row, ctx};
    return sh_rows_page(db, &q, ret, err);
}
