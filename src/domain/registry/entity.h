/* The business registry: food businesses of every kind with licences, location, people and status.
 * One field table (entity_fields.c) drives validation, JSON and CSV conversion, storage and the
 * archive-completeness rules, so a field is described once.
 * Every read and write is confined to the actor's jurisdiction (store/scope.h): an id outside it
 * answers SH_ENOTFOUND, exactly as an id that does not exist. */
#ifndef SH_ENTITY_H
#define SH_ENTITY_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

typedef enum sh_entity_field_id {
    EF_KIND, EF_NAME, EF_USCC, EF_LICENCE_KIND, EF_LICENCE_NO, EF_LICENCE_VALID_UNTIL, EF_ADDRESS,
    EF_DIVISION_CODE, EF_GRID_ID, EF_LAT, EF_LNG, EF_SCALE, EF_CATEGORIES, EF_LEGAL_REP,
    EF_LEGAL_REP_PHONE, EF_DIRECTOR_NAME, EF_DIRECTOR_PHONE, EF_OFFICER_NAME, EF_OFFICER_PHONE,
    EF_CANTEEN_OF, EF_SPECIAL_FOODS,
    EF__COUNT
} sh_entity_field_id;

typedef enum { SH_FT_TEXT, SH_FT_INT, SH_FT_REAL, SH_FT_LIST } sh_field_type;

typedef struct sh_entity_field {
    const char *name;     /* JSON key and SQL column */
    const char *label_zh; /* console label and CSV header */
    sh_field_type type;
} sh_entity_field;

extern const sh_entity_field sh_entity_fields[EF__COUNT];
/* Field by JSON name or Chinese label; -1 when unknown. */
int sh_entity_field_find(const char *name_or_label);

/* Licence kinds (sc, jy, filing, workshop_reg, stall_record) and scales (large ... micro). */
const char *sh_licence_kind_label_zh(const char *kind);
const char *sh_scale_label_zh(const char *scale);
/* Whom a canteen feeds (school, childcare, hospital, care_home, enterprise, construction_site, other)
 * and the special foods a producer makes or a seller sells as such (health_food, fsmp,
 * infant_formula): the static risk tier reads both (db/031). */
const char *sh_canteen_of_label_zh(const char *canteen_of);
const char *sh_special_food_label_zh(const char *special_food);

/* Kinds of business. */
extern const char *const sh_entity_kinds[];      /* NULL-terminated: "producer", ... */
const char *sh_entity_kind_label_zh(const char *kind);
/* Accepts the code or its Chinese label; returns the code or NULL. */
const char *sh_entity_kind_parse(const char *s);
int sh_entity_status_valid(const char *status);
const char *sh_entity_status_label_zh(const char *status);

/* Values are kept as text, one per field (NULL = absent); lists (categories) as a JSON array text.
 * Owned by the struct: sh_entity_release frees them. */
typedef struct sh_entity {
    int64_t id;
    char *f[EF__COUNT];
    char status[12];
    char *status_reason;
    int64_t created_at, updated_at, version;
    /* names for display, filled by sh_entity_get / search */
    char division_name[96];
    char township_code[13];
    char township_name[96];
    char grid_name[96];
    char grid_code[32];
} sh_entity;

void sh_entity_init(sh_entity *e);
void sh_entity_release(sh_entity *e);
/* Sets field f (copies value; NULL or "" clears it). */
void sh_entity_set(sh_entity *e, sh_entity_field_id f, const char *value);

/* Fills e from a JSON object of field names. Unknown keys are rejected, types are checked.
 * With `present` non-NULL, marks which fields the object named (for partial updates). */
int sh_entity_from_json(sh_entity *e, json_t *obj, int present[EF__COUNT], sh_err *err);
json_t *sh_entity_to_json(const sh_entity *e);

/* Checks every field and the cross-field rules (licence kind matches the business kind, the grid
 * lies in the business's township ...). Fills licence_kind when it can be inferred. */
