/* A trace as officials see it (issue 12): the walk of trace_graph.h with each business named, its
 * township and, within the official's jurisdiction, whom to call. */
#ifndef SH_TRACE_VIEW_H
#define SH_TRACE_VIEW_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "domain/trace/trace_graph.h"
#include "store/store.h"

/* County, township and admin officials: the walk from epc (holder 0: the first holder); each party gets
 * name, kind, township and, when in the caller's jurisdiction, contact {name, phone}. */
int sh_trace_query(sh_db *db, const sh_principal *actor, const char *epc, int64_t holder, sh_trace_dir dir, json_t **ret, sh_err *err);

#endif
