/* shian ledger witness-init / witness: a C2SP tlog witness (the city bureau's instance) for a county's
 * ledger. It keeps the last checkpoint it cosigned, and cosigns a new one only when a consistency proof
 * shows that the new tree extends it: a smaller tree (rollback) or another root at the same or a
 * later size (fork) is refused, so two views of one log cannot both get its cosignature. The key is
 * its own Ed25519 pair; its cosignatures are cosignature/v1 (c2sp.org/tlog-cosignature). */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/dirs.h"
#include "core/merkle.h"
#include "core/note.h"
#include "core/timeutil.h"

#define SKEY_PREFIX "PRIVATE+KEY+"
#define DEFAULT_NAME "shian-witness"

static int refuse(const char *fmt, const char *detail)
{
    fprintf(stderr, "shian ledger witness: REFUSED: ");
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    return 1;
}

static int write_file(const char *path, const char *text, mode_t mode, int exclusive)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | (exclusive ? O_EXCL : 0), mode);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    int rc = write(fd, text, n) == (ssize_t)n ? 0 : -1;
    if (close(fd) != 0)
        rc = -1;
    return rc;
}

int sh_ledger_witness_init(int argc, char **argv)
{
    const char *dir = sh_cli_opt(argc, argv, "out"), *name = sh_cli_opt(argc, argv, "name");
    if (!dir) {
        fprintf(stderr, "usage: shian ledger witness-init --out DIR [--name NAME]\n");
        return 2;
    }
    if (!name)
        name = DEFAULT_NAME;
    uint8_t seed[32];
    sh_note_signer s;
    if (sodium_init() < 0)
        return 1;
    randombytes_buf(seed, sizeof seed);
    if (sh_cosig_signer_init(&s, name, seed) != 0) {
        fprintf(stderr, "shian ledger witness-init: --name must be non-empty, without spaces or '+'\n");
        return 2;
    }
    char vkey[SH_NOTE_VKEY_MAX], hex[9], b64[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)];
    char skey[SH_NOTE_VKEY_MAX + 32], kpath[4096], vpath[4096];
    uint8_t k[33] = {SH_NOTE_ALG_COSIG};
    memcpy(k + 1, seed, 32);
    sh_cosig_verifier_key(&s, vkey);
    sodium_bin2hex(hex, sizeof hex, s.key_hash, 4);
    sodium_bin2base64(b64, sizeof b64, k, sizeof k, sodium_base64_VARIANT_ORIGINAL);
    /* the signed-note spelling of a private key: PRIVATE+KEY+<name>+<hash>+<base64(type ‖ seed)> */
    snprintf(skey, sizeof skey, SKEY_PREFIX "%s+%s+%s\n", name, hex, b64);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(k, sizeof k);
    sodium_memzero(&s, sizeof s);
    snprintf(kpath, sizeof kpath, "%s/witness.key", dir);
    snprintf(vpath, sizeof vpath, "%s/witness.vkey", dir);
    int rc = sh_make_dirs(dir, 0700);
    if (rc == 0 && write_file(kpath, skey, 0600, 1) != 0)
        rc = -1;
    sodium_memzero(skey, sizeof skey);
    strcat(vkey, "\n");
    if (rc == 0 && write_file(vpath, vkey, 0644, 0) != 0)
        rc = -1;
    if (rc) {
        fprintf(stderr, "shian ledger witness-init: cannot write %s (it must not exist yet): %s\n", kpath, strerror(errno));
        return 1;
    }
    printf("%s", vkey);
    return 0;
}

static int load_signer(const char *path, sh_note_signer *s)
{
    sh_buf b = SH_BUF_INIT;
    int rc = -1;
    if (sh_cli_read_file(path, &b) != 0)
        return -1;
    sh_buf_addc(&b, '\0');
    b.data[strcspn(b.data, "\r\n")] = '\0';
    char *p = b.data, *name = p + strlen(SKEY_PREFIX), *h = NULL, *k = NULL;
    if (!strncmp(p, SKEY_PREFIX, strlen(SKEY_PREFIX)) && (h = strchr(name, '+')) && (k = strchr(h + 1, '+'))) {
        *h++ = '\0';
        *k++ = '\0';
        uint8_t raw[34], want[4];
        size_t got = 0, hn = 0;
        const char *end = NULL;
        if (sodium_base642bin(raw, sizeof raw, k, strlen(k), NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) == 0 && got == 33 &&
            *end == '\0' && raw[0] == SH_NOTE_ALG_COSIG && sodium_hex2bin(want, 4, h, strlen(h), NULL, &hn, NULL) == 0 && hn == 4 &&
            sh_cosig_signer_init(s, name, raw + 1) == 0 && memcmp(want, s->key_hash, 4) == 0)
            rc = 0;
        sodium_memzero(raw, sizeof raw);
    }
    sodium_memzero(b.data, b.len);
    sh_buf_release(&b);
    return rc;
}

