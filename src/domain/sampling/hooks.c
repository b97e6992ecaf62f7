#include "domain/sampling/hooks.h"

#include <string.h>

#include "domain/loop/attachment.h"
#include "domain/risk/factor.h"
#include "domain/sampling/sample.h"

/* The samplers (or an official) add photos while the sample is taken or on its way to the lab. */
static int photo_check_add(sh_db *db, const sh_principal *actor, int64_t sample_id, int64_t item_id, int64_t *ret_entity, sh_err *err)
{
    (void)item_id;
    if (!sh_sample_may_work(actor))
        return sh_fail(err, SH_EPERM, "", "抽样照片由抽样人员上传 (samplers add the photos)");
    char status[16];
    int rc = sh_sample_load(db, actor, sample_id, status, ret_entity, NULL, err);
    if (rc == 0 && strcmp(status, "assigned") && strcmp(status, "sampled") && strcmp(status, "refused"))
        rc = sh_fail(err, SH_EINVAL, "status", "样品已送检，不能再添加抽样照片 (the sample has left for the lab)");
    return rc;
}

/* Seen with the sample: its business's jurisdiction, except a task not yet sampled, which its
 * business does not see. */
static int photo_may_read(sh_db *db, const sh_principal *actor, int64_t sample_id, int64_t id, int in_scope)
{
    (void)id;
    return in_scope && sh_sample_load(db, actor, sample_id, NULL, NULL, NULL, NULL) == 0;
}

static const sh_attachment_owner sample_owner = {.type = "sample", .check_add = photo_check_add, .may_read = photo_may_read};

/* A failed batch counts from its report until a re-test overturns it; risk monitoring is not a
 * finding against the business. */
static int count_failed(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db,
                             "SELECT count(*) FROM samples WHERE entity_id = ? AND reported_at >= ? AND kind <> 'monitoring'"
                             " AND COALESCE(final_verdict, verdict) = 'fail'",
                             entity_id, since_ms, ret_n, err);
}

static const sh_risk_factor failed = {.factor = "sample_failed", .label_zh = "抽检不合格", .setting = "risk_sample_failed",
                                      .default_points = 10, .rank = 35, .count = count_failed};

int sh_sampling_register_hooks(void)
{
    return sh_attachment_owner_register(&sample_owner) | sh_risk_factor_register(&failed);
}
