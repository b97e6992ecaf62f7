/* Township boundaries of the demo county (demo_boundaries.c), called by sh_demo_generate. */
#ifndef SH_DEMO_BOUNDARIES_H
#define SH_DEMO_BOUNDARIES_H

#include "core/err.h"
#include "store/store.h"

/* One polygon per township: the Voronoi cell of the township's centre (the mean position of its
 * businesses, else a point drawn from its code) clipped to the county's box, so the cells tile the
 * county without overlapping and each holds most of its township's businesses. Inside the caller's
 * transaction; the same rows give the same polygons. *ret_count (may be NULL) gets how many. */
int sh_demo_boundaries(sh_db *db, long *ret_count, sh_err *err);

#endif
