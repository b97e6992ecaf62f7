#include "domain/workshop/hooks.h"

#include "domain/loop/attachment.h"
#include "domain/workshop/ws_int.h"

/* An application's documents: whoever may see the application (officials of its township, the
 * workshop itself); files are added through sh_ws_app_attach only (check_add NULL). */
static int doc_may_read(sh_db *db, const sh_principal *actor, int64_t app_id, int64_t id, int in_scope)
{
    (void)id;
    (void)in_scope;
    ws_app a;
    sh_err err = {0};
    return ws_load(db, actor, app_id, NULL, &a, &err) == 0;
}

static const sh_attachment_owner workshop_app_owner = {.type = "workshop_app", .check_add = NULL, .may_read = doc_may_read};

int sh_workshop_register_hooks(void) { return sh_attachment_owner_register(&workshop_app_owner); }
