#include "domain/loop/attachment.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dirs.h"
#include "core/image.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/ledger/ledger.h"
#include "domain/registry/entity.h"

enum { MAX_OWNERS = 16 };
static const sh_attachment_owner *owners[MAX_OWNERS];
static int nowners;

int sh_attachment_owner_register(const sh_attachment_owner *o)
{
    for (int i = 0; i < nowners; i++)
        if (!strcmp(owners[i]->type, o->type)) {
            owners[i] = o;
            return 0;
        }
    if (nowners == MAX_OWNERS)
        return -1;
    owners[nowners++] = o;
    return 0;
}

static const sh_attachment_owner *owner_of(const char *type)
{
    for (int i = 0; i < nowners; i++)
        if (!strcmp(owners[i]->type, type))
            return owners[i];
    return NULL;
}

static void blob_path(const char *dir, const char *hex, char *out, size_t n)
{
    snprintf(out, n, "%s/%.2s/%s", dir, hex, hex);
}

/* Writes the bytes once: to a temporary name, then renamed, so a reader never sees half a file. The
 * writeback starts before the picture is decoded, so the disk works while the CPU checks it; only a
 * picture that decodes is fsynced and renamed into place, a bad one's temporary file is removed. Bytes already stored under their
 * SHA-256 were checked when they came first. */
static int store_blob(const char *dir, const char *hex, const void *data, size_t len, const sh_image_info *probed,
                      sh_err *err)
{
    static atomic_uint serial; /* two threads storing the same bytes use two temporary names */
    char sub[600], path[700], tmp[740];
    snprintf(sub, sizeof sub, "%s/%.2s", dir, hex);
    blob_path(dir, hex, path, sizeof path);
    if (access(path, F_OK) == 0)
        return 0;
    if (sh_make_dirs(sub, 0750) != 0) {
        sh_error("attachments: cannot create %s: %s", sub, strerror(errno));
        return sh_fail(err, SH_EINTERNAL, "", "cannot store the file");
    }
    snprintf(tmp, sizeof tmp, "%s.%ld.%u.tmp", path, (long)getpid(), atomic_fetch_add(&serial, 1));
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0)
        return sh_fail(err, SH_EINTERNAL, "", "cannot store the file");
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return sh_fail(err, SH_EINTERNAL, "", "cannot store the file");
        }
        p += w;
        left -= (size_t)w;
    }
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE); /* a hint: fsync below is what guarantees */
    int rc = sh_image_decode(data, len, probed, err);
    if (rc) {
        close(fd);
        unlink(tmp);
        return rc;
    }
    if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return sh_fail(err, SH_EINTERNAL, "", "cannot store the file");
    }
    return 0;
}

