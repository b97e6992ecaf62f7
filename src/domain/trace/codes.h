/* Trace codes (issue 12; db/062): what a QR code on a label, a 食安封签, a 承诺达标合格证 or a workshop
 * product stands for. A business mints its own (an official for a business in the jurisdiction); anyone
 * with the code opens the public trace page: product, maker, batch, route, tests passed, and each event's
 * place in the ledger. */
#ifndef SH_TRACE_CODES_H
#define SH_TRACE_CODES_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* body {kind: lot | seal | certificate | product, entity_id? (a business: itself), product (2-100),
 * batch? (≤ 64), produced_on? (a date, not later than today), quantity? (> 0) + uom?, epc? (an
 * identifier the events use; otherwise minted as urn:shian:product|seal|cert:<code>)}. *ret the code
 * {id, code, kind, epc, entity_id, entity_name, product, batch, produced_on, quantity, uom, created_at}. */
int sh_trace_code_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* A code the actor sees (its own business, or in its jurisdiction). */
int sh_trace_code_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* A page of the codes the actor sees, the newest first; entity_id filters. {items, total}. */
int sh_trace_codes_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err);
/* Anyone, by the printed code: {code, kind, product, batch, produced_on, maker {name, address,
 * township, licence_no, licence_valid_until}, route:[{time, step, step_label, business, township}],
 * tests:[{code, product_name, verdict, reported_on}], ledger:[{event_id, index}], checkpoint_size}.
 * No person's name or phone. SH_ENOTFOUND for an unknown code. */
int sh_trace_code_public(sh_db *db, const char *code, json_t **ret, sh_err *err);

/* The Chinese of a CBV business step (short name or URI); the name itself when unknown. */
const char *sh_biz_step_zh(const char *step);

#endif
