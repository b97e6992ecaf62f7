/* Food-safety directors and officers (食品安全总监 / 食品安全员; SAMR Order 60, 2022) and the bureau's
 * spot exams of them (监督抽查考核, Order 60 Art 14; 食品安全法 Art 44), db/069.
 * appoint.c: appointments per business (the business itself or an official in scope);
 * bank.c: the question bank shipped in data/people/exam-questions.json and the draw from a seed (pure);
 * exam.c: an exam started by an official, taken by the business's user, scored here, re-takes;
 * figures.c: the pass rate by township;
 * health.c: staff health certificates (健康证明, 食品安全法 Art 45) and their expiry reminders;
 * insurance.c: food-safety liability insurance (食品安全责任保险, db/074), its card and coverage figures;
 * training.c: training sessions (培训, db/075), their attendance and figures by township;
 * seals.c: 食安封签 for takeaway (db/075): batches issued to a business, use reported, figures;
 * seal_uses.c: seal by seal (db/079): numbers reported used, the public scan of a printed code. */
#ifndef SH_PEOPLE_H
#define SH_PEOPLE_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* appoint.c */
int sh_appointment_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
int sh_appointment_end(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* The appointment in the caller's sight (its business's scope), else SH_ENOTFOUND. */
int sh_appointment_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
int sh_appointments_list(sh_db *db, const sh_principal *actor, int64_t entity_id, int current, const sh_page *page, json_t **ret, sh_err *err);

/* bank.c: the bank, parsed once per process (read-only afterwards). */
const json_t *sh_exam_bank(void);
/* The question of that id, or NULL. */
const json_t *sh_exam_question(const char *id);
/* The ids of n questions drawn without repetition from the bank with seed (the same seed, the same ids
 * in the same order); n is capped at the bank's size. A new array. */
json_t *sh_exam_draw(uint64_t seed, int n);
/* Whether answer is right for question q; SH_EINVAL naming field when its form is wrong for the kind
 * (single: "A".."D"; multiple: a non-empty array of distinct letters; truefalse: true or false). */
int sh_exam_check_answer(const json_t *q, const json_t *answer, const char *field, int *ret_right, sh_err *err);

/* exam.c */
int sh_exam_start(sh_db *db, const sh_principal *actor, int64_t appointment_id, json_t *body, json_t **ret, sh_err *err);
/* The exam as the caller sees it: the questions without answers until it is submitted. */
int sh_exam_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
int sh_exam_submit(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Replays the draw from the recorded seed: {seed, drawn, replayed, match}. */
int sh_exam_verify(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
typedef struct sh_exam_filter {
    const char *status;
    int64_t entity_id, appointment_id;
} sh_exam_filter;
int sh_exams_list(sh_db *db, const sh_principal *actor, const sh_exam_filter *f, const sh_page *page, json_t **ret, sh_err *err);

/* figures.c: submitted exams of a year (Beijing) by township in the caller's jurisdiction. */
int sh_exam_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err);

/* health.c: the business (its own) or a county or township official. body {entity_id (a business: its
 * own), person_name, cert_no, issuer, issued_on (not after today), valid_until (within a year of it)}. */
int sh_health_cert_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* The person left, or the certificate was entered wrongly: it stops counting (removed_on today). */
int sh_health_cert_remove(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Certificates in force (not removed) of the businesses in sight, soonest end first; expiring: only those
 * ending within health_cert_remind_days (or ended). */
int sh_health_certs_list(sh_db *db, const sh_principal *actor, int64_t entity_id, int expiring, const sh_page *page, json_t **ret, sh_err *err);
/* The sweep: one outbox notice (health_cert.expiring) per certificate, health_cert_remind_days before its
 * end; *ret_count how many. Its own transaction. */
int sh_health_certs_remind(sh_db *db, const char *today, int *ret_count, sh_err *err);

/* insurance.c: the business (its own) or a county or township official. body {entity_id (a business: its
 * own), insurer, policy_no (one per insurer), starts_on, ends_on (after it, within 3 years, not before
 * today), coverage_yuan (10 000 – 10⁹), per_person_yuan? (not above coverage), kinds [poisoning, foodborne,
 * product, recall, public]}. */
int sh_insurance_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* The policy in the caller's sight (the card: business, address, licence, limits, status), else SH_ENOTFOUND. */
int sh_insurance_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Entered wrongly or surrendered: it stops counting (cancelled_on today). */
int sh_insurance_cancel(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Policies not cancelled of the businesses in sight, soonest end first; in_force: in force today;
 * expiring: ending within 30 days (or ended). */
int sh_insurance_list(sh_db *db, const sh_principal *actor, int64_t entity_id, int in_force, int expiring, const sh_page *page, json_t **ret,
                      sh_err *err);
/* The shop page (portal/shop.c): the business's policies in force today, public fields only. A new array. */
int sh_insurance_public_of(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err);
/* Coverage today by township and by business kind in the caller's jurisdiction: {date, definition,
 * townships [{code, name, active, insured, rate}], kinds [same, code = kind], total {active, insured, rate}}.
 * For county and township officials. */
int sh_insurance_figures(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

/* training.c: county and township officials (and the administrator) only; a session is seen by those
 * whose jurisdiction covers its division. body {title, held_on (within a year of today either way), place,
 * audience (managers, staff, workshops, all), material?, division_code? (in the caller's jurisdiction;
 * default their own)}. */
int sh_training_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* The session with its people [{id, entity_id, entity_name, appointment_id, person_name}], invited and
 * invited_attended counts and invitations [{entity_id, entity_name, attended}] (a business: its own
 * people, invited_me, attended_mine). material_url? an http(s) link beside the material text. */
int sh_training_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Once held: body {appointment_id} (an appointment in sight: its business and name) or {entity_id,
 * person_name}; the business inside the session's division; a person once a session. */
int sh_training_attend(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Officials invite businesses before the day: body {entity_ids: [1-200 businesses in sight inside the
 * session's division]}; one invited already stays so; each new one told (outbox training.invited). */
int sh_training_invite(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Officials: the sessions of their jurisdiction; a business: those it was invited to or attended, with
 * invited_me and attended_mine (its own people only, never another's invitation). */
int sh_trainings_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);
/* The year's sessions by the township holding them, and attendances and businesses by the township of the
 * business: {year, townships [{code, name, sessions, attendees, businesses}], total {…}}. */
int sh_training_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err);

/* seals.c: an official issues body {entity_id, prefix (2-10 capitals or digits), first_no, last_no (a
 * batch of at most 100 000, not overlapping another of the prefix)}; the business or an official reports
 * body {used} (the running total, never lower, at most the size). Figures by township for officials:
 * {townships [{code, name, batches, issued, used}], total}. */
int sh_seal_batch_issue(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
int sh_seal_batch_use(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_seal_batches_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err);
int sh_seal_figures(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);
/* The batch in the caller's sight (its business's scope), else SH_ENOTFOUND; seals_reported counts its seal_uses. */
int sh_seal_batch_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

/* seal_uses.c: the business (or an official) in sight of the batch reports body {seal_nos: [n, …]} (1-1000
 * distinct numbers of the batch, none reported before), all or none; the batch's used rises to their count
 * when below it. *ret the batch. */
int sh_seal_uses_report(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* The public scan of a printed code "PREFIX-NUMBER": {code, prefix, seal_no, business_name, shop_id (open
 * businesses; else null), township, issued_on, used, used_on}; SH_EINVAL naming code when malformed,
 * SH_ENOTFOUND ("not issued") when no batch holds it. No login, no personal data. */
int sh_seal_public(sh_db *db, const char *code, json_t **ret, sh_err *err);

#endif
