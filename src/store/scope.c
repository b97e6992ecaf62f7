#include "store/scope.h"

#include <stdio.h>
#include <string.h>

#include "store/dialect.h"

void sh_division_prefix(const char *code, char out[13])
{
    size_t n = strlen(code);
    if (n == 12 && strcmp(code + 9, "000") == 0)
        n = 9;
    if (n > 12)
        n = 12;
    memcpy(out, code, n);
    out[n] = '\0';
}

int sh_division_prefixes_nested(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    return strncmp(a, b, na < nb ? na : nb) == 0;
}

void sh_qb_division_prefix(sh_qb *qb, const char *col, const char *prefix)
{
    if (!prefix[0])
        return;
    char upper[16];
    snprintf(upper, sizeof upper, "%.12s:", prefix);
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " >= ");
    sh_qb_text(qb, prefix);
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " < ");
    sh_qb_text(qb, upper);
}

void sh_scope_division_column(sh_qb *qb, const sh_scope *scope, const char *col)
{
    if (scope->kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(qb, col, scope->prefix);
    else if (scope->kind != SH_SCOPE_ALL)
        sh_qb_sql(qb, " AND 1 = 0");
}

static void scope_entities(sh_qb *qb, const sh_scope *scope, const char *alias, int by_id)
{
    char frag[96];
    switch (scope->kind) {
    case SH_SCOPE_ALL:
        return;
    case SH_SCOPE_DIVISION:
        if (!scope->prefix[0]) {
            sh_qb_sql(qb, " AND 1 = 0"); /* a division scope without a code sees nothing */
            return;
        }
        snprintf(frag, sizeof frag, "%s.division_code", alias);
        sh_qb_division_prefix(qb, by_id ? sh_sql_no_index(frag).sql : frag, scope->prefix);
        return;
    case SH_SCOPE_GRID:
        snprintf(frag, sizeof frag, " AND %s.grid_id = ", alias);
        sh_qb_sql(qb, frag);
        sh_qb_int64(qb, scope->grid_id);
        return;
    case SH_SCOPE_ENTITY:
        snprintf(frag, sizeof frag, " AND %s.id = ", alias);
        sh_qb_sql(qb, frag);
        sh_qb_int64(qb, scope->entity_id);
        return;
    case SH_SCOPE_NONE:
    default:
        sh_qb_sql(qb, " AND 1 = 0");
        return;
    }
}

void sh_scope_entities(sh_qb *qb, const sh_scope *scope, const char *alias)
{
    scope_entities(qb, scope, alias, 0);
}

void sh_scope_entities_by_id(sh_qb *qb, const sh_scope *scope, const char *alias)
{
    scope_entities(qb, scope, alias, 1);
}

int sh_scope_covers_division(const sh_scope *scope, const char *division_code)
{
    switch (scope->kind) {
    case SH_SCOPE_ALL: return 1;
    case SH_SCOPE_DIVISION: return strncmp(division_code, scope->prefix, strlen(scope->prefix)) == 0;
    default: return 0;
    }
}
