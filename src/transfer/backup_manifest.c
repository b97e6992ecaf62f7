/* The backup's manifest: built from the snapshot, read back and checked before a restore trusts it. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "transfer/backup.h"

int sh_is_sha256_hex(const char *s)
{
    return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

void sh_backup_blob_path(const char *sha256, char out[80])
{
    snprintf(out, 80, "files/%.2s/%s", sha256, sha256);
}

json_t *sh_manifest_build(int64_t created_at, int schema_version, uint64_t db_size, const char *db_sha256, json_t *tables,
                          json_t *attachments)
{
    return json_pack("{s:s, s:i, s:I, s:i, s:{s:s, s:I, s:s}, s:o, s:o}", "format", SH_BACKUP_FORMAT, "version",
                     SH_BACKUP_VERSION, "created_at", (json_int_t)created_at, "schema_version", schema_version, "database",
                     "path", SH_BACKUP_DB_NAME, "size", (json_int_t)db_size, "sha256", db_sha256, "tables", tables,
                     "attachments", attachments);
}

static int bad(sh_err *err, const char *what)
{
    return sh_fail(err, SH_EINVAL, "manifest", "the backup's manifest is damaged: %s", what);
}

static int check_attachment(json_t *a)
{
    const char *path = NULL, *sha = NULL;
    json_int_t size = -1;
    if (json_unpack(a, "{s:s, s:I, s:s}", "path", &path, "size", &size, "sha256", &sha) != 0 || size < 0 ||
        !sh_is_sha256_hex(sha))
        return -1;
    char want[80];
    sh_backup_blob_path(sha, want);
    return strcmp(path, want) == 0 ? 0 : -1;
}

int sh_manifest_parse(const char *text, size_t len, sh_manifest *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return sh_fail(err, SH_EINVAL, "manifest", "the backup's manifest is not JSON (%s, line %d)", je.text, je.line);
    const char *format = NULL, *db_path = NULL;
    int version = 0;
    json_int_t created = 0, schema = 0, db_size = -1;
    int rc = 0;
    if (json_unpack(root, "{s:s, s:i, s:I, s:I, s:{s:s, s:I, s:s}, s:o, s:o}", "format", &format, "version", &version,
                    "created_at", &created, "schema_version", &schema, "database", "path", &db_path, "size", &db_size,
                    "sha256", &out->db_sha256, "tables", &out->tables, "attachments", &out->attachments) != 0)
        rc = bad(err, "a field is missing or of the wrong type");
    else if (strcmp(format, SH_BACKUP_FORMAT) != 0)
        rc = sh_fail(err, SH_EINVAL, "manifest", "not a shian backup (format '%s')", format);
    else if (version != SH_BACKUP_VERSION)
        rc = sh_fail(err, SH_EINVAL, "manifest", "backup format version %d; this shian reads version %d", version,
                     SH_BACKUP_VERSION);
    else if (strcmp(db_path, SH_BACKUP_DB_NAME) != 0 || db_size < 0 || !sh_is_sha256_hex(out->db_sha256) || schema < 0)
        rc = bad(err, "the database's entry");
    else if (!json_is_object(out->tables) || !json_is_array(out->attachments))
        rc = bad(err, "tables or attachments");
    if (rc == 0) {
        const char *name;
        json_t *v;
        json_object_foreach(out->tables, name, v)
            if (!json_is_integer(v) || json_integer_value(v) < 0 || !*name)
                rc = bad(err, "a table's row count");
        size_t i;
        json_array_foreach(out->attachments, i, v)
            if (rc == 0 && check_attachment(v) != 0)
                rc = bad(err, "an attachment's entry");
    }
    if (rc) {
        json_decref(root);
        memset(out, 0, sizeof *out);
        return rc;
    }
    out->root = root;
    out->created_at = created;
    out->schema_version = (int)schema;
    out->db_size = (uint64_t)db_size;
    return 0;
}

void sh_manifest_release(sh_manifest *m)
{
    json_decref(m->root);
    memset(m, 0, sizeof *m);
}

int sh_file_sha256(const char *path, char hex[65], uint64_t *ret_size, sh_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sh_fail(err, SH_EINTERNAL, "", "cannot read %s: %s", path, strerror(errno));
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char chunk[65536];
    uint64_t total = 0;
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        crypto_hash_sha256_update(&st, chunk, n);
        total += n;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed)
        return sh_fail(err, SH_EINTERNAL, "", "cannot read %s", path);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, 65, h, sizeof h);
    if (ret_size)
        *ret_size = total;
    return 0;
}
