/* shian restore: reads a backup (transfer/backup.h) onto an empty install and checks the result.
 * Nothing in the file is trusted before it is checked: every header's checksum, zero padding, each
 * entry's SHA-256 against the manifest, the manifest's own SHA-256, rows per table. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/dirs.h"
#include "core/tar.h"
#include "store/store.h"
#include "transfer/backup.h"

#define MANIFEST_MAX (256u << 20)

typedef struct reader {
    FILE *f;
    const char *path;
} reader;

static int damaged(sh_err *err, const char *what)
{
    return sh_fail(err, SH_EINVAL, "backup", "the backup is damaged or incomplete: %s", what);
}

static int read_exact(reader *r, void *p, size_t n, sh_err *err)
{
    return fread(p, 1, n, r->f) == n ? 0 : damaged(err, "it ends early");
}

static int read_header(reader *r, sh_tar_entry *e, sh_err *err)
{
    unsigned char block[SH_TAR_BLOCK];
    int rc = read_exact(r, block, sizeof block, err);
    return rc ? rc : sh_tar_parse(block, e, err);
}

static int check_padding(reader *r, uint64_t size, sh_err *err)
{
    unsigned char pad[SH_TAR_BLOCK];
    size_t n = sh_tar_padding(size);
    int rc = read_exact(r, pad, n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (pad[i])
            rc = damaged(err, "a byte between entries was changed");
    return rc;
}

/* Copies size bytes of content to fd (-1: nowhere), hashing them. */
static int copy_out(reader *r, uint64_t size, int fd, char hex[65], sh_err *err)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char chunk[65536];
    int rc = 0;
    while (rc == 0 && size) {
        size_t n = size < sizeof chunk ? (size_t)size : sizeof chunk;
        if ((rc = read_exact(r, chunk, n, err)) != 0)
            break;
        crypto_hash_sha256_update(&st, chunk, n);
        if (fd >= 0 && write(fd, chunk, n) != (ssize_t)n)
            rc = sh_fail(err, SH_EINTERNAL, "", "cannot write: %s", strerror(errno));
        size -= n;
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, 65, h, sizeof h);
    return rc;
}

/* Writes an entry to dest through a temporary name, renamed into place only when its SHA-256 is the
 * one expected. */
static int extract(reader *r, const sh_tar_entry *e, const char *dest, const char *sha256, sh_err *err)
{
    char tmp[760];
    snprintf(tmp, sizeof tmp, "%s.restore.tmp", dest);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0)
        return sh_fail(err, SH_EINTERNAL, "", "cannot create %s: %s", tmp, strerror(errno));
    char hex[65];
    int rc = copy_out(r, e->size, fd, hex, err);
    if (rc == 0 && fsync(fd) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "", "cannot write %s: %s", tmp, strerror(errno));
    close(fd);
    if (rc == 0)
        rc = check_padding(r, e->size, err);
    if (rc == 0 && strcmp(hex, sha256) != 0) {
        char what[200];
        snprintf(what, sizeof what, "%s does not match its SHA-256 in the manifest", e->name);
        rc = damaged(err, what);
    }
    if (rc == 0 && rename(tmp, dest) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "", "cannot rename %s: %s", tmp, strerror(errno));
    if (rc)
        unlink(tmp);
    return rc;
}

/* An empty install: no database file, an empty one, or one without users and businesses (made by
 * `shian migrate`). Anything else is refused, so that a restore never overwrites a county's data. */
static int target_empty(const char *db_path, sh_err *err)
{
    struct stat sb;
    if (stat(db_path, &sb) != 0 || sb.st_size == 0)
        return 0;
    sh_db *db;
    int rc = sh_db_open(db_path, &db, err);
    if (rc)
        return rc;
    char **names = NULL;
    int n = 0;
    int64_t users = 0, entities = 0;
    rc = sh_db_tables(db, &names, &n, err);
    for (int i = 0; rc == 0 && i < n; i++) {
        if (!strcmp(names[i], "users"))
            rc = sh_db_count_rows(db, "users", &users, err);
        else if (!strcmp(names[i], "entities"))
            rc = sh_db_count_rows(db, "entities", &entities, err);
    }
    sh_db_tables_free(names, n);
    sh_db_close(db);
    if (rc == 0 && (users || entities))
        rc = sh_fail(err, SH_EEXIST, "db_path",
                     "目标数据库已有数据 (the database %s already holds data: %lld users, %lld businesses); restore only onto an "
                     "empty install: stop the server and move that file away first",
                     db_path, (long long)users, (long long)entities);
    return rc;
}

