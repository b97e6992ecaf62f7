/* Enforcement cases (issue 13; db/049; ../shared/DOMAIN.md "Enforcement, credit, complaints";
 * 市场监督管理行政处罚程序规定, SAMR Order 2 as amended in 2021; 行政处罚法 2021):
 *
 *   general:  clue (verified within 15 working days, +15 once with approval; Art 18)
 *             → filed (立案, by the county: a case number; decision due 90 days later, Art 64, testing,
 *               hearing and public-notice periods not counted, Art 65; +30 days with approval; beyond
 *               that by collective decision) | closed as not filed
 *             → notified (行政处罚告知: the proposed penalty; 5 working days for representations or a
 *               hearing request; a legal review first when the fine reaches the setting
 *               case_legal_review_fine or the licence is suspended or revoked)
 *             → decided (决定) → served (送达, seven methods; payment due 15 days later)
 *             → paid (a late fee of 3 % a day up to the fine, 行政处罚法 Art 72) → closed (结案)
 *   simple:   decided on the spot (当场处罚: at most ¥200 for a person, ¥3 000 for an organisation,
 *             行政处罚法 Art 51), served at once → paid → closed
 *
 * Who sees a case: officials (admin, county, township) of the division it is handled in; an inspector
 * the cases it handles; others nothing. The county files, extends and decides; a township or the
 * handling inspector takes the other steps. Every step moves the case only from the status it expects,
 * inside its transaction. */
#ifndef SH_ENFORCEMENT_CASE_H
#define SH_ENFORCEMENT_CASE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* A new case. body {procedure?: general | simple, source, source_id?, entity_id? | party_kind + party_name
 * (+ party_code?, party_address?, party_rep?) + division_code, facts (10-4000), violation_code?,
 * circumstance?: light | general | heavy, goods_value_yuan?, handler_id?}; simple adds {penalty:
 * [warning | fine], fine_yuan} and is decided and served on the spot. *ret the case. */
int sh_case_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);

/* The case as the actor may see it: fields, every deadline with what it answers, the pauses, the
 * steps, the discretion benchmark's suggestion, the penalties of the last year (Food Safety Law Art 134
 * flag), the late fee as of today. */
int sh_case_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

typedef struct sh_case_filter {
    const char *status, *q;
    int64_t entity_id;
    int overdue, limit;
    int64_t offset;
} sh_case_filter;
/* A page of cases in the actor's jurisdiction, open ones by their nearest deadline: {items, total}. */
int sh_cases_list(sh_db *db, const sh_principal *actor, const sh_case_filter *f, json_t **ret, sh_err *err);

/* A business's own cases as the party, from the penalty notice on (a penalty on the spot included), the
 * open ones first: {items:[{id, case_no, status, facts, penalty, fine_yuan, notified_on, representation_due,
 * decided_on, served_on, payment_due, paid_on, due_today?, documents:[{id, kind, title, number, issued_on,
 * sha256}]}], total}; only the documents addressed to it, once issued. */
int sh_party_cases(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);

/* One step: body {action, …}: extend_verify {note}, file {note?}, not_file {note}, pause {kind, from, to,
 * note?}, extend {note} (+30 days), collective {due, note}, review {note}, notify {violation_code?,
 * circumstance?, goods_value_yuan?, penalty: [...], fine_yuan?, confiscated_yuan?, note?}, decide {note?,
 * fine_yuan? (not above the notice's)}, serve {method, served_on?}, pay {paid_on?, amount_yuan}, close
 * {note?}, assign {handler_id}, publish {note?} (within 20 working days of the decision), overturn {note}
 * (the decision revoked: a published one is withdrawn within 3 working days), withdraw {note?},
 * repair_apply {note} and repair_decide {approve, harm_removed, note} (credit repair, repair.c),
 * list_notify {note?}, list_decide {waived?, note}, list_remove {note} (the serious-dishonesty list,
 * listing.c), preserve {items}, preserve_decide {measure_id, outcome}, seize {items}, seize_extend
 * {measure_id, note}, seize_end {measure_id, outcome} (measure_steps.c), hearing_request, hearing_schedule
 * {date}, hearing_held {note} (hearing_steps.c), enforce {note} (an unpaid fine: the court's execution
 * asked from six months after service; the case may then be closed). *ret the case. */
int sh_case_step(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* Anyone: penalties published and still shown (not withdrawn, not past their period), newest first,
 * q an exact party name: {items:[{case_no, party_name (a person's shortened), party_code (an
 * organisation's), penalty, fine_yuan, decided_on, published_on, publish_until}]}. */
int sh_penalties_public(sh_db *db, const char *q, int limit, int64_t offset, json_t **ret, sh_err *err);

/* The discretion benchmarks: {items:[{code, violation, breached, basis, fine_min, fine_max, threshold,
 * times_min, times_max, warning_first, note}]}; with code, goods value and circumstance the suggested
 * range {lo, hi, basis}. */
int sh_discretion_list(sh_db *db, json_t **ret, sh_err *err);
int sh_discretion_suggest(sh_db *db, const char *code, int64_t goods_value, const char *circumstance, json_t **ret,
                          sh_err *err);
/* Loads data/enforcement/discretion.csv into an empty table (the seed). */
int sh_discretion_seed(sh_db *db, sh_err *err);

#endif