int sh_attachment_add(sh_db *db, const sh_principal *actor, const char *files_dir, const sh_attachment_target *t,
                      const void *data, size_t len, json_t **ret, sh_err *err)
{
    sh_image_info info;
    int rc = sh_image_probe(data, len, &info, err);
    if (rc)
        return rc;
    int64_t entity = 0;
    const sh_attachment_owner *owner = owner_of(t->owner_type);
    if (!owner || !owner->check_add)
        return sh_fail(err, SH_EINVAL, "owner_type", "未知的附件所属对象 (unknown attachment owner)");
    if ((rc = owner->check_add(db, actor, t->owner_id, t->item_id, &entity, err)) != 0)
        return rc;
    sh_attachment_file file;
    if ((rc = sh_attachment_write(files_dir, data, len, &file, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_attachment_blob b = {.entity_id = entity, .owner_type = t->owner_type, .owner_id = t->owner_id, .item_id = t->item_id};
    int64_t id = 0;
    rc = sh_attachment_store(db, actor, &b, &file, &id, ret, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I, s:I}", "owner_type", t->owner_type, "owner_id", (json_int_t)t->owner_id,
                                  "attachment_id", (json_int_t)id);
        rc = sh_audit(db, actor, "attach", t->owner_type, t->owner_id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0 && owner->ledger_kind) {
        char ref[48];
        snprintf(ref, sizeof ref, "attachment:%lld", (long long)id);
        rc = sh_ledger_append_hex(db, owner->ledger_kind, ref, file.sha256, NULL, err);
    }
    if (rc == 0 && (rc = sh_db_commit(db, err)) == 0)
        return 0;
    sh_db_rollback(db);
    if (*ret) {
        json_decref(*ret);
        *ret = NULL;
    }
    return rc < 0 ? rc : SH_EINTERNAL;
}

int sh_attachment_write(const char *files_dir, const void *data, size_t len, sh_attachment_file *out, sh_err *err)
{
    sh_image_info info;
    int rc = sh_image_probe(data, len, &info, err); /* the structure walk; store_blob decodes */
    if (rc)
        return rc;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out->sha256, sizeof out->sha256, h, sizeof h);
    out->mime = info.mime;
    out->width = info.width;
    out->height = info.height;
    out->size = len;
    return store_blob(files_dir, out->sha256, data, len, &info, err);
}

int sh_attachment_store(sh_db *db, const sh_principal *actor, const sh_attachment_blob *b, const sh_attachment_file *f,
                        int64_t *ret_id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO attachments(sha256, mime, size, width, height, entity_id, owner_type, owner_id, item_id,"
                                " uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, f->sha256);
        sh_bind_text(st, 2, f->mime);
        sh_bind_int64(st, 3, (int64_t)f->size);
        sh_bind_int64(st, 4, f->width);
        sh_bind_int64(st, 5, f->height);
        sh_bind_int64_or_null(st, 6, b->entity_id); /* 0: a record of no business (a complaint about one off the registry) */
        sh_bind_text(st, 7, b->owner_type);
        sh_bind_int64(st, 8, b->owner_id);
        sh_bind_int64_or_null(st, 9, b->item_id);
        sh_bind_int64_or_null(st, 10, actor->user_id);
        sh_bind_int64(st, 11, sh_now_ms());
    }
    int64_t id = 0;
    int rc = sh_stmt_insert_id(st, &id, err);
    if (rc < 0)
        return rc;
    if (ret_id)
        *ret_id = id;
    if (ret)
        *ret = json_pack("{s:I, s:o, s:s, s:i, s:i, s:I}", "id", (json_int_t)id, "item_id",
                         b->item_id ? json_integer(b->item_id) : json_null(), "mime", f->mime, "width", f->width, "height",
                         f->height, "size", (json_int_t)f->size);
    return 0;
}

int sh_attachment_read(sh_db *db, const sh_principal *actor, const char *files_dir, int64_t id, sh_buf *out,
                       char mime[16], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT sha256, mime, entity_id, owner_type, owner_id FROM attachments WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    char hex[65] = "", type[16] = "";
    int64_t entity = 0, owner = 0;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        snprintf(hex, sizeof hex, "%s", sh_col_text(st, 0));
        snprintf(mime, 16, "%s", sh_col_text(st, 1));
        entity = sh_col_int64(st, 2);
        snprintf(type, sizeof type, "%s", sh_col_text(st, 3));
        owner = sh_col_int64(st, 4);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    /* visible with the business (jurisdiction), unless its owner's rule says otherwise */
    sh_entity e;
    int visible = entity && sh_entity_get(db, actor, entity, &e, NULL) == 0;
    if (visible)
        sh_entity_release(&e);
    const sh_attachment_owner *rules = owner_of(type);
    if (rules && rules->may_read) /* a file of no business (a complaint's) is its owner's call alone */
        visible = rules->may_read(db, actor, owner, id, visible);
    if (!visible)
        return sh_fail(err, SH_ENOTFOUND, "id", "附件不存在或不在您的管辖范围内 (no such file in your jurisdiction)");
    char path[700];
    blob_path(files_dir, hex, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return sh_fail(err, SH_EINTERNAL, "", "the stored file is missing");
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sh_buf_add(out, chunk, n);
    fclose(f);
    return 0;
}

json_t *sh_attachments_of(sh_db *db, const char *owner_type, int64_t owner_id)
{
    json_t *arr = json_array();
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, item_id, mime, width, height, size FROM attachments WHERE owner_type = ? AND owner_id = ?"
                                " ORDER BY id",
                                NULL);
    if (!st)
        return arr;
    sh_bind_text(st, 1, owner_type);
    sh_bind_int64(st, 2, owner_id);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(arr, json_pack("{s:I, s:o, s:s, s:I, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "item_id",
                                             sh_col_is_null(st, 1) ? json_null() : json_integer(sh_col_int64(st, 1)), "mime",
                                             sh_col_text(st, 2), "width", (json_int_t)sh_col_int64(st, 3), "height",
                                             (json_int_t)sh_col_int64(st, 4), "size", (json_int_t)sh_col_int64(st, 5)));
    sh_stmt_done(st);
    return arr;
}

/* Temporary files (".<pid>.<n>.tmp", see store_blob) a crash left behind: older than an hour, so that a
 * write in progress in another process is never touched. */
static int64_t clean_before;
static int clean_removed;

static int clean_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    size_t n = strlen(path);
    if (type == FTW_F && n > 4 && !strcmp(path + n - 4, ".tmp") && (int64_t)st->st_mtime * 1000 < clean_before &&
        unlink(path) == 0)
        clean_removed++;
    return 0;
}

int sh_attachment_clean_temp(const char *files_dir, int64_t now_ms)
{
    if (!files_dir || !*files_dir)
        return 0;
    clean_before = now_ms - 3600 * 1000;
    clean_removed = 0;
    nftw(files_dir, clean_one, 16, FTW_PHYS);
    if (clean_removed)
        sh_log(SH_LOG_INFO, "removed %d temporary file(s) left in %s", clean_removed, files_dir);
    return clean_removed;
}
