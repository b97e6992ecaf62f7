#include "store/scope.h"

#include <stdio.h>
#include <string.h>

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

void sh_scope_entities(sh_qb *qb, const sh_scope *scope, const char *alias)
{
    char frag[96];
    switch (scope->kind) {
    case SH_SCOPE_ALL:
        return;
    case SH_SCOPE_DIVISION:
    {
        /* a range rather than LIKE, so the index on division_code serves it: codes are digits,
         * and ':' sorts right after '9' */
        char upper[14];
        snprintf(upper, sizeof upper, "%s:", scope->prefix);
        snprintf(frag, sizeof frag, " AND %s.division_code >= ", alias);
        sh_qb_sql(qb, frag);
        sh_qb_text(qb, scope->prefix);
        snprintf(frag, sizeof frag, " AND %s.division_code < ", alias);
        sh_qb_sql(qb, frag);
        sh_qb_text(qb, upper);
        return;
    }
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
        sh_qb_sql(qb, " AND 0");
        return;
    }
}

int sh_scope_covers_division(const sh_scope *scope, const char *division_code)
{
    switch (scope->kind) {
    case SH_SCOPE_ALL: return 1;
    case SH_SCOPE_DIVISION: return strncmp(division_code, scope->prefix, strlen(scope->prefix)) == 0;
    default: return 0;
    }
}
