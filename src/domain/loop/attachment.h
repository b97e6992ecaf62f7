/* Photos of inspection items and rectification evidence: checked to be real images, stored once
 * by content hash under files_dir, and read back only within the jurisdiction. */
#ifndef SH_ATTACHMENT_H
#define SH_ATTACHMENT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/base/principal.h"

typedef struct sh_attachment_target {
    const char *owner_type; /* inspection or rectification */
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

/* Checks the bytes are a real, complete JPEG/PNG and writes them once by content hash under
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

#endif
