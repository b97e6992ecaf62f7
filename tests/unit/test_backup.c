/* The backup's container and manifest (core/tar.c, transfer/backup_manifest.c): headers that tar(1)
 * reads, sizes past 8 GiB, a changed byte found, unsafe names refused; a manifest read back as built,
 * and a damaged one refused with the reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tar.h"
#include "store/store.h"
#include "transfer/backup.h"

static const char *SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

static void tar_header_round_trip(void **state)
{
    (void)state;
    unsigned char b[SH_TAR_BLOCK];
    sh_err err = {0};
    assert_int_equal(sh_tar_header(b, "files/9f/abc", 1234, 1700000000, &err), 0);
    sh_tar_entry e;
    assert_int_equal(sh_tar_parse(b, &e, &err), 0);
    assert_string_equal(e.name, "files/9f/abc");
    assert_int_equal(e.size, 1234);
    assert_int_equal(e.mtime, 1700000000);
    /* beyond 8 GiB: GNU base-256 */
    uint64_t big = (1ULL << 33) + 7;
    assert_int_equal(sh_tar_header(b, "shian.db", big, 0, &err), 0);
    assert_int_equal(b[124], 0x80);
    assert_int_equal(sh_tar_parse(b, &e, &err), 0);
    assert_true(e.size == big);
    /* the end of an archive */
    memset(b, 0, sizeof b);
    assert_int_equal(sh_tar_parse(b, &e, &err), 1);
    assert_int_equal(sh_tar_padding(0), 0);
    assert_int_equal(sh_tar_padding(1), 511);
    assert_int_equal(sh_tar_padding(512), 0);
    assert_int_equal(sh_tar_padding(513), 511);
}

static void tar_changed_byte_found(void **state)
{
    (void)state;
    unsigned char b[SH_TAR_BLOCK];
    sh_err err = {0};
    sh_tar_entry e;
    for (int at = 0; at < SH_TAR_BLOCK; at += 7) {
        assert_int_equal(sh_tar_header(b, "MANIFEST.json", 99, 5, &err), 0);
        b[at] ^= 0x04;
        assert_int_not_equal(sh_tar_parse(b, &e, &err), 0);
    }
}

/* the checksum field itself: a space for a leading zero, a space for its NUL */
static void tar_checksum_field_strict(void **state)
{
    (void)state;
    unsigned char b[SH_TAR_BLOCK];
    sh_tar_entry e;
    assert_int_equal(sh_tar_header(b, "shian.db", 1, 0, NULL), 0);
    assert_int_equal(b[148], '0');
    b[148] = ' ';
    assert_int_equal(sh_tar_parse(b, &e, NULL), SH_EINVAL);
    assert_int_equal(sh_tar_header(b, "shian.db", 1, 0, NULL), 0);
    b[154] = ' ';
    assert_int_equal(sh_tar_parse(b, &e, NULL), SH_EINVAL);
}

