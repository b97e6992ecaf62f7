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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tar_header_round_trip), cmocka_unit_test(tar_changed_byte_found), cmocka_unit_test(tar_unsafe_names),
        cmocka_unit_test(tar_tool_reads_it), cmocka_unit_test(manifest_round_trip), cmocka_unit_test(manifest_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
