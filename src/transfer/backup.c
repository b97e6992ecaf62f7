/* shian backup: the snapshot, then the archive (transfer/backup.h). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/tar.h"
#include "core/timeutil.h"
#include "store/store.h"
#include "transfer/backup.h"

typedef struct writer {
    FILE *f;
    const char *path;
    int64_t mtime; /* seconds, the backup's created_at */
} writer;

static int write_all(writer *w, const void *p, size_t n, sh_err *err)
{
    if (n && fwrite(p, 1, n, w->f) != n)
        return sh_fail(err, SH_EINTERNAL, "out", "cannot write %s: %s", w->path, strerror(errno));
    return 0;
}

static int write_header(writer *w, const char *name, uint64_t size, sh_err *err)
{
    unsigned char block[SH_TAR_BLOCK];
    int rc = sh_tar_header(block, name, size, w->mtime, err);
    return rc ? rc : write_all(w, block, sizeof block, err);
}

static int write_padding(writer *w, uint64_t size, sh_err *err)
{
    static const unsigned char zeros[SH_TAR_BLOCK];
    return write_all(w, zeros, sh_tar_padding(size), err);
}

static int write_entry(writer *w, const char *name, const void *data, size_t n, sh_err *err)
{
    int rc = write_header(w, name, n, err);
    if (rc == 0)
        rc = write_all(w, data, n, err);
    return rc ? rc : write_padding(w, n, err);
}

/* Copies a file into the archive under name, checking on the way that its bytes are still the
 * size and SHA-256 the manifest has already said. */
static int write_file(writer *w, const char *name, const char *src, uint64_t size, const char *sha256, sh_err *err)
{
    FILE *in = fopen(src, "rb");
    if (!in)
        return sh_fail(err, SH_EINTERNAL, "", "cannot read %s: %s", src, strerror(errno));
    int rc = write_header(w, name, size, err);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char chunk[65536];
    uint64_t left = size;
    while (rc == 0 && left) {
        size_t want = left < sizeof chunk ? (size_t)left : sizeof chunk;
        size_t n = fread(chunk, 1, want, in);
        if (n == 0) {
            rc = sh_fail(err, SH_EINTERNAL, "", "%s became shorter while it was copied", src);
            break;
        }
        crypto_hash_sha256_update(&st, chunk, n);
        rc = write_all(w, chunk, n, err);
        left -= n;
    }
    fclose(in);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (rc == 0 && strcmp(hex, sha256) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "", "%s does not match its SHA-256 (damaged on disk?)", src);
    return rc ? rc : write_padding(w, size, err);
}

typedef struct db_meter {
    FILE *f;
    int shown; /* the last percentage printed, -10 before the first */
} db_meter;

/* A line at every tenth of the pages, and at the end. */
static void db_progress(int remaining, int total, void *ctx)
{
    db_meter *p = ctx;
    int pct = total ? (int)((int64_t)(total - remaining) * 100 / total) : 100;
    if (pct / 10 == p->shown / 10 && pct != 100)
        return;
    p->shown = pct;
    fprintf(p->f, "database: %d%% (%d of %d pages)\n", pct, total - remaining, total);
}

/* Rows per table and the attachments the snapshot's rows name, with their size on disk. */
static int read_snapshot(const char *snap, const char *files_dir, int *schema, json_t *tables, json_t *attachments,
                         uint64_t *files_bytes, sh_err *err)
{
    sh_db *db;
    int rc = sh_db_open(snap, &db, err);
    if (rc)
        return rc;
    char **names = NULL;
    int n = 0;
    if ((rc = sh_db_check(db, err)) == 0 && (rc = sh_schema_version(db, schema, err)) == 0)
        rc = sh_db_tables(db, &names, &n, err);
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t rows;
        if ((rc = sh_db_count_rows(db, names[i], &rows, err)) == 0)
            json_object_set_new(tables, names[i], json_integer(rows));
    }
    sh_db_tables_free(names, n);
    sh_stmt *st = rc ? NULL : sh_db_prepare(db, "SELECT DISTINCT sha256 FROM attachments ORDER BY sha256", err);
    if (!rc && !st)
        rc = SH_EINTERNAL;
    while (st && rc == 0 && (rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *sha = sh_col_text(st, 0);
        char rel[80], path[700];
        struct stat sb;
        sh_backup_blob_path(sha, rel);
        snprintf(path, sizeof path, "%s/%s", files_dir, rel + 6); /* files_dir keeps ab/ab… */
        if (!sh_is_sha256_hex(sha) || stat(path, &sb) != 0) {
            rc = sh_fail(err, SH_EINTERNAL, "files_dir", "attachment %s named by a row is missing from %s", sha, files_dir);
            break;
        }
        json_array_append_new(attachments, json_pack("{s:s, s:I, s:s}", "path", rel, "size", (json_int_t)sb.st_size, "sha256", sha));
        *files_bytes += (uint64_t)sb.st_size;
        rc = 0;
    }
    if (rc == SH_DONE)
        rc = 0;
    sh_stmt_done(st);
    sh_db_close(db);
    return rc;
}

