/* Configuration: one table drives defaults, parsing, validation and help for every setting
 * (after Redis config.c). Precedence: defaults < file < environment (SHIAN_<NAME>) < flags (--name=value). */
#ifndef SH_CONFIG_H
#define SH_CONFIG_H

#include "core/err.h"

typedef struct sh_config {
    char listen[64];       /* address to bind */
    int port;
    char db_path[512];
    char web_root[512];
    char files_dir[512];   /* uploaded photos and evidence, by content hash */
    char demo_photos_dir[512]; /* darknet's sample photos, the demo's pictures (demo/demo_pictures.h) */
    char secret_key_file[512]; /* the server's secret key (sealed camera credentials) */
    int threads;           /* HTTP worker threads */
    long max_body;         /* bytes, JSON requests */
    long max_upload;       /* bytes, imports */
    int session_hours;
    int cookie_secure;     /* set Secure on cookies (behind TLS) */
    char log_level[16];
    int pwhash_ops;        /* argon2id opslimit */
    long pwhash_mem;       /* argon2id memlimit, bytes */
    char now[48];          /* the pinned clock (ISO 8601 or epoch ms), empty for the system clock */
    int per_ip_connections; /* open connections one address may hold, 0 for no limit */
    int read_timeout;      /* seconds a connection may stay silent before it is closed */
    char trusted_proxy[64]; /* a reverse proxy's address whose X-Forwarded-For names the client */
    char ledger_witness_keys[1024]; /* the witnesses' cosignature keys (vkeys, comma-separated) */
    char ledger_origin[128]; /* the ledger's name in its checkpoints and the key name (domain/ledger) */
    char public_url[256];  /* where residents reach the platform (QR codes at doors); empty: from Host */
    char metrics_allow[256]; /* client addresses that may read /metrics, comma-separated */
    char metrics_token[128]; /* a bearer token that opens /metrics from anywhere; empty: none */
} sh_config;

/* Fills defaults. */
void sh_config_defaults(sh_config *c);
/* Sets one setting by name from text, validating it. */
int sh_config_set(sh_config *c, const char *name, const char *value, sh_err *err);
/* Reads "name = value" lines; '#' starts a comment. */
int sh_config_load_file(sh_config *c, const char *path, sh_err *err);
/* Applies SHIAN_<UPPERCASE NAME> variables. */
int sh_config_load_env(sh_config *c, sh_err *err);
/* Consumes --name=value / --name value flags that name settings; other arguments are kept, in order,
 * in argv (argc updated). --config=FILE loads a file at that point. */
int sh_config_load_args(sh_config *c, int *argc, char **argv, sh_err *err);
/* Prints every setting with its default and description. */
void sh_config_usage(void);

#endif
