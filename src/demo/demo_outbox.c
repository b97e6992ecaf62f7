#include "demo/demo_outbox.h"

#include "core/civil.h"
#include "core/timeutil.h"

int sh_demo_delivered_this_morning(sh_db *db, const char *topic_like, sh_err *err)
{
    int64_t morning = sh_beijing_day_start_ms(sh_beijing_days(sh_now_ms())) + 9 * 3600000LL;
    sh_stmt *st = sh_db_prepare(db, "UPDATE outbox SET created_at = ?, delivered_at = ?, attempts = 1 WHERE topic LIKE ? AND delivered_at IS NULL", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, morning);
    sh_bind_int64(st, 2, morning + 60000);
    sh_bind_text(st, 3, topic_like);
    return sh_stmt_run(st, err);
}