int sh_entity_validate(sh_db *db, sh_entity *e, sh_err *err);
/* Doubts about a business that validation accepts, as [{"field", "message"}] (empty when none): the
 * organisation code's check digit within the credit code, a credit code's area neither in the
 * current GB/T 2260 list nor among the platform's own divisions (core/validate.h sh_uscc_warnings). */
json_t *sh_entity_warnings(sh_db *db, const sh_entity *e);

/* Creates a business inside the actor's jurisdiction; audited. Duplicate credit code or licence
 * number of an open business: SH_EEXIST naming the field. */
int sh_entity_create(sh_db *db, const sh_principal *actor, sh_entity *e, int64_t *ret_id, sh_err *err);
/* SH_EEXIST naming the field when another open business (not self_id) has e's credit code or licence. */
int sh_entity_check_duplicate(sh_db *db, const sh_entity *e, int64_t self_id, sh_err *err);
int sh_entity_get(sh_db *db, const sh_principal *actor, int64_t id, sh_entity *out, sh_err *err);
/* Applies the fields marked in `present` (expected_version 0 skips the stale-write check). */
int sh_entity_update(sh_db *db, const sh_principal *actor, int64_t id, const sh_entity *patch,
                     const int present[EF__COUNT], int64_t expected_version, sh_err *err);
/* What another area does, inside the update's transaction, when a business's kind, categories or
 * scale changed (risk/ regrades it: registry does not know who follows). Registered from
 * sh_domain_init before threads start; -1 when the table is full. */
typedef int (*sh_entity_profile_fn)(sh_db *db, int64_t entity_id, sh_err *err);
int sh_entity_on_profile_change(sh_entity_profile_fn fn);
/* Moves a business to active, suspended, revoked or closed, with a reason; closed and revoked are final. */
int sh_entity_set_status(sh_db *db, const sh_principal *actor, int64_t id, const char *status,
                         const char *reason, sh_err *err);

typedef struct sh_entity_filter {
    const char *q;          /* name substring, or prefix of credit code / licence number */
    const char *uscc;
    const char *licence;
    const char *township;   /* township code (12 digits) */
    const char *division;   /* any division code: county, township or village */
    int64_t grid_id;
    const char *kind;
    const char *status;
    int64_t after_id;       /* cursor: ids greater than this */
    int limit;              /* 1..500 */
    int want_total;
    int64_t total_cap;      /* > 0: count no further than total_cap + 1 matches (a page's "10 000+") */
} sh_entity_filter;

/* Validates the filter values (bad codes or kinds are an error, not an empty list). */
int sh_entity_filter_check(const sh_entity_filter *flt, sh_err *err);
/* Calls cb for each business matching, in id order; *ret_total gets the count when want_total:
 * with total_cap, total_cap + 1 means "more than total_cap" (a million matches are not counted). */
int sh_entity_search(sh_db *db, const sh_principal *actor, const sh_entity_filter *flt,
                     int (*cb)(const sh_entity *e, void *ctx), void *ctx, int64_t *ret_total, sh_err *err);

/* Calls cb for every business matching the filter from its cursor on, page by page in id order, so
 * large exports and reports never hold one long read transaction; cb returns non-zero to stop. */
int sh_entity_each(sh_db *db, const sh_principal *actor, const sh_entity_filter *flt,
                   int (*cb)(const sh_entity *e, void *ctx), void *ctx, sh_err *err);

/* Change history of one business (audit entries), newest first, a page at a time: *ret = {items, total}. */
int sh_entity_history(sh_db *db, const sh_principal *actor, int64_t id, const sh_page *page, json_t **ret, sh_err *err);

/* Archive completeness: which required fields a business lacks (by its kind), as a JSON array of
 * field names; empty when complete. */
json_t *sh_entity_missing_fields(const sh_entity *e);

#endif