static size_t collect(char *data, size_t size, size_t n, void *ctx)
{
    sh_buf *b = ctx;
    if (b->len + size * n > 4 * 1024 * 1024)
        return 0; /* a checkpoint or a proof is small: refuse a flood */
    sh_buf_add(b, data, size * n);
    return size * n;
}

/* GET (body NULL) or POST JSON to base + path: the status, the answer in out (NUL-terminated) */
static long http(const char *base, const char *path, const char *body, sh_buf *out)
{
    CURL *c = curl_easy_init();
    if (!c)
        return -1;
    char url[2048];
    snprintf(url, sizeof url, "%s%s", base, path);
    struct curl_slist *h = NULL;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (body) {
        h = curl_slist_append(h, "Content-Type: application/json");
        h = curl_slist_append(h, "X-Requested-With: shian");
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    }
    long status = -1;
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else
        fprintf(stderr, "shian ledger witness: %s: %s\n", url, curl_easy_strerror(rc));
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    sh_buf_addc(out, '\0');
    return status;
}

typedef struct seen {
    char *note;
    size_t text_len;
    char origin[SH_NOTE_NAME_MAX];
    uint64_t size;
    sh_merkle_hash root;
} seen;

static int open_note(char *note, const char *vkey, seen *out)
{
    out->note = note;
    return sh_note_verify(vkey, note, &out->text_len) == 0 &&
                   sh_checkpoint_parse(note, out->text_len, out->origin, sizeof out->origin, &out->size, out->root) == 0
               ? 0
               : -1;
}

/* the consistency proof of first → second from the log, verified */
static int consistent(const char *base, const seen *old, const seen *now)
{
    char path[128];
    snprintf(path, sizeof path, "/api/v1/ledger/proof/consistency?first=%llu&second=%llu", (unsigned long long)old->size,
             (unsigned long long)now->size);
    sh_buf b = SH_BUF_INIT;
    long st = http(base, path, NULL, &b);
    json_t *j = st == 200 ? json_loads(b.data, 0, NULL) : NULL;
    sh_buf_release(&b);
    json_t *a = json_object_get(j, "proof");
    sh_merkle_hash proof[SH_MERKLE_MAX_PROOF];
    size_t n = json_array_size(a);
    int ok = json_is_array(a) && n <= SH_MERKLE_MAX_PROOF;
    for (size_t i = 0; ok && i < n; i++) {
        const char *h = json_string_value(json_array_get(a, i));
        size_t got = 0;
        ok = h && strlen(h) == 64 && sodium_hex2bin(proof[i], 32, h, 64, NULL, &got, NULL) == 0 && got == 32;
    }
    json_decref(j);
    if (!ok) {
        fprintf(stderr, "shian ledger witness: no consistency proof from the log (HTTP %ld)\n", st);
        return -1;
    }
    return sh_merkle_verify_consistency(old->size, now->size, old->root, now->root, (const sh_merkle_hash *)proof, n) == 0 ? 0 : 1;
}

