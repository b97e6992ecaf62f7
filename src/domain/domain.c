#include "domain/domain.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "domain/base/settings.h"
#include "domain/brands/brands.h"
#include "domain/famous/famous.h"
#include "domain/complaints/hooks.h"
#include "domain/enforcement/hooks.h"
#include "domain/identity/secret.h"
#include "domain/ledger/checkpoint.h"
#include "domain/loop/hooks.h"
#include "domain/risk/hooks.h"
#include "domain/sampling/hooks.h"
#include "domain/supervision/hooks.h"
#include "domain/video/hooks.h"
#include "domain/workshop/hooks.h"
#include "store/rows.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int result;

/* The ledger's Ed25519 seed: a keyed hash of its origin under the server's secret, so the key lives and
 * dies with var/secret.key and a new origin gets a new key. */
static int ledger_seed(const char *origin, uint8_t seed[32], sh_err *err)
{
    char hex[65];
    int rc = sh_secret_keyed_hash("ledger-ed25519-seed", origin, strlen(origin), hex, err);
    if (rc == 0 && sodium_hex2bin(seed, 32, hex, 64, NULL, NULL, NULL) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "ledger", "密钥派生失败 (key derivation failed)");
    sodium_memzero(hex, sizeof hex);
    return rc;
}

static void register_all(void)
{
    sh_ledger_use_seed(ledger_seed);
    sh_rows_set_total_cap(sh_setting_list_total_cap); /* lists count no further than the bureau's cap */
    /* lowest area first; the order of the risk reasons is the factors' rank, not this order */
    result = sh_risk_register_hooks() | sh_loop_register_hooks() | sh_supervision_register_hooks() | sh_video_register_hooks() |
             sh_sampling_register_hooks() | sh_complaints_register_hooks() |
             sh_enforcement_register_hooks() | sh_brands_register_hooks() | sh_famous_register_hooks() |
             sh_workshop_register_hooks();
}

int sh_domain_init(void)
{
    pthread_once(&once, register_all);
    return result;
}