static void tar_unsafe_names(void **state)
{
    (void)state;
    unsigned char b[SH_TAR_BLOCK];
    sh_err err = {0};
    const char *bad[] = {"", "/etc/passwd", "../x", "files/../../x", "a//b", "a/", "./a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(sh_tar_header(b, bad[i], 1, 0, &err), SH_EINVAL);
    char longname[120];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(sh_tar_header(b, longname, 1, 0, &err), SH_EINVAL);
    assert_true(sh_tar_name_safe("files/ab/abc"));
}

/* tar(1) lists and extracts what the header says */
static void tar_tool_reads_it(void **state)
{
    (void)state;
    char path[] = "/tmp/shian-tar-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unsigned char b[SH_TAR_BLOCK], zeros[2 * SH_TAR_BLOCK] = {0};
    assert_int_equal(sh_tar_header(b, "hello.txt", 6, 1700000000, NULL), 0);
    assert_int_equal(write(fd, b, sizeof b), SH_TAR_BLOCK);
    memset(b, 0, sizeof b);
    memcpy(b, "hello\n", 6);
    assert_int_equal(write(fd, b, sizeof b), SH_TAR_BLOCK);
    assert_int_equal(write(fd, zeros, sizeof zeros), (ssize_t)sizeof zeros);
    close(fd);
    char cmd[128], out[64] = "";
    snprintf(cmd, sizeof cmd, "tar -xOf %s hello.txt", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, sizeof out - 1, p);
    assert_int_equal(pclose(p), 0);
    out[n] = '\0';
    assert_string_equal(out, "hello\n");
    unlink(path);
}

static json_t *sample_manifest(void)
{
    char path[80];
    sh_backup_blob_path(SHA, path);
    return sh_manifest_build(1763431200000, 57, 4096, SHA, json_pack("{s:i, s:i}", "entities", 300, "users", 12),
                             json_pack("[{s:s, s:i, s:s}]", "path", path, "size", 117, "sha256", SHA));
}

static void manifest_round_trip(void **state)
{
    (void)state;
    json_t *built = sample_manifest();
    char *text = json_dumps(built, 0);
    sh_manifest m;
    sh_err err = {0};
    assert_int_equal(sh_manifest_parse(text, strlen(text), &m, &err), 0);
    assert_int_equal(m.schema_version, 57);
    assert_true(m.created_at == 1763431200000);
    assert_int_equal(m.db_size, 4096);
    assert_string_equal(m.db_sha256, SHA);
    assert_int_equal(json_integer_value(json_object_get(m.tables, "entities")), 300);
    assert_int_equal(json_array_size(m.attachments), 1);
    sh_manifest_release(&m);
    free(text);
    json_decref(built);
}

/* Each damage is refused, naming what is wrong. */
static void manifest_damaged(void **state)
{
    (void)state;
    struct { const char *key, *value, *says; } cases[] = {
        {"format", "\"tar\"", "not a shian backup"},
        {"version", "2", "format version 2"},
        {"tables", "{\"entities\": -1}", "row count"},
        {"tables", "{\"entities\": \"300\"}", "row count"},
        {"attachments", "[{\"path\": \"files/00/x\", \"size\": 1, \"sha256\": \"x\"}]", "attachment"},
        {"attachments", "[{\"path\": \"../../etc/passwd\", \"size\": 1, \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}]", "attachment"},
        {"database", "{\"path\": \"shian.db\", \"size\": 1, \"sha256\": \"ABC\"}", "database"},
        {"created_at", "\"yesterday\"", "missing or of the wrong type"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *mf = sample_manifest();
        json_t *v = json_loads(cases[i].value, JSON_DECODE_ANY, NULL);
        assert_non_null(v);
        json_object_set_new(mf, cases[i].key, v);
        char *text = json_dumps(mf, 0);
        sh_manifest m;
        sh_err err = {0};
        assert_int_equal(sh_manifest_parse(text, strlen(text), &m, &err), SH_EINVAL);
        if (!strstr(err.message, cases[i].says))
            fail_msg("case %zu: '%s' does not say '%s'", i, err.message, cases[i].says);
        free(text);
        json_decref(mf);
    }
    sh_manifest m;
    sh_err err = {0};
    const char *dup = "{\"format\": \"shian-backup\", \"format\": \"x\"}";
    assert_int_equal(sh_manifest_parse(dup, strlen(dup), &m, &err), SH_EINVAL);
    assert_int_equal(sh_manifest_parse("{", 1, &m, &err), SH_EINVAL);
}

/* A small install: a database with two attachments named by rows, their files under files_dir. */
static void make_install(const char *dir, char *db_path, char *files_dir)
{
    sprintf(db_path, "%s/shian.db", dir);
    sprintf(files_dir, "%s/files", dir);
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(db_path, &db, &err), 0);
    assert_int_equal(sh_db_exec(db, "CREATE TABLE attachments(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL);"
                                    "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT);"
                                    "INSERT INTO users(name) VALUES ('admin'), ('county');", &err), 0);
    const char *bodies[] = {"first picture", "second picture"};
    for (int i = 0; i < 2; i++) {
        char hex[65], path[600], cmd[2048];
        /* the file, then its row: as loop/attachment.c does */
        sprintf(path, "%s/tmp-%d", dir, i);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(bodies[i], f);
        fclose(f);
        assert_int_equal(sh_file_sha256(path, hex, NULL, &err), 0);
        sprintf(cmd, "mkdir -p %s/%.2s && mv %s %s/%.2s/%s", files_dir, hex, path, files_dir, hex, hex);
        assert_int_equal(system(cmd), 0);
        sh_stmt *st = sh_db_prepare(db, "INSERT INTO attachments(sha256) VALUES (?)", &err);
        sh_bind_text(st, 1, hex);
        assert_int_equal(sh_stmt_run(st, &err), 0);
    }
    sh_db_close(db);
}

/* Every byte of a backup changed in turn (the database's at a stride): the restore fails each time
 * and leaves no database; the untouched file restores. */
static void every_changed_byte_is_found(void **state)
{
    (void)state;
    char dir[] = "/tmp/shian-backup-unit-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char db_path[600], files_dir[600], out[600], bad[600], target[600], target_files[600];
    make_install(dir, db_path, files_dir);
    sprintf(out, "%s/b.tar", dir);
    sprintf(bad, "%s/bad.tar", dir);
    sprintf(target, "%s/r/shian.db", dir);
    sprintf(target_files, "%s/r/files", dir);
    sh_err err = {0};
    json_t *manifest = NULL;
    assert_int_equal(sh_backup_create(db_path, files_dir, out, NULL, &manifest, &err), 0);
    assert_int_equal(json_array_size(json_object_get(manifest, "attachments")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(manifest, "tables"), "users")), 2);
    json_decref(manifest);
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    static unsigned char data[1 << 20];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    assert_true(n > 4 * SH_TAR_BLOCK && n < sizeof data);
    FILE *devnull = fopen("/dev/null", "w");
    int tried = 0;
    for (size_t at = 0; at < n; at += (at > 4096 && at < n - 4096) ? 97 : 1) {
        data[at] ^= 0x20;
        f = fopen(bad, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, n, f), n);
        fclose(f);
        data[at] ^= 0x20;
        if (sh_backup_restore(bad, target, target_files, devnull, &err) == 0)
            fail_msg("byte %zu changed, yet the backup restored", at);
        assert_int_not_equal(access(target, F_OK), 0);
        tried++;
    }
    assert_true(tried > 8000); /* every byte of the headers, manifest, attachments and trailer; the database sampled */
    assert_int_equal(sh_backup_restore(out, target, target_files, devnull, &err), 0);
    assert_int_equal(access(target, F_OK), 0);
    /* and not again onto what is now an install with data */
    assert_int_equal(sh_backup_restore(out, target, target_files, devnull, &err), SH_EEXIST);
    assert_non_null(strstr(err.message, "already holds data: 2 users"));
    fclose(devnull);
    char cmd[700];
    sprintf(cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tar_header_round_trip), cmocka_unit_test(tar_changed_byte_found), cmocka_unit_test(tar_unsafe_names),
        cmocka_unit_test(tar_checksum_field_strict),
        cmocka_unit_test(tar_tool_reads_it), cmocka_unit_test(manifest_round_trip), cmocka_unit_test(manifest_damaged),
        cmocka_unit_test(every_changed_byte_is_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
