/* 整治验收 campaigns of the demo county (demo_campaigns.c), called by sh_demo_generate. */
#ifndef SH_DEMO_CAMPAIGNS_H
#define SH_DEMO_CAMPAIGNS_H

#include "core/err.h"
#include "store/store.h"

/* Inside the caller's transaction, in the township the demo keeps for itself (sh_demo_own_township): the
 * county opens a campaign of up to eight of its caterers with an account against the first active
 * standard for caterers, through the acceptance area's own calls; five businesses have done their
 * self-check, three of them passed the township's preliminary acceptance and one failed it, so the
 * campaign's page shows each stage. Nothing when there is no such township, standard or business. */
int sh_demo_campaigns(sh_db *db, sh_err *err);

#endif
