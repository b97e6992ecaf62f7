/* Images attached to records (inspection photos, rectification evidence, camera snapshots ...):
 * checked to be real images, stored once by content hash under files_dir, and read back only
 * within the jurisdiction. The mechanism knows none of its owners: each kind of owner registers
 * who may add to it and who may see it (sh_attachment_owner_register, from sh_domain_init). */
#ifndef SH_ATTACHMENT_H
#define SH_ATTACHMENT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/base/principal.h"

/* A kind of record that files are attached to. The functions run inside a request; they are set
 * once at start-up, before threads start, and only read afterwards. */
typedef struct sh_attachment_owner {
    const char *type; /* owner_type as stored: inspection, rectification, observation, camera ... */
    /* May the actor add a file to record owner_id (item_id: a part of it, 0 none)? Fills the business
     * the record belongs to. NULL: files of this kind are not added through sh_attachment_add. */
    int (*check_add)(sh_db *db, const sh_principal *actor, int64_t owner_id, int64_t item_id, int64_t *ret_entity,
                     sh_err *err);
    /* Does the actor see file `id` of record owner_id? in_scope: its business is in the actor's
     * jurisdiction. NULL: exactly then. */
    int (*may_read)(sh_db *db, const sh_principal *actor, int64_t owner_id, int64_t id, int in_scope);
    /* The ledger's kind for files added through sh_attachment_add (their SHA-256 is appended to the
     * log in the same transaction, ref "attachment:<id>"); NULL: not logged. */
    const char *ledger_kind;
} sh_attachment_owner;

/* Registers (or replaces) the rules of one kind of owner; `o` must outlive the process (static).
 * Not thread-safe: called from sh_domain_init. -1 when the table is full. */
int sh_attachment_owner_register(const sh_attachment_owner *o);

typedef struct sh_attachment_target {
    const char *owner_type; /* a registered owner: inspection, rectification ... */
    int64_t owner_id;
    int64_t item_id;        /* for an inspection photo: the checklist item it shows (0: none) */
} sh_attachment_target;

int sh_attachment_add(sh_db *db, const sh_principal *actor, const char *files_dir, const sh_attachment_target *t,
                      const void *data, size_t len, json_t **ret, sh_err *err);
/* Where a stored image belongs: the business it is scoped by and the record that owns it. */
typedef struct sh_attachment_blob {
    int64_t entity_id;
    const char *owner_type; /* inspection, rectification, observation, camera */
    int64_t owner_id;
    int64_t item_id;        /* 0: none */
} sh_attachment_blob;

/* An image written to files_dir, not yet recorded. */
typedef struct sh_attachment_file {
    char sha256[65];
    const char *mime;       /* "image/jpeg" or "image/png" (static) */
    int width, height;
    size_t size;
} sh_attachment_file;

/* Checks the bytes are a real, complete JPEG/PNG whose data decodes (sh_image_decode) and writes them once by content hash under
 * files_dir (temporary name, fsync, rename). Call it before the write transaction, so that the
 * fsync does not hold the database's write lock; a file left behind by a rollback is harmless, as
 * its name is its hash. */
int sh_attachment_write(const char *files_dir, const void *data, size_t len, sh_attachment_file *out, sh_err *err);

/* Records a written file inside the caller's transaction; the caller has checked the actor's right
 * to the owner. *ret_id and *ret ({id, item_id, mime, width, height, size}) may be NULL. */
int sh_attachment_store(sh_db *db, const sh_principal *actor, const sh_attachment_blob *b, const sh_attachment_file *f,
                        int64_t *ret_id, json_t **ret, sh_err *err);

/* The image bytes and type, when the actor may see the record it belongs to. */
int sh_attachment_read(sh_db *db, const sh_principal *actor, const char *files_dir, int64_t id, sh_buf *out,
                       char mime[16], sh_err *err);
/* [{id, item_id, mime, width, height, size}] of one record. */
json_t *sh_attachments_of(sh_db *db, const char *owner_type, int64_t owner_id);

/* Removes the temporary files a crash left in files_dir (older than an hour); returns how many.
 * Not thread-safe: called once at start. */
int sh_attachment_clean_temp(const char *files_dir, int64_t now_ms);

#endif