int sh_ledger_witness(int argc, char **argv)
{
    const char *base = sh_cli_opt(argc, argv, "url"), *log_key = sh_cli_opt(argc, argv, "log-key");
    const char *key_path = sh_cli_opt(argc, argv, "key"), *state = sh_cli_opt(argc, argv, "state");
    char vkey[SH_NOTE_VKEY_MAX], dir[4096], state_path[4200], tmp_path[4300];
    if (!base || !log_key || !key_path || sh_ledger_load_key(log_key, vkey, sizeof vkey) != 0) {
        fprintf(stderr, "usage: shian ledger witness --url BASE --log-key KEY|FILE --key DIR/witness.key [--state DIR]\n");
        return 2;
    }
    if (strncmp(base, "http://", 7) && strncmp(base, "https://", 8)) {
        fprintf(stderr, "shian ledger witness: --url must be http:// or https://\n");
        return 2;
    }
    sh_note_key lk;
    if (sh_note_key_parse(vkey, &lk) != 0 || lk.alg != SH_NOTE_ALG_ED25519) {
        fprintf(stderr, "shian ledger witness: --log-key is not the log's verifier key <name>+<hex>+<base64>\n");
        return 2;
    }
    sh_note_signer w;
    if (load_signer(key_path, &w) != 0) {
        fprintf(stderr, "shian ledger witness: %s is not a witness key (shian ledger witness-init makes one)\n", key_path);
        return 2;
    }
    /* the state lives beside the key unless told otherwise */
    if (!state) {
        snprintf(dir, sizeof dir, "%s", key_path);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
        state = dir;
    }
    if (sh_make_dirs(state, 0700) != 0) {
        fprintf(stderr, "shian ledger witness: cannot make %s\n", state);
        sodium_memzero(&w, sizeof w);
        return 1;
    }
    snprintf(state_path, sizeof state_path, "%s/%s.checkpoint", state, lk.name);
    for (char *p = state_path + strlen(state) + 1; *p; p++)
        if (*p == '/')
            *p = '_'; /* the origin names one file, not folders */
    snprintf(tmp_path, sizeof tmp_path, "%s.tmp", state_path);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = 0;
    seen now = {0}, old = {0};
    sh_buf b = SH_BUF_INIT, o = SH_BUF_INIT;
    long st = http(base, "/api/v1/ledger/tlog/checkpoint", NULL, &b);
    if (st != 200)
        rc = refuse("no checkpoint from the log (%s)", st < 0 ? "unreachable" : "HTTP error");
    else if (open_note(b.data, vkey, &now) != 0)
        rc = refuse("%s", "the log's checkpoint does not verify under --log-key");
    else if (strcmp(now.origin, lk.name) != 0)
        rc = refuse("the checkpoint names another log: %s", now.origin);
    int had = rc == 0 && sh_cli_read_file(state_path, &o) == 0;
    if (had) {
        sh_buf_addc(&o, '\0');
        if (open_note(o.data, vkey, &old) != 0)
            rc = refuse("the last checkpoint kept in %s does not verify: restore it or start a new state", state_path);
        else if (now.size < old.size)
            rc = refuse("%s", "rollback: the log's checkpoint is smaller than one it showed before");
        else if (now.size == old.size && memcmp(now.root, old.root, 32) != 0)
            rc = refuse("%s", "fork: the log shows another root for a size it showed before");
        else if (now.size > old.size && old.size > 0) {
            int c = consistent(base, &old, &now);
            if (c > 0)
                rc = refuse("%s", "fork: the new checkpoint does not extend the last one seen (the consistency proof fails)");
            else if (c < 0)
                rc = 1;
        }
    }
    /* what was seen is kept before it is cosigned: a crash in between cannot let a fork through */
    char text[SH_NOTE_NAME_MAX + 200];
    if (rc == 0 && now.text_len < sizeof text) {
        memcpy(text, now.note, now.text_len);
        text[now.text_len] = '\0';
        if (write_file(tmp_path, now.note, 0600, 0) != 0 || rename(tmp_path, state_path) != 0)
            rc = refuse("cannot keep the checkpoint in %s", state_path);
    } else if (rc == 0) {
        rc = refuse("%s", "the checkpoint's text is too long");
    }
    char *line = NULL;
    if (rc == 0 && sh_cosig_sign(&w, text, (uint64_t)(sh_now_ms() / 1000), &line) != 0)
        rc = refuse("%s", "cannot sign the checkpoint");
    if (rc == 0) {
        json_t *j = json_pack("{s:I, s:s}", "size", (json_int_t)now.size, "cosignature", line);
        char *body = json_dumps(j, JSON_COMPACT);
        json_decref(j);
        sh_buf r = SH_BUF_INIT;
        st = http(base, "/api/v1/ledger/cosignatures", body, &r);
        free(body);
        if (st != 201) {
            json_t *e = json_loads(r.data, 0, NULL);
            const char *msg = json_string_value(json_object_get(json_object_get(e, "error"), "message"));
            const char *en = json_string_value(json_object_get(json_object_get(e, "error"), "message_en"));
            fprintf(stderr, "shian ledger witness: the log did not take the cosignature (HTTP %ld): %s%s%s%s\n", st, msg ? msg : r.data,
                    en ? " (" : "", en ? en : "", en ? ")" : "");
            json_decref(e);
            rc = 1;
        } else {
            printf("cosigned %s at %llu leaves%s\n", now.origin, (unsigned long long)now.size, had ? " (consistent with the last one seen)" : " (first seen)");
        }
        sh_buf_release(&r);
    }
    free(line);
    sh_buf_release(&b);
    sh_buf_release(&o);
    sodium_memzero(&w, sizeof w);
    curl_global_cleanup();
    return rc;
}
