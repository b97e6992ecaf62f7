/* The business filter from query parameters, shared by the list and the export endpoints. */
#ifndef SH_ENTITY_FILTER_H
#define SH_ENTITY_FILTER_H

#include "domain/registry/entity.h"
#include "http/http.h"

/* Fills f from q, uscc, licence, township, division, grid, kind, status, limit, cursor.
 * On a bad value replies 400 and returns -1. */
int sh_entity_filter_from_query(sh_req *req, sh_entity_filter *f, int default_limit);

#endif
