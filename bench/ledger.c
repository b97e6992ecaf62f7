/* The ledger's throughput (domain/ledger): appends into a fresh SQLite database, each in its own
 * transaction as a record's write does it, with a signed checkpoint every 1 000 appends; then, on the
 * grown log, inclusion proofs, .tlog-proof files and level-0 tiles read per second. Printed beside
 * Trillian Tessera's published POSIX figure (docs/performance.md of github:transparency-dev/tessera at
 * 10291081: about 2 900 writes/s without antispam on a 12-core VM writing to mirrored SAS disks).
 *
 *   make bench BENCH=ledger        (or: build/rel/bench-ledger [appends, default 100000])
 * The monotonic clock times the runs; the ledger itself reads only the platform's clock seam. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "domain/domain.h"
#include "domain/ledger/checkpoint.h"
#include "domain/ledger/ledger.h"
#include "store/store.h"

#define CHECKPOINT_EVERY 1000
#define READ_SECONDS 2.0

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void check(int rc, sh_err *err, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "bench-ledger: %s: %s\n", what, err->message);
        exit(1);
    }
}

/* a fixed key: the bench has no server secret */
static int bench_seed(const char *origin, uint8_t seed[32], sh_err *err)
{
    (void)origin;
    (void)err;
    memset(seed, 42, 32);
    return 0;
}

typedef int (*read_fn)(sh_db *db, uint64_t size, uint64_t i, sh_err *err);

static int read_inclusion(sh_db *db, uint64_t size, uint64_t i, sh_err *err)
{
    json_t *p = NULL;
    int rc = sh_ledger_inclusion(db, (int64_t)(i % size), (int64_t)size, &p, err);
    json_decref(p);
    return rc;
}

static int read_bundle(sh_db *db, uint64_t size, uint64_t i, sh_err *err)
{
    char *text = NULL;
    int rc = sh_ledger_proof_file(db, (int64_t)(i % size), &text, err);
    free(text);
    return rc;
}

static int read_tile(sh_db *db, uint64_t size, uint64_t i, sh_err *err)
{
    sh_tlog_tile t = {0, i % (size / SH_TLOG_TILE_WIDTH), SH_TLOG_TILE_WIDTH};
    uint8_t *data = NULL;
    size_t len = 0;
    int rc = sh_ledger_tile(db, &t, size, &data, &len, err);
    free(data);
    return rc;
}

static void reads(sh_db *db, uint64_t size, const char *what, read_fn fn)
{
    sh_err err = {0};
    uint64_t n = 0, x = 0x9e3779b97f4a7c15ULL;
    double t0 = now_ms(), t;
    do {
        for (int k = 0; k < 100; k++, n++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* spread over the log, not one hot path */
            check(fn(db, size, x, &err), &err, what);
        }
    } while ((t = now_ms() - t0) < READ_SECONDS * 1000);
    printf("  %-44s %9.0f /s\n", what, n / (t / 1000));
}

int main(int argc, char **argv)
{
    long long target = argc > 1 ? atoll(argv[1]) : 100000;
    char path[] = "/tmp/shian-bench-ledger-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    sh_err err = {0};
    sh_db *db = NULL;
    if (target < 1000 || sodium_init() < 0 || sh_domain_init() != 0 || sh_db_open(path, &db, &err) != 0 || sh_migrate(db, NULL, &err) != 0) {
        fprintf(stderr, "bench-ledger: %s\n", target < 1000 ? "at least 1000 appends" : err.message);
        return 1;
    }
    sh_ledger_use_seed(bench_seed);
    sh_ledger_use_origin("bench.example/ledger");
    printf("The ledger (domain/ledger), SQLite in WAL mode, one thread\n");
    /* each append in its own transaction, as the write of a record carries it; a checkpoint (a root of
     * O(log n) stored subtrees, signed with Ed25519) every CHECKPOINT_EVERY */
    uint64_t checkpoints = 0;
    double t0 = now_ms();
    for (long long i = 0; i < target; i++) {
        sh_merkle_hash e;
        crypto_hash_sha256(e, (const uint8_t *)&i, sizeof i);
        check(sh_db_begin(db, &err), &err, "begin");
        check(sh_ledger_append(db, "audit", "audit_log:1", e, NULL, &err), &err, "append");
        check(sh_db_commit(db, &err), &err, "commit");
        if ((i + 1) % CHECKPOINT_EVERY == 0) {
            int made = 0;
            check(sh_ledger_checkpoint(db, NULL, &made, &err), &err, "checkpoint");
            checkpoints += (uint64_t)made;
        }
    }
    double t = now_ms() - t0;
    printf("  %-44s %9.0f /s  (%lld appends, %llu checkpoints, %.1f s)\n", "appends, one transaction each, with checkpoints", target / (t / 1000),
           target, (unsigned long long)checkpoints, t / 1000);
    uint64_t size = 0;
    check(sh_ledger_checkpoint(db, &size, NULL, &err), &err, "checkpoint");
    reads(db, size, "inclusion proofs (random leaf, latest size)", read_inclusion);
    reads(db, size, ".tlog-proof files (random leaf)", read_bundle);
    reads(db, size, "level-0 tiles of 256 hashes (random tile)", read_tile);
    printf("  beside: Trillian Tessera POSIX, about 2 900 writes/s without antispam (12-core VM, mirrored SAS disks;\n"
           "  docs/performance.md of transparency-dev/tessera), where reads are static files\n");
    sh_db_close(db);
    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    return 0;
}