static int write_archive(writer *w, const char *snap, const char *files_dir, json_t *manifest, FILE *progress, sh_err *err)
{
    char *text = json_dumps(manifest, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    size_t tlen = strlen(text);
    int rc = write_entry(w, SH_BACKUP_MANIFEST, text, tlen, err);
    json_t *db = json_object_get(manifest, "database");
    if (rc == 0)
        rc = write_file(w, SH_BACKUP_DB_NAME, snap, (uint64_t)json_integer_value(json_object_get(db, "size")),
                        json_string_value(json_object_get(db, "sha256")), err);
    json_t *list = json_object_get(manifest, "attachments"), *a;
    size_t i, total = json_array_size(list);
    json_array_foreach(list, i, a) {
        if (rc)
            break;
        const char *rel = json_string_value(json_object_get(a, "path"));
        char path[700];
        snprintf(path, sizeof path, "%s/%s", files_dir, rel + 6);
        rc = write_file(w, rel, path, (uint64_t)json_integer_value(json_object_get(a, "size")),
                        json_string_value(json_object_get(a, "sha256")), err);
        if (progress && (i + 1 == total || (i + 1) % 500 == 0))
            fprintf(progress, "attachments: %zu of %zu\n", i + 1, total);
    }
    if (rc == 0) {
        unsigned char h[crypto_hash_sha256_BYTES];
        char sum[66];
        crypto_hash_sha256(h, (const unsigned char *)text, tlen);
        sodium_bin2hex(sum, 65, h, sizeof h);
        sum[64] = '\n';
        sum[65] = '\0';
        rc = write_entry(w, SH_BACKUP_MANIFEST_SUM, sum, 65, err);
    }
    free(text);
    static const unsigned char end[2 * SH_TAR_BLOCK];
    return rc ? rc : write_all(w, end, sizeof end, err);
}

int sh_backup_create(const char *db_path, const char *files_dir, const char *out, FILE *progress, json_t **ret, sh_err *err)
{
    if (access(out, F_OK) == 0)
        return sh_fail(err, SH_EEXIST, "out", "%s exists: a backup never overwrites a file", out);
    if (!sh_dsn_is_postgres(db_path) && access(db_path, R_OK) != 0) /* PostgreSQL: its driver refuses below */
        return sh_fail(err, SH_EINVAL, "db_path", "no database at %s", db_path);
    char snap[1100], partial[1100];
    snprintf(snap, sizeof snap, "%s.db.partial", out);
    snprintf(partial, sizeof partial, "%s.partial", out);
    unlink(snap); /* what an interrupted run left */
    sh_db *db;
    int rc = sh_db_open(db_path, &db, err);
    if (rc)
        return rc;
    int64_t created = sh_now_ms(); /* the instant of the snapshot, on the platform's clock */
    db_meter meter = {.f = progress, .shown = -10};
    rc = sh_db_backup(db, snap, progress ? db_progress : NULL, &meter, err);
    sh_db_close(db);
    json_t *tables = json_object(), *attachments = json_array(), *manifest = NULL;
    int schema = 0;
    uint64_t files_bytes = 0, db_size = 0;
    char db_sha[65] = "";
    if (rc == 0)
        rc = read_snapshot(snap, files_dir, &schema, tables, attachments, &files_bytes, err);
    if (rc == 0)
        rc = sh_file_sha256(snap, db_sha, &db_size, err);
    if (rc == 0) {
        manifest = sh_manifest_build(created, schema, db_size, db_sha, tables, attachments);
        tables = attachments = NULL;
    }
    writer w = {.path = partial, .mtime = created / 1000};
    if (rc == 0) { /* it holds every row: readable by its owner and group only */
        int fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        if (fd < 0 || !(w.f = fdopen(fd, "wb"))) {
            rc = sh_fail(err, SH_EINTERNAL, "out", "cannot create %s: %s", partial, strerror(errno));
            if (fd >= 0)
                close(fd);
        }
    }
    if (rc == 0) {
        if (progress)
            fprintf(progress, "writing %s: database %llu bytes, %zu attachments (%llu bytes)\n", out,
                    (unsigned long long)db_size, json_array_size(json_object_get(manifest, "attachments")),
                    (unsigned long long)files_bytes);
        rc = write_archive(&w, snap, files_dir, manifest, progress, err);
    }
    if (w.f) {
        if (rc == 0 && (fflush(w.f) != 0 || fsync(fileno(w.f)) != 0))
            rc = sh_fail(err, SH_EINTERNAL, "out", "cannot write %s: %s", partial, strerror(errno));
        if (fclose(w.f) != 0 && rc == 0)
            rc = sh_fail(err, SH_EINTERNAL, "out", "cannot write %s", partial);
    }
    if (rc == 0 && rename(partial, out) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "out", "cannot rename %s to %s: %s", partial, out, strerror(errno));
    unlink(snap);
    if (rc) {
        unlink(partial);
        json_decref(manifest);
    } else if (ret) {
        *ret = manifest;
    } else {
        json_decref(manifest);
    }
    json_decref(tables);
    json_decref(attachments);
    return rc;
}
