#include "domain/domain.h"

#include <pthread.h>

#include "domain/complaints/hooks.h"
#include "domain/enforcement/hooks.h"
#include "domain/loop/hooks.h"
#include "domain/risk/hooks.h"
#include "domain/sampling/hooks.h"
#include "domain/supervision/hooks.h"
#include "domain/video/hooks.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int result;

static void register_all(void)
{
    /* lowest area first; the order of the risk reasons is the factors' rank, not this order */
    result = sh_risk_register_hooks() | sh_loop_register_hooks() | sh_supervision_register_hooks() | sh_video_register_hooks() |
             sh_sampling_register_hooks() | sh_complaints_register_hooks() |
             sh_enforcement_register_hooks();
}

int sh_domain_init(void)
{
    pthread_once(&once, register_all);
    return result;
}