static int read_manifest(reader *r, sh_manifest *m, char sum[65], sh_err *err)
{
    sh_tar_entry e;
    int rc = read_header(r, &e, err);
    if (rc == 1 || (rc == 0 && strcmp(e.name, SH_BACKUP_MANIFEST) != 0))
        return sh_fail(err, SH_EINVAL, "backup", "%s is not a shian backup: it does not start with %s", r->path, SH_BACKUP_MANIFEST);
    if (rc)
        return rc;
    if (e.size > MANIFEST_MAX)
        return damaged(err, "the manifest is too large");
    char *text = sh_xmalloc((size_t)e.size + 1);
    rc = read_exact(r, text, (size_t)e.size, err);
    if (rc == 0)
        rc = check_padding(r, e.size, err);
    if (rc == 0) {
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(h, (unsigned char *)text, (size_t)e.size);
        sodium_bin2hex(sum, 65, h, sizeof h);
        rc = sh_manifest_parse(text, (size_t)e.size, m, err);
    }
    free(text);
    return rc;
}

/* The entries after the manifest: the database (to tmp_db), the attachments, the manifest's sum, the end. */
static int read_entries(reader *r, const sh_manifest *m, const char *manifest_sum, const char *tmp_db, const char *files_dir,
                        sh_err *err)
{
    sh_tar_entry e;
    int rc = read_header(r, &e, err);
    if (rc == 0 && strcmp(e.name, SH_BACKUP_DB_NAME) != 0)
        rc = damaged(err, "the database is not the second entry");
    if (rc == 0 && e.size != m->db_size)
        rc = damaged(err, "the database's size is not the manifest's");
    if (rc == 0)
        rc = extract(r, &e, tmp_db, m->db_sha256, err);
    json_t *seen = json_object();
    size_t expected = json_array_size(m->attachments);
    json_t *by_path = json_object(), *a;
    size_t i;
    json_array_foreach(m->attachments, i, a)
        json_object_set(by_path, json_string_value(json_object_get(a, "path")), a);
    while (rc == 0 && (rc = read_header(r, &e, err)) == 0 && strcmp(e.name, SH_BACKUP_MANIFEST_SUM) != 0) {
        a = json_object_get(by_path, e.name);
        if (!a || json_object_get(seen, e.name) || (uint64_t)json_integer_value(json_object_get(a, "size")) != e.size) {
            rc = damaged(err, "an entry the manifest does not list");
            break;
        }
        const char *sha = json_string_value(json_object_get(a, "sha256"));
        char dir[700], dest[760];
        snprintf(dir, sizeof dir, "%s/%.2s", files_dir, sha);
        snprintf(dest, sizeof dest, "%s/%s", dir, sha);
        if (sh_make_dirs(dir, 0750) != 0)
            rc = sh_fail(err, SH_EINTERNAL, "files_dir", "cannot create %s: %s", dir, strerror(errno));
        else
            rc = extract(r, &e, dest, sha, err);
        json_object_set_new(seen, e.name, json_true());
    }
    if (rc == 1)
        rc = damaged(err, "the manifest's checksum entry is missing");
    if (rc == 0 && json_object_size(seen) != expected)
        rc = damaged(err, "attachments the manifest lists are missing");
    json_decref(seen);
    json_decref(by_path);
    if (rc == 0) { /* MANIFEST.sha256: the manifest's hash and a newline */
        char text[66] = "";
        if (e.size != 65 || (rc = read_exact(r, text, 65, err)) != 0 || (rc = check_padding(r, 65, err)) != 0 ||
            text[64] != '\n' || memcmp(text, manifest_sum, 64) != 0)
            rc = rc ? rc : damaged(err, "the manifest does not match its SHA-256");
    }
    if (rc == 0) { /* the end: blocks of zeros only */
        unsigned char block[SH_TAR_BLOCK];
        int blocks = 0;
        size_t n;
        while (rc == 0 && (n = fread(block, 1, sizeof block, r->f)) > 0) {
            for (size_t k = 0; k < n; k++)
                if (block[k])
                    rc = damaged(err, "bytes after the end of the archive were changed");
            blocks++;
        }
        if (rc == 0 && blocks < 2)
            rc = damaged(err, "the end of the archive is missing");
    }
    return rc;
}

