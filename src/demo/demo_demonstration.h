/* 示范创建 of the demo county (demo_demonstration.c), called by sh_demo_generate. */
#ifndef SH_DEMO_DEMONSTRATION_H
#define SH_DEMO_DEMONSTRATION_H

#include "core/err.h"
#include "store/store.h"

/* One campaign (国家食品安全示范城市创建, started four months ago) with ten tasks across the county and its
 * first townships — some done, some running, two past their day — a dispatch meeting whose two decisions
 * are among them, and three model units. No veto. Inside the caller's transaction; rows written directly. */
int sh_demo_demonstration(sh_db *db, sh_err *err);

#endif
