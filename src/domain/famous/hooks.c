/* What famous/ listens to (famous.h): a sample's verdict and a penalty decided, so that neither sampling
 * nor enforcement knows of it. */
#include "domain/enforcement/events.h"
#include "domain/famous/famous.h"
#include "domain/sampling/events.h"

int sh_famous_register_hooks(void)
{
    return sh_sample_on_verdict_register(sh_famous_revoke_by_samples) | sh_case_on_decided_register(sh_famous_revoke_by_case);
}
