/* What the files of domain/complaints share: the loaded record, who may see and act, the step log,
 * the deadline rules and the messages to the person. */
#ifndef SH_COMPLAINTS_INT_H
#define SH_COMPLAINTS_INT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/calendar.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* The rules' deadlines (working days) and their basis. */
#define CP_ACCEPT_WD 7     /* receipt → accepted or not (Art 14) */
#define CP_SETTLE_WD 7     /* a disputed jurisdiction settled */
#define CP_MEDIATE_WD 45   /* acceptance → agreement, else mediation ends (Art 21) */
#define CP_TELL_WD 7       /* mediation ended → both parties told (Art 21) */
#define CP_VERIFY_WD 15    /* a report or clue verified, +15 once (处罚程序规定 Art 18) */
#define CP_TELL_REPORTER_WD 5 /* the decision → a real-name reporter told (Art 31) */
#define CP_BASIS "投诉举报处理暂行办法"
#define CP_BASIS_CASE "市场监督管理行政处罚程序规定 第十八条"

/* One record as loaded for a decision. */
typedef struct cp_row {
    int64_t id, entity_id, handler_id, created_by, twin_id;
    char kind[12], status[16], division_code[13], tracking_code[16];
    char received_on[11], due_on[11], due_step[16], accepted_on[11], mediation_due[11];
    int verify_extended, has_person, notify_sms;
    char outcome[16];
} cp_row;

/* Officials who handle complaints: admin, county, township. */
int cp_is_official(const sh_principal *actor);
/* Loads a record the actor may see (officials of its division); SH_ENOTFOUND otherwise. */
int cp_load(sh_db *db, const sh_principal *actor, int64_t id, cp_row *out, sh_err *err);
/* Loads by id without a check (the public's path, after its own check). */
int cp_load_any(sh_db *db, int64_t id, cp_row *out, sh_err *err);
/* Whether the actor sees the person behind the record: always for a complaint or opinion; for a
 * report only the handling official and the one who registered it. */
int cp_sees_person(const sh_principal *actor, const cp_row *r);

/* Appends a step to the log; due may be NULL or "" (no deadline): late when done_on is after it. */
int cp_log_step(sh_db *db, const sh_principal *actor, int64_t id, const char *step, const char *note,
                const char *public_note, const char *due, const char *done_on, sh_err *err);
/* Tells the person (a phone and notify_by sms) through the outbox: topic complaint.notify, no business,
 * so only the gateway reads it. Nothing when there is no one to tell. */
int cp_notify(sh_db *db, int64_t id, const char *text, sh_err *err);
/* Working days from today to due: 0 on the day, negative once overdue (days past, calendar). */
int cp_workdays_left(sh_db *db, const char *today, const char *due, int *ret, sh_err *err);

/* A new tracking code, TS and 8 random characters (unique by the table's constraint). */
void cp_tracking_code(char out[16]);

/* Labels for the console and messages. */
const char *cp_kind_zh(const char *kind);
const char *cp_category_zh(const char *category); /* NULL: not a category */
const char *cp_status_zh(const char *status);

#endif
