/* Complaints, reports and public-opinion events (issue 14; db/047; ../shared/DOMAIN.md "Enforcement,
 * credit, complaints"; 市场监督管理投诉举报处理暂行办法, SAMR Order 20 as revised in 2022).
 *
 *   complaint: registered → dispatched (to the competent township; a disputed jurisdiction is settled
 *              within 7 wd) → accepted (within 7 wd of receipt, Art 14) | closed as rejected (too old,
 *              outside competence, parties missing …, with the reason) → mediating (both parties
 *              consent) → closed as agreed | terminated (no agreement within 45 wd of acceptance,
 *              Art 21) → both parties told within 7 wd → closed
 *   report:    registered → dispatched → verifying (15 wd from receipt, +15 once with approval;
 *              行政处罚程序规定 Art 18) → decided (case | no case) → a real-name reporter told within
 *              5 wd (Art 31) → closed; a reward may be recorded
 *   opinion:   (舆情: a news story, a video, a post) registered → dispatched → verifying (15 wd) → closed
 *
 * Every step's deadline comes from the deadline engine (domain/base/calendar.h) and is kept as a date;
 * a step done after it counts as late. A submission that is both a complaint and a report becomes two
 * records, handled separately (twin_id). The complainant follows it with the tracking code and the
 * phone (a verification code through the outbox), reads the public notes and rates it once closed.
 *
 * Who sees what: officials (admin, county, township) of the division it is handled in; a reporter's
 * identity (name, phone, address) only the handling official and the one who registered it; other
 * roles nothing. Messages to the person go through the outbox without a business, which only the
 * gateway (an admin token) reads. */
#ifndef SH_COMPLAINTS_COMPLAINT_H
#define SH_COMPLAINTS_COMPLAINT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

#define SH_COMPLAINT_MAX_PHOTOS 3
#define SH_COMPLAINT_PHOTO_MAX_BYTES (5 * 1024 * 1024)

/* A photo sent with a complaint (the bytes are borrowed). */
typedef struct sh_complaint_photo {
    const void *data;
    size_t len;
} sh_complaint_photo;

/* A new submission. actor NULL: the public portal (channel portal, the person's name and phone
 * required, a report may be anonymous); otherwise an official (admin, county, township) registering
 * what came by phone, in person, by letter or from the media. body {kind: complaint | report | both |
 * opinion, channel?, entity_id? | respondent_name, respondent_address?, division_code? (default: the
 * business's township, else the county), category, facts (10-2000 characters), request?, occurred_on?,
 * person_name?, person_phone?, person_address?, anonymous?, notify_by? (sms | none), source_name?,
 * source_url? (opinion: required)}. *ret {items:[{id, kind, tracking_code, due_on}]} (two items for
 * both). The photos are checked and stored before anything is recorded. */
int sh_complaint_intake(sh_db *db, const sh_principal *actor, const char *files_dir, json_t *body,
                        const sh_complaint_photo *photos, int nphotos, json_t **ret, sh_err *err);

/* The category code of a code or of its Chinese label (食品质量 …), else "other". */
const char *sh_complaint_category_of(const char *text);

/* The record as the actor may see it: fields, deadline with working days left and whether it is
 * provisional or overdue, the steps, the photos, the twin; the person only where allowed. */
int sh_complaint_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

typedef struct sh_complaint_filter {
    const char *kind, *status, *division_code, *q; /* q: tracking code, respondent or facts */
    int64_t entity_id;
    int overdue;                                   /* the open step's deadline passed */
    int open;                                      /* not closed */
    int limit;                                     /* 1-100 */
    int64_t offset;
} sh_complaint_filter;
/* A page in the actor's jurisdiction, the nearest deadline first among open ones: {items, total}. */
int sh_complaints_list(sh_db *db, const sh_principal *actor, const sh_complaint_filter *f, json_t **ret, sh_err *err);

/* One step by an official: body {action, …} — dispatch {division_code, handler_id?, note?}, dispute
 * {note}, accept {note?}, reject {reason, note?}, mediate {consent: true, delegate? (to the consumer association), note?}, session {note}, agree {note}, terminate
 * {note}, tell {note?}, clue {facts}, verify {note?}, extend {note}, decide {outcome: case | no_case,
 * note}, conclude {note}, reward {yuan, note?}, assign {handler_id}. Checked against the status it
 * starts from inside the transaction. *ret the record as sh_complaint_get. */
int sh_complaint_step(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* The public: a verification code for {tracking_code, phone}, sent through the outbox when they match
 * (the answer is the same either way). */
int sh_complaint_send_code(sh_db *db, json_t *body, json_t **ret, sh_err *err);
/* The public view for {tracking_code, phone, code}: status, the public notes of the steps, the
 * deadline, the rating. A wrong code counts; five wrong ones void the code. */
int sh_complaint_track(sh_db *db, json_t *body, json_t **ret, sh_err *err);
/* A closed one rated once: {tracking_code, phone, code, rating: 1-5, comment?}. */
int sh_complaint_rate(sh_db *db, json_t *body, json_t **ret, sh_err *err);

/* The year's figures in the jurisdiction: received, closed, completion rate, mediation success,
 * on-time rate, satisfaction, by township, category and month. */
int sh_complaint_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err);
/* The same figures for the complaints received from `from` to `to` (YYYY-MM-DD, both included; the
 * caller checks them): {from, to, total, by_township, by_category, by_month}, as a report's period asks. */
int sh_complaint_figures_between(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err);

/* The sweep: a reminder to the division before a deadline (setting complaint_remind_days working
 * days) and an escalation to the county after it, each once per deadline. *ret_n how many sent. */
int sh_complaints_remind(sh_db *db, const char *today, int *ret_n, sh_err *err);

#endif
