/* What brands/ listens to (brands.h): a sample's verdict (sampling/events.h) and a penalty decided
 * (enforcement/events.h), so that neither area knows of brands. */
#include "domain/brands/brands.h"
#include "domain/enforcement/events.h"
#include "domain/sampling/events.h"

int sh_brands_register_hooks(void)
{
    return sh_sample_on_verdict_register(sh_brand_suspend_by_samples) | sh_case_on_decided_register(sh_brand_suspend_by_case);
}
