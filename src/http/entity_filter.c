#include "http/entity_filter.h"

#include <string.h>

int sh_entity_filter_from_query(sh_req *req, sh_entity_filter *f, int default_limit)
{
    memset(f, 0, sizeof *f);
    long limit, cursor, grid;
    if (sh_query_long_or_reply(req, "limit", default_limit, 1, 500, &limit) != 0 ||
        sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor) != 0 ||
        sh_query_long_or_reply(req, "grid", 0, 0, INT64_MAX, &grid) != 0)
        return -1;
    f->limit = (int)limit;
    f->after_id = cursor;
    f->grid_id = grid;
    f->q = sh_query(req, "q");
    f->uscc = sh_query(req, "uscc");
    f->licence = sh_query(req, "licence");
    f->township = sh_query(req, "township");
    f->division = sh_query(req, "division");
    f->kind = sh_query(req, "kind");
    f->status = sh_query(req, "status");
    sh_err err = {0};
    if (sh_entity_filter_check(f, &err) != 0) {
        sh_reply_error(req, &err);
        return -1;
    }
    return 0;
}
