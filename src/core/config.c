#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/log.h"
#include "core/note.h"

enum kind { K_STR, K_INT, K_LONG, K_BOOL };

struct setting {
    const char *name;
    enum kind kind;
    size_t offset;
    size_t size; /* for strings */
    const char *def;
    long min, max;
    const char *help;
};

#define STR(f, d, h) {#f, K_STR, offsetof(sh_config, f), sizeof(((sh_config *)0)->f), d, 0, 0, h}
#define INT(f, d, lo, hi, h) {#f, K_INT, offsetof(sh_config, f), 0, d, lo, hi, h}
#define LONG(f, d, lo, hi, h) {#f, K_LONG, offsetof(sh_config, f), 0, d, lo, hi, h}
#define BOOL(f, d, h) {#f, K_BOOL, offsetof(sh_config, f), 0, d, 0, 1, h}

static const struct setting settings[] = {
    STR(listen, "127.0.0.1", "address the HTTP server binds"),
    INT(port, "8080", 0, 65535, "HTTP port (0 picks a free one)"),
    STR(db_path, "var/shian.db", "SQLite database file"),
    STR(web_root, "web", "folder of the web console"),
    STR(files_dir, "var/files", "folder of uploaded photos and evidence"),
    STR(demo_photos_dir, "/usr/share/darknet/data", "sample photos (Debian package darknet) from which `shian demo` makes its cameras' pictures and AI snapshots; absent: the demo has none"),
    STR(secret_key_file, "var/secret.key", "the server's secret key (seals camera credentials); created, mode 0600, on first use"),
    INT(threads, "4", 1, 256, "HTTP worker threads, each with its own database connection"),
    LONG(max_body, "1048576", 1024, 104857600, "largest JSON request body, bytes"),
    LONG(max_upload, "33554432", 1024, 1073741824, "largest import upload, bytes"),
    INT(session_hours, "12", 1, 720, "hours a console session lasts"),
    BOOL(cookie_secure, "0", "mark the session cookie Secure (when served over TLS)"),
    STR(log_level, "info", "debug, info, warn or error"),
    INT(pwhash_ops, "2", 1, 10, "argon2id passes"),
    LONG(pwhash_mem, "67108864", 8192, 1073741824, "argon2id memory, bytes"),
    STR(now, "", "pin the clock: the platform's time starts here and runs on (ISO 8601 such as 2026-12-31T15:00:00+08:00, or epoch ms); empty is the system clock"),
    INT(per_ip_connections, "128", 0, 100000, "open connections one client address may hold (a browser uses up to 6); 0 for no limit, e.g. behind a proxy that limits"),
    STR(trusted_proxy, "", "address of a reverse proxy in front: a request from it is counted for the last address of its X-Forwarded-For (per-address limits of public forms); empty trusts none"),
    STR(ledger_origin, "localhost/shian-ledger", "the ledger's origin: the first line of its signed checkpoints and the name of its Ed25519 key (e.g. <county host>/ledger); changing it starts a new key"),
    STR(ledger_witness_keys, "", "the witnesses whose C2SP cosignatures (cosignature/v1) the ledger accepts and serves with its checkpoints: their verifier keys (<name>+<hex>+<base64>, as `shian ledger witness-init` prints them), comma-separated; empty: none"),
    STR(public_url, "", "the address residents reach the platform at (http(s)://host[:port][/path]): the QR code at a business's door opens <public_url>/#/shop/<id>; empty: http:// and the request's Host"),
    INT(read_timeout, "30", 1, 3600, "seconds a connection may send nothing (headers, body or an idle keep-alive) before it is closed"),
    STR(metrics_allow, "127.0.0.1,::1", "client addresses (comma-separated, as trusted_proxy reports them) that may read /metrics; empty: none"),
    STR(metrics_token, "", "a bearer token (16 to 127 characters) that opens /metrics from any address; empty: none"),
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

static const struct setting *find(const char *name)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(settings[i].name, name) == 0)
            return &settings[i];
    return NULL;
}