/* Rows per table of the restored database against the manifest. */
static int check_rows(const char *db_path, const sh_manifest *m, FILE *report, sh_err *err)
{
    sh_db *db;
    int rc = sh_db_open(db_path, &db, err);
    if (rc)
        return rc;
    char **names = NULL;
    int n = 0, schema = 0, wrong = 0;
    int64_t total = 0;
    if ((rc = sh_db_check(db, err)) == 0 && (rc = sh_schema_version(db, &schema, err)) == 0 && schema != m->schema_version)
        rc = damaged(err, "the database's schema version is not the manifest's");
    if (rc == 0)
        rc = sh_db_tables(db, &names, &n, err);
    if (rc == 0 && (size_t)n != json_object_size(m->tables))
        rc = damaged(err, "the database's tables are not the manifest's");
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t rows;
        json_t *want = json_object_get(m->tables, names[i]);
        if ((rc = sh_db_count_rows(db, names[i], &rows, err)) != 0)
            break;
        if (!want || json_integer_value(want) != rows) {
            fprintf(report, "  table %s: %lld rows, the manifest says %lld\n", names[i], (long long)rows,
                    (long long)(want ? json_integer_value(want) : -1));
            wrong++;
        }
        total += rows;
    }
    sh_db_tables_free(names, n);
    sh_db_close(db);
    if (rc == 0 && wrong)
        rc = damaged(err, "row counts differ from the manifest");
    if (rc == 0)
        fprintf(report, "check: the database's structure is sound; schema %d, %d tables, %lld rows: as the manifest says\n", schema,
                n, (long long)total);
    return rc;
}

/* Every attachment read back from disk and hashed again. */
static int check_files(const char *files_dir, const sh_manifest *m, FILE *report, sh_err *err)
{
    json_t *a;
    size_t i;
    uint64_t bytes = 0;
    json_array_foreach(m->attachments, i, a) {
        const char *sha = json_string_value(json_object_get(a, "sha256"));
        char path[760], hex[65];
        uint64_t size;
        snprintf(path, sizeof path, "%s/%.2s/%s", files_dir, sha, sha);
        int rc = sh_file_sha256(path, hex, &size, err);
        if (rc)
            return rc;
        if (strcmp(hex, sha) != 0)
            return sh_fail(err, SH_EINVAL, "files_dir", "%s does not match its SHA-256 after the restore", path);
        bytes += size;
    }
    fprintf(report, "check: %zu attachments, %llu bytes: every SHA-256 matches\n", json_array_size(m->attachments),
            (unsigned long long)bytes);
    return 0;
}

static void remove_db(const char *path)
{
    char side[1100];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int sh_backup_restore(const char *path, const char *db_path, const char *files_dir, FILE *report, sh_err *err)
{
    int rc = target_empty(db_path, err);
    if (rc)
        return rc;
    reader r = {.f = fopen(path, "rb"), .path = path};
    if (!r.f)
        return sh_fail(err, SH_EINVAL, "backup", "cannot open %s: %s", path, strerror(errno));
    sh_manifest m;
    char manifest_sum[65], tmp_db[1100];
    snprintf(tmp_db, sizeof tmp_db, "%s.restoring", db_path);
    remove_db(tmp_db);
    if (sh_make_parent_dirs(db_path, 0750) != 0 || sh_make_dirs(files_dir, 0750) != 0) {
        fclose(r.f);
        return sh_fail(err, SH_EINTERNAL, "files_dir", "cannot create the folders of %s and %s: %s", db_path, files_dir,
                       strerror(errno));
    }
    rc = read_manifest(&r, &m, manifest_sum, err);
    if (rc) {
        fclose(r.f);
        return rc;
    }
    if (m.schema_version > sh_migrations[sh_migrations_count - 1].version)
        rc = sh_fail(err, SH_EINVAL, "backup", "the backup's schema %d is newer than this shian's (%d): restore with a newer shian",
                     m.schema_version, sh_migrations[sh_migrations_count - 1].version);
    if (rc == 0)
        fprintf(report, "restoring %s: schema %d, %zu tables, %zu attachments\n", path, m.schema_version,
                json_object_size(m.tables), json_array_size(m.attachments));
    if (rc == 0)
        rc = read_entries(&r, &m, manifest_sum, tmp_db, files_dir, err);
    fclose(r.f);
    if (rc == 0)
        fprintf(report, "check: the archive's headers, the manifest's and the database's SHA-256 match\n");
    if (rc == 0)
        rc = check_rows(tmp_db, &m, report, err);
    if (rc == 0)
        rc = check_files(files_dir, &m, report, err);
    if (rc == 0) {
        remove_db(db_path); /* the empty install's own file, and its -wal and -shm */
        if (rename(tmp_db, db_path) != 0)
            rc = sh_fail(err, SH_EINTERNAL, "db_path", "cannot rename %s to %s: %s", tmp_db, db_path, strerror(errno));
    }
    if (rc)
        remove_db(tmp_db);
    sh_manifest_release(&m);
    return rc;
}
