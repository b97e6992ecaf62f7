#include "store/qb.h"

#include <stdlib.h>

void sh_qb_init(sh_qb *qb)
{
    sh_buf_init(&qb->sql);
    qb->nargs = 0;
}

void sh_qb_release(sh_qb *qb)
{
    for (int i = 0; i < qb->nargs; i++)
        free(qb->args[i].s);
    qb->nargs = 0;
    sh_buf_release(&qb->sql);
}

void sh_qb_sql(sh_qb *qb, const char *fragment)
{
    sh_buf_adds(&qb->sql, fragment);
}

void sh_qb_count_begin(sh_qb *qb, int64_t limit)
{
    sh_qb_sql(qb, limit > 0 ? "SELECT count(*) FROM (SELECT 1" : "SELECT count(*)");
}

void sh_qb_count_end(sh_qb *qb, int64_t limit)
{
    if (limit <= 0)
        return;
    sh_qb_sql(qb, " LIMIT ");
    sh_qb_int64(qb, limit);
    sh_qb_sql(qb, ") capped");
}

static int next_arg(sh_qb *qb)
{
    if (qb->nargs == SH_QB_MAX_ARGS)
        abort(); /* a programming error: queries are built from a bounded set of filters */
    sh_buf_adds(&qb->sql, "?");
    qb->args[qb->nargs].s = NULL;
    return qb->nargs++;
}

void sh_qb_text(sh_qb *qb, const char *value)
{
    int i = next_arg(qb);
    qb->args[i].type = value ? QB_TEXT : QB_NULL;
    qb->args[i].s = value ? sh_xstrdup(value) : NULL;
}

void sh_qb_int64(sh_qb *qb, int64_t value)
{
    int i = next_arg(qb);
    qb->args[i].type = QB_INT;
    qb->args[i].i = value;
}

void sh_qb_double(sh_qb *qb, double value)
{
    int i = next_arg(qb);
    qb->args[i].type = QB_DOUBLE;
    qb->args[i].d = value;
}

sh_stmt *sh_qb_prepare(sh_db *db, sh_qb *qb, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sh_buf_str(&qb->sql), err);
    if (!st)
        return NULL;
    for (int i = 0; i < qb->nargs; i++) {
        switch (qb->args[i].type) {
        case QB_TEXT: sh_bind_text(st, i + 1, qb->args[i].s); break;
        case QB_INT: sh_bind_int64(st, i + 1, qb->args[i].i); break;
        case QB_DOUBLE: sh_bind_double(st, i + 1, qb->args[i].d); break;
        case QB_NULL: sh_bind_null(st, i + 1); break;
        }
    }
    return st;
}
