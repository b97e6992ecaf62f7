/* One record of a business (一户一档, issue 15): everything that happened to it, newest first, from every
 * area's own rows — inspections, orders, self-checks, video alerts, 包保 visits, its risk grade, samples,
 * cases and complaints — as one timeline a kind at a time or all together. */
#ifndef SH_HOME_TIMELINE_H
#define SH_HOME_TIMELINE_H

#include <jansson.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* The kinds, in the order the console offers them; each one's Chinese name. */
extern const char *const SH_TIMELINE_KINDS[];
const char *sh_timeline_kind_label(const char *kind);

/* A page of business id's timeline as the actor may see it: {items:[{kind, kind_label, id, at (epoch ms),
 * title, detail, route}], total}. kinds: a comma list of kinds (NULL or "": all); an unknown one is
 * SH_EINVAL naming "kind". The business sees what its own pages show it (completed inspections,
 * confirmed alerts, samples once taken, cases once it was told; no complaints: a report's existence is
 * not its to know); officials all of it. An entity the actor may not see is SH_ENOTFOUND. */
int sh_entity_timeline(sh_db *db, const sh_principal *actor, int64_t id, const char *kinds, const sh_page *page, json_t **ret,
                       sh_err *err);

#endif
