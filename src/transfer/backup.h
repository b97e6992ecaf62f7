/* Backup and restore of an install (issue 18): the database as of one instant (the store's online
 * backup) and every attachment its rows name, in one ustar file (core/tar.h):
 *
 *   MANIFEST.json     format, created_at, schema version, rows per table, the database's and every
 *                     attachment's path, size and SHA-256
 *   shian.db          the database (a single file, rollback journal mode)
 *   files/ab/ab…      each attachment under its SHA-256, as files_dir keeps it
 *   MANIFEST.sha256   the SHA-256 of MANIFEST.json, so that a changed byte there is found too
 *
 * Attachments are written (fsynced) before the row that names them commits and are never removed,
 * so every file the snapshot's rows name is on disk when the snapshot has been taken. */
#ifndef SH_TRANSFER_BACKUP_H
#define SH_TRANSFER_BACKUP_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

#define SH_BACKUP_FORMAT "shian-backup"
#define SH_BACKUP_VERSION 1
#define SH_BACKUP_DB_NAME "shian.db"
#define SH_BACKUP_MANIFEST "MANIFEST.json"
#define SH_BACKUP_MANIFEST_SUM "MANIFEST.sha256"

/* A manifest read and checked (sh_manifest_parse). Points into root. */
typedef struct sh_manifest {
    json_t *root;
    int64_t created_at;
    int schema_version;
    uint64_t db_size;
    const char *db_sha256;
    json_t *tables;      /* {name: rows} */
    json_t *attachments; /* [{path, size, sha256}] */
} sh_manifest;

/* Builds the manifest's JSON (the caller dumps and frees it). tables {name: rows}, attachments
 * [{path, size, sha256}] are stolen. */
json_t *sh_manifest_build(int64_t created_at, int schema_version, uint64_t db_size, const char *db_sha256, json_t *tables,
                          json_t *attachments);
/* Parses and checks a manifest: its format and version, a SHA-256 in hex for the database and each
 * attachment, row counts that are whole numbers, attachment paths files/<2 hex>/<sha256>. */
int sh_manifest_parse(const char *text, size_t len, sh_manifest *out, sh_err *err);
void sh_manifest_release(sh_manifest *m);
/* The path of an attachment in the archive and under files_dir: files/ab/ab… for its hex SHA-256. */
void sh_backup_blob_path(const char *sha256, char out[80]);
/* Whether s is 64 lowercase hex digits. */
int sh_is_sha256_hex(const char *s);

/* The SHA-256 (hex) and size of a file; SH_EINTERNAL when it cannot be read. */
int sh_file_sha256(const char *path, char hex[65], uint64_t *ret_size, sh_err *err);

/* Writes a backup of the database at db_path and its attachments under files_dir to out (which must
 * not exist; written as out.partial and renamed when complete). Progress lines go to progress (may
 * be NULL); *ret is the manifest written. */
int sh_backup_create(const char *db_path, const char *files_dir, const char *out, FILE *progress, json_t **ret, sh_err *err);

/* Restores the backup at path onto an empty install (db_path absent or without users and businesses;
 * attachments into files_dir), then checks the result: rows per table as the manifest says, every
 * attachment's SHA-256 read back from disk. The check's lines go to report. Any mismatch (a changed
 * byte anywhere in the file) fails with SH_EINVAL and leaves no database at db_path. */
int sh_backup_restore(const char *path, const char *db_path, const char *files_dir, FILE *report, sh_err *err);

#endif