int sh_config_set(sh_config *c, const char *name, const char *value, sh_err *err)
{
    const struct setting *s = find(name);
    if (!s)
        return sh_fail(err, SH_EINVAL, name, "unknown setting '%s'", name);
    char *dst = (char *)c + s->offset;
    if (s->kind == K_STR) {
        if (strlen(value) >= s->size)
            return sh_fail(err, SH_EINVAL, name, "value longer than %zu bytes", s->size - 1);
        if (strcmp(name, "public_url") == 0 && *value &&
            ((strncmp(value, "http://", 7) && strncmp(value, "https://", 8)) || strpbrk(value, " \t\"#?<>")))
            return sh_fail(err, SH_EINVAL, name, "must be an http:// or https:// address without spaces, # or ?");
        if (strcmp(name, "metrics_token") == 0 && *value && (strlen(value) < 16 || strpbrk(value, " \t,")))
            return sh_fail(err, SH_EINVAL, name, "must be 16 to 127 characters without spaces or commas");
        /* C2SP signed-note: a key name has no space, no '+', and is not empty */
        if (strcmp(name, "ledger_origin") == 0 && (!*value || strpbrk(value, " \t\r\n+")))
            return sh_fail(err, SH_EINVAL, name, "must be a name without spaces or '+', e.g. example.gov.cn/ledger");
        sh_note_key keys[8];
        size_t nkeys = 0;
        int witness_keys = strcmp(name, "ledger_witness_keys") == 0;
        int bad_key = witness_keys && sh_note_key_list(value, keys, 8, &nkeys) != 0;
        for (size_t i = 0; witness_keys && !bad_key && i < nkeys; i++)
            bad_key = keys[i].alg != SH_NOTE_ALG_COSIG; /* a log's key (0x01) cannot cosign */
        if (bad_key)
            return sh_fail(err, SH_EINVAL, name, "must be up to 8 witness verifier keys <name>+<hex key hash>+<base64(0x04 ‖ key)>, comma-separated");
        memcpy(dst, value, strlen(value) + 1);
        int64_t ms;
        if (strcmp(name, "now") == 0 && *value && strspn(value, "0123456789") != strlen(value) &&
            sh_parse_time(value, &ms) != 0)
            return sh_fail(err, SH_EINVAL, name, "must be ISO 8601 (2026-12-31T15:00:00+08:00) or epoch milliseconds");
        if (strcmp(name, "log_level") == 0) {
            enum sh_log_level lvl;
            if (sh_log_parse_level(value, &lvl) != 0)
                return sh_fail(err, SH_EINVAL, name, "must be debug, info, warn or error");
        }
        return 0;
    }
    long v;
    if (s->kind == K_BOOL) {
        if (!strcmp(value, "1") || !strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "on"))
            v = 1;
        else if (!strcmp(value, "0") || !strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "off"))
            v = 0;
        else
            return sh_fail(err, SH_EINVAL, name, "must be true or false");
    } else {
        char *end;
        errno = 0;
        v = strtol(value, &end, 10);
        if (errno || end == value || *end)
            return sh_fail(err, SH_EINVAL, name, "'%s' is not a whole number", value);
        if (v < s->min || v > s->max)
            return sh_fail(err, SH_EINVAL, name, "must be between %ld and %ld", s->min, s->max);
    }
    if (s->kind == K_LONG)
        *(long *)dst = v;
    else
        *(int *)dst = (int)v;
    return 0;
}

void sh_config_defaults(sh_config *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < NSETTINGS; i++) {
        int rc = sh_config_set(c, settings[i].name, settings[i].def, NULL);
        (void)rc;
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

int sh_config_load_file(sh_config *c, const char *path, sh_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return sh_fail(err, SH_EINVAL, "config", "cannot open config file %s: %s", path, strerror(errno));
    char line[1024];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *l = trim(line);
        if (!*l)
            continue;
        char *eq = strchr(l, '=');
        if (!eq) {
            rc = sh_fail(err, SH_EINVAL, "config", "%s:%d: expected 'name = value'", path, lineno);
            break;
        }
        *eq = '\0';
        if ((rc = sh_config_set(c, trim(l), trim(eq + 1), err)) != 0) {
            if (err) {
                char msg[sizeof err->message + 600];
                snprintf(msg, sizeof msg, "%.200s:%d: %s", path, lineno, err->message);
                snprintf(err->message, sizeof err->message, "%s", msg);
            }
            break;
        }
    }
    fclose(f);
    return rc;
}

int sh_config_load_env(sh_config *c, sh_err *err)
{
    for (size_t i = 0; i < NSETTINGS; i++) {
        char var[64] = "SHIAN_";
        size_t n = strlen(var);
        for (const char *p = settings[i].name; *p && n < sizeof var - 1; p++)
            var[n++] = (char)toupper((unsigned char)*p);
        var[n] = '\0';
        const char *v = getenv(var);
        if (v && sh_config_set(c, settings[i].name, v, err) != 0)
            return SH_EINVAL;
    }
    return 0;
}

int sh_config_load_args(sh_config *c, int *argc, char **argv, sh_err *err)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            argv[out++] = a;
            continue;
        }
        char name[64];
        const char *value = NULL;
        const char *eq = strchr(a + 2, '=');
        size_t nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        if (nlen >= sizeof name) {
            argv[out++] = a;
            continue;
        }
        memcpy(name, a + 2, nlen);
        name[nlen] = '\0';
        for (char *p = name; *p; p++)
            if (*p == '-')
                *p = '_';
        int is_config = strcmp(name, "config") == 0;
        if (!is_config && !find(name)) {
            argv[out++] = a;
            continue;
        }
        if (eq)
            value = eq + 1;
        else if (i + 1 < *argc)
            value = argv[++i];
        else
            return sh_fail(err, SH_EINVAL, name, "--%s needs a value", name);
        int rc = is_config ? sh_config_load_file(c, value, err) : sh_config_set(c, name, value, err);
        if (rc != 0)
            return rc;
    }
    argv[out] = NULL;
    *argc = out;
    return 0;
}

void sh_config_usage(void)
{
    printf("Settings (file 'name = value', env SHIAN_NAME, flag --name=value):\n");
    for (size_t i = 0; i < NSETTINGS; i++)
        printf("  --%-14s %-60s [%s]\n", settings[i].name, settings[i].help, settings[i].def);
}
