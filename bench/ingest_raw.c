/* The baseline of bench/ingest.sh: what storing an AI observation with its snapshot costs without
 * shian, i.e. without HTTP, multipart parsing, JSON, authentication, the rule checks and the reply.
 *
 *   ingest_raw ppm W H SEED > picture.ppm
 *       a synthetic camera picture (a lit kitchen with counters, tiles and sensor noise) for cjpeg
 *   ingest_raw fsync DIR JPEG N
 *       the disk alone: N unique copies of the JPEG stored as store_blob does, one at a time; prints
 *       FSYNC n=N p50_us=.. p90_us=.. p99_us=.. (the time of each: open, write, fsync, close, rename)
 *   ingest_raw run --db=FILE --files=DIR --jpeg=FILE --cameras=FILE [--labels=a,b,..] [--threads=2]
 *                  [--seconds=10] [--user=ID] [--file=before|inside|none]
 *       for --seconds, on --threads threads with a connection each: for each observation, a copy of
 *       the JPEG made unique by a COM segment (as bench/ingest.lua does), hashed with SHA-256 and
 *       written once by its hash (temporary file, write, fsync, close, rename, as
 *       src/domain/attachment.c store_blob does), and in one transaction (BEGIN IMMEDIATE) the rows
 *       shian writes: the observation, its attachment, the alert of the camera and violation within
 *       the rule's cooldown (updated) or a new one, the observation's snapshot and alert, the camera's
 *       heartbeat and last snapshot. WAL and synchronous=NORMAL, as src/store/sqlite.c opens them.
 *       --file=before writes the file before the transaction (the default), inside writes it within
 *       it, as shian does (the write lock is held through the fsync), none skips the file.
 *       Prints one line: RAW rows=N seconds=S rps=R alerts=N merged=N file=MODE threads=N
 *
 * The cameras file holds "id entity_id" lines; labels map to violations through the database's
 * label_map, and each violation's cooldown is its alert_rules row. Every observation goes to an
 * alert (no score, zone or schedule checks: the rows are the most shian writes for one). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_LABELS 16
#define COM_TEXT 40 /* bytes of the unique text in the COM segment, as in bench/ingest.lua */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ingest_raw: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the picture ---- */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int clamp255(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

static int cmd_ppm(int argc, char **argv)
{
    if (argc != 5)
        die("usage: ingest_raw ppm W H SEED");
    int w = atoi(argv[2]), h = atoi(argv[3]);
    uint64_t seed = strtoull(argv[4], NULL, 10), s = seed;
    if (w < 16 || h < 16 || w > 8192 || h > 8192)
        die("W and H must be 16..8192");
    /* a few counters and cupboards: rectangles of flat colour over a lit wall and a tiled floor */
    struct { int x, y, w, h, r, g, b; } box[24];
    int nbox = 0;
    for (; nbox < 24; nbox++) {
        box[nbox].w = w / 12 + (int)(rng_next(&s) % (uint64_t)(w / 3));
        box[nbox].h = h / 12 + (int)(rng_next(&s) % (uint64_t)(h / 3));
        box[nbox].x = (int)(rng_next(&s) % (uint64_t)w);
        box[nbox].y = h / 4 + (int)(rng_next(&s) % (uint64_t)(h * 3 / 4));
        box[nbox].r = 60 + (int)(rng_next(&s) % 180);
        box[nbox].g = 60 + (int)(rng_next(&s) % 180);
        box[nbox].b = 60 + (int)(rng_next(&s) % 180);
    }
    printf("P6\n%d %d\n255\n", w, h);
    unsigned char *row = malloc((size_t)w * 3);
    if (!row)
        die("out of memory");
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            int r, g, b;
            if (y < h * 2 / 5) { /* wall: a light from the top left */
                int l = 200 - (x + y) * 80 / (w + h);
                r = l;
                g = l - 8;
                b = l - 20;
            } else { /* floor tiles */
                int tile = ((x / 24) + (y / 24)) & 1, grout = x % 24 == 0 || y % 24 == 0;
                r = grout ? 90 : tile ? 170 : 150;
                g = grout ? 90 : tile ? 165 : 148;
                b = grout ? 85 : tile ? 150 : 140;
            }
            for (int i = 0; i < nbox; i++)
                if (x >= box[i].x && x < box[i].x + box[i].w && y >= box[i].y && y < box[i].y + box[i].h) {
                    int shade = (y - box[i].y) * 40 / (box[i].h ? box[i].h : 1);
                    r = box[i].r - shade;
                    g = box[i].g - shade;
                    b = box[i].b - shade;
                }
            /* sensor noise */
            uint64_t n = rng_next(&s);
            int dn = (int)(n & 15) + (int)((n >> 4) & 15) - 15;
            row[3 * x] = (unsigned char)clamp255(r + dn);
            row[3 * x + 1] = (unsigned char)clamp255(g + dn + (int)((n >> 8) & 7) - 3);
            row[3 * x + 2] = (unsigned char)clamp255(b + dn + (int)((n >> 11) & 7) - 3);
        }
        fwrite(row, 3, (size_t)w, stdout);
    }
    free(row);
    return 0;
}

/* ---- the run ---- */

typedef struct { int64_t id, entity_id; } camera;
typedef struct { char label[64], violation[32]; int64_t cooldown_ms, min_duration_ms; } label_rule;

static const char *db_path, *files_dir;
static unsigned char *jpeg;
static size_t jpeg_len, com_at; /* the COM segment goes after SOI and the APP0 (JFIF) segment */
static camera *cams;
static int ncams;
static label_rule labels[MAX_LABELS];
static int nlabels;
static double seconds = 10;
static int64_t user_id;
static enum { FILE_BEFORE, FILE_INSIDE, FILE_NONE } file_mode = FILE_BEFORE;
static double t_end;

typedef struct {
    int id;
    pthread_t th;
    long rows, alerts, merged;
} worker;

static void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die("%s: %s", what, sqlite3_errmsg(db));
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL), sql);
    return st;
}

static void step_done(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        die("%s: %s", what, sqlite3_errmsg(db));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static sqlite3 *open_db(void)
{
    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        die("cannot open %s", db_path);
    sqlite3_busy_timeout(db, 10000);
    check(db,
          sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                       " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;",
                       NULL, NULL, NULL),
          "pragmas");
    return db;
}

static int make_dirs(const char *path)
{
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(tmp, 0750) != 0 && errno != EEXIST ? -1 : 0;
}

/* store_blob of src/domain/attachment.c, step for step */
static void store_blob(const char *hex, const unsigned char *data, size_t len)
{
    char sub[600], path[700], tmp[720];
    snprintf(sub, sizeof sub, "%s/%.2s", files_dir, hex);
    snprintf(path, sizeof path, "%s/%.2s/%s", files_dir, hex, hex);
    if (access(path, F_OK) == 0)
        return;
    if (make_dirs(sub) != 0)
        die("cannot create %s: %s", sub, strerror(errno));
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0)
        die("cannot open %s: %s", tmp, strerror(errno));
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, data + (len - left), left);
        if (w <= 0)
            die("write %s: %s", tmp, strerror(errno));
        left -= (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0)
        die("cannot store %s: %s", path, strerror(errno));
}

static void *work(void *arg)
{
    worker *wk = arg;
    sqlite3 *db = open_db();
    sqlite3_stmt *begin = prep(db, "BEGIN IMMEDIATE"), *commit = prep(db, "COMMIT");
    sqlite3_stmt *ins_obs = prep(db,
                                 "INSERT INTO observations(camera_id, entity_id, source, idempotency_key, observed_at, label,"
                                 " violation, score, box, outcome, created_by, created_at) VALUES (?, ?, 'ai_box', ?, ?, ?, ?, ?, ?,"
                                 " 'alert', ?, ?)");
    sqlite3_stmt *ins_att = prep(db,
                                 "INSERT INTO attachments(sha256, mime, size, width, height, entity_id, owner_type, owner_id, item_id,"
                                 " uploaded_by, created_at) VALUES (?, 'image/jpeg', ?, ?, ?, ?, 'observation', ?, NULL, ?, ?)");
    sqlite3_stmt *find_alert = prep(db,
                                    "SELECT id, first_at, last_at, max_score, snapshot_id, status, box FROM alerts"
                                    " WHERE camera_id = ? AND violation = ? AND last_at >= ? AND first_at <= ?"
                                    " ORDER BY last_at DESC, id DESC LIMIT 1");
    sqlite3_stmt *ins_alert = prep(db,
                                   "INSERT INTO alerts(camera_id, entity_id, violation, first_at, last_at, observations, max_score, box,"
                                   " snapshot_id, status, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, 'pending', ?)");
    sqlite3_stmt *upd_alert = prep(db,
                                   "UPDATE alerts SET first_at = ?, last_at = ?, observations = observations + 1, max_score = ?,"
                                   " box = ?, snapshot_id = ?, status = ? WHERE id = ?");
    sqlite3_stmt *upd_obs = prep(db, "UPDATE observations SET snapshot_id = ?, alert_id = ?, outcome = ? WHERE id = ?");
    sqlite3_stmt *upd_cam = prep(db,
                                 "UPDATE cameras SET last_heartbeat_at = max(coalesce(last_heartbeat_at, 0), ?),"
                                 " offline_since = NULL, last_snapshot_id = ? WHERE id = ?");
    unsigned char *pic = malloc(jpeg_len + 4 + COM_TEXT);
    if (!pic)
        die("out of memory");
    /* the picture with a COM segment of fixed length after SOI and APP0 */
    memcpy(pic, jpeg, com_at);
    pic[com_at] = 0xFF;
    pic[com_at + 1] = 0xFE;
    pic[com_at + 2] = 0;
    pic[com_at + 3] = 2 + COM_TEXT;
    memcpy(pic + com_at + 4 + COM_TEXT, jpeg + com_at, jpeg_len - com_at);
    size_t pic_len = jpeg_len + 4 + COM_TEXT;
    int width = 0, height = 0;
    for (size_t i = 2; i + 9 < jpeg_len; i++) /* the frame header's size, for the attachment row */
        if (jpeg[i] == 0xFF && (jpeg[i + 1] == 0xC0 || jpeg[i + 1] == 0xC2)) {
            height = jpeg[i + 5] << 8 | jpeg[i + 6];
            width = jpeg[i + 7] << 8 | jpeg[i + 8];
            break;
        }
    uint64_t rng = 0x5EED0000ULL + (uint64_t)wk->id;
    char box[] = "[0.3,0.35,0.2,0.4]";
    for (long n = 0; mono() < t_end; n++) {
        const camera *c = &cams[rng_next(&rng) % (uint64_t)ncams];
        const label_rule *lr = &labels[rng_next(&rng) % (uint64_t)nlabels];
        double score = 0.7 + (double)(rng_next(&rng) % 2900) / 10000.0;
        int64_t at = now_ms();
        char text[96], key[64], hex[65];
        int k = snprintf(text, sizeof text, "shian-bench raw t%d n%ld", wk->id, n);
        memset(text + k, ' ', sizeof text - (size_t)k); /* padded to COM_TEXT bytes */
        memcpy(pic + com_at + 4, text, COM_TEXT);
        snprintf(key, sizeof key, "raw-%d-%ld", wk->id, n);
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(h, pic, pic_len);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        if (file_mode == FILE_BEFORE)
            store_blob(hex, pic, pic_len);

        step_done(db, begin, "begin");
        sqlite3_bind_int64(ins_obs, 1, c->id);
        sqlite3_bind_int64(ins_obs, 2, c->entity_id);
        sqlite3_bind_text(ins_obs, 3, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins_obs, 4, at);
        sqlite3_bind_text(ins_obs, 5, lr->label, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_obs, 6, lr->violation, -1, SQLITE_STATIC);
        sqlite3_bind_double(ins_obs, 7, score);
        sqlite3_bind_text(ins_obs, 8, box, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_obs, 9, user_id);
        sqlite3_bind_int64(ins_obs, 10, at);
        step_done(db, ins_obs, "insert observation");
        int64_t obs = sqlite3_last_insert_rowid(db), snap = 0;

        if (file_mode == FILE_INSIDE)
            store_blob(hex, pic, pic_len);
        { /* the attachment row is written in every mode, the file not with --file=none */
            sqlite3_bind_text(ins_att, 1, hex, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(ins_att, 2, (int64_t)pic_len);
            sqlite3_bind_int(ins_att, 3, width);
            sqlite3_bind_int(ins_att, 4, height);
            sqlite3_bind_int64(ins_att, 5, c->entity_id);
            sqlite3_bind_int64(ins_att, 6, obs);
            sqlite3_bind_int64(ins_att, 7, user_id);
            sqlite3_bind_int64(ins_att, 8, now_ms());
            step_done(db, ins_att, "insert attachment");
            snap = sqlite3_last_insert_rowid(db);
        }

        sqlite3_bind_int64(find_alert, 1, c->id);
        sqlite3_bind_text(find_alert, 2, lr->violation, -1, SQLITE_STATIC);
        sqlite3_bind_int64(find_alert, 3, at - lr->cooldown_ms);
        sqlite3_bind_int64(find_alert, 4, at + lr->cooldown_ms);
        int rc = sqlite3_step(find_alert);
        check(db, rc, "find alert");
        int64_t alert = 0, first = 0, last = 0, asnap = 0;
        double best = 0;
        char status[16] = "", abox[128] = "";
        if (rc == SQLITE_ROW) {
            alert = sqlite3_column_int64(find_alert, 0);
            first = sqlite3_column_int64(find_alert, 1);
            last = sqlite3_column_int64(find_alert, 2);
            best = sqlite3_column_double(find_alert, 3);
            asnap = sqlite3_column_int64(find_alert, 4);
            snprintf(status, sizeof status, "%s", (const char *)sqlite3_column_text(find_alert, 5));
            const unsigned char *b = sqlite3_column_text(find_alert, 6);
            snprintf(abox, sizeof abox, "%s", b ? (const char *)b : "");
        }
        sqlite3_reset(find_alert);
        sqlite3_clear_bindings(find_alert);
        int merged = alert != 0;
        if (!alert) {
            sqlite3_bind_int64(ins_alert, 1, c->id);
            sqlite3_bind_int64(ins_alert, 2, c->entity_id);
            sqlite3_bind_text(ins_alert, 3, lr->violation, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins_alert, 4, at);
            sqlite3_bind_int64(ins_alert, 5, at);
            sqlite3_bind_double(ins_alert, 6, score);
            sqlite3_bind_text(ins_alert, 7, box, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins_alert, 8, snap);
            sqlite3_bind_int64(ins_alert, 9, now_ms());
            step_done(db, ins_alert, "insert alert");
            alert = sqlite3_last_insert_rowid(db);
            wk->alerts++;
        } else {
            int better = score > best;
            if (at < first)
                first = at;
            if (at > last)
                last = at;
            if (better) {
                best = score;
                snprintf(abox, sizeof abox, "%s", box);
            }
            if (better || !asnap)
                asnap = snap;
            sqlite3_bind_int64(upd_alert, 1, first);
            sqlite3_bind_int64(upd_alert, 2, last);
            sqlite3_bind_double(upd_alert, 3, best);
            sqlite3_bind_text(upd_alert, 4, abox, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(upd_alert, 5, asnap);
            /* sh_alert_status_after: pending until present for the rule's minimum duration */
            const char *st = !strcmp(status, "pending") && last - first >= lr->min_duration_ms ? "open" : status;
            sqlite3_bind_text(upd_alert, 6, st, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(upd_alert, 7, alert);
            step_done(db, upd_alert, "update alert");
            wk->merged++;
        }
        sqlite3_bind_int64(upd_obs, 1, snap);
        sqlite3_bind_int64(upd_obs, 2, alert);
        sqlite3_bind_text(upd_obs, 3, merged ? "merged" : "alert", -1, SQLITE_STATIC);
        sqlite3_bind_int64(upd_obs, 4, obs);
        step_done(db, upd_obs, "update observation");
        sqlite3_bind_int64(upd_cam, 1, at);
        sqlite3_bind_int64(upd_cam, 2, snap);
        sqlite3_bind_int64(upd_cam, 3, c->id);
        step_done(db, upd_cam, "update camera");
        step_done(db, commit, "commit");
        wk->rows++;
    }
    sqlite3_stmt *all[] = {begin, commit, ins_obs, ins_att, find_alert, ins_alert, upd_alert, upd_obs, upd_cam};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(db);
    free(pic);
    return NULL;
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    unsigned char *d = malloc(cap);
    size_t r;
    while (d && (r = fread(d + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            d = realloc(d, cap *= 2);
    }
    fclose(f);
    if (!d)
        die("out of memory");
    *len = n;
    return d;
}

static const char *opt(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(arg, name, n) && arg[n] == '=' ? arg + n + 1 : NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmd_fsync(int argc, char **argv)
{
    if (argc != 5)
        die("usage: ingest_raw fsync DIR JPEG N");
    files_dir = argv[2];
    size_t len;
    unsigned char *d = read_file(argv[3], &len);
    int n = atoi(argv[4]);
    if (n < 1 || len < 64)
        die("N must be at least 1 and JPEG a picture");
    double *t = malloc(sizeof *t * (size_t)n);
    if (sodium_init() < 0 || !t)
        die("cannot start");
    for (int i = 0; i < n; i++) {
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[65];
        snprintf((char *)d + len - 40, 38, "fsync probe %d %ld", i, (long)getpid()); /* unique bytes before EOI */
        crypto_hash_sha256(h, d, len);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        double t0 = mono();
        store_blob(hex, d, len);
        t[i] = mono() - t0;
    }
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf("FSYNC n=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f\n", n, t[n / 2] * 1e6, t[n * 9 / 10] * 1e6, t[n * 99 / 100] * 1e6);
    free(t);
    free(d);
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    const char *jpeg_path = NULL, *cams_path = NULL, *label_list = "smoking,no_mask,cat,phone", *v;
    int threads = 2;
    for (int i = 2; i < argc; i++) {
        if ((v = opt(argv[i], "--db")))
            db_path = v;
        else if ((v = opt(argv[i], "--files")))
            files_dir = v;
        else if ((v = opt(argv[i], "--jpeg")))
            jpeg_path = v;
        else if ((v = opt(argv[i], "--cameras")))
            cams_path = v;
        else if ((v = opt(argv[i], "--labels")))
            label_list = v;
        else if ((v = opt(argv[i], "--threads")))
            threads = atoi(v);
        else if ((v = opt(argv[i], "--seconds")))
            seconds = atof(v);
        else if ((v = opt(argv[i], "--user")))
            user_id = atoll(v);
        else if ((v = opt(argv[i], "--file")))
            file_mode = !strcmp(v, "inside") ? FILE_INSIDE : !strcmp(v, "none") ? FILE_NONE : !strcmp(v, "before") ? FILE_BEFORE
                                                                                                                     : (die("--file must be before, inside or none"), 0);
        else
            die("unknown argument %s", argv[i]);
    }
    if (!db_path || !files_dir || !jpeg_path || !cams_path || threads < 1 || threads > 64 || seconds <= 0)
        die("usage: ingest_raw run --db=FILE --files=DIR --jpeg=FILE --cameras=FILE [--labels=a,b] [--threads=N]"
            " [--seconds=S] [--user=ID] [--file=before|inside|none]");
    if (sodium_init() < 0)
        die("sodium_init failed");
    jpeg = read_file(jpeg_path, &jpeg_len);
    if (jpeg_len < 8 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        die("%s is not a JPEG", jpeg_path);
    com_at = 2;
    if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        com_at = 4 + (size_t)(jpeg[4] << 8 | jpeg[5]);

    FILE *f = fopen(cams_path, "r");
    if (!f)
        die("cannot open %s", cams_path);
    long long id, ent;
    int cap = 0;
    while (fscanf(f, "%lld %lld", &id, &ent) == 2) {
        if (ncams == cap)
            cams = realloc(cams, sizeof *cams * (size_t)(cap = cap ? cap * 2 : 1024));
        cams[ncams].id = id;
        cams[ncams++].entity_id = ent;
    }
    fclose(f);
    if (!ncams)
        die("no cameras in %s", cams_path);

    sqlite3 *db = open_db();
    sqlite3_stmt *map = prep(db,
                             "SELECT m.violation, r.cooldown_s, r.min_duration_s FROM label_map m JOIN alert_rules r ON r.violation = m.violation"
                             " WHERE m.label = ? AND (m.source = 'ai_box' OR m.source = '*')"
                             " ORDER BY CASE WHEN m.source = '*' THEN 1 ELSE 0 END LIMIT 1");
    char list[512];
    snprintf(list, sizeof list, "%s", label_list);
    for (char *save = NULL, *l = strtok_r(list, ",", &save); l && nlabels < MAX_LABELS; l = strtok_r(NULL, ",", &save)) {
        sqlite3_bind_text(map, 1, l, -1, SQLITE_STATIC);
        if (sqlite3_step(map) != SQLITE_ROW)
            die("label %s maps to no violation with a rule", l);
        snprintf(labels[nlabels].label, sizeof labels[nlabels].label, "%s", l);
        snprintf(labels[nlabels].violation, sizeof labels[nlabels].violation, "%s", (const char *)sqlite3_column_text(map, 0));
        labels[nlabels].cooldown_ms = sqlite3_column_int64(map, 1) * 1000;
        labels[nlabels++].min_duration_ms = sqlite3_column_int64(map, 2) * 1000;
        sqlite3_reset(map);
    }
    sqlite3_finalize(map);
    sqlite3_close(db);

    worker *w = calloc((size_t)threads, sizeof *w);
    double t0 = mono();
    t_end = t0 + seconds;
    for (int i = 0; i < threads; i++) {
        w[i].id = i;
        if (pthread_create(&w[i].th, NULL, work, &w[i]) != 0)
            die("pthread_create failed");
    }
    long rows = 0, alerts = 0, merged = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(w[i].th, NULL);
        rows += w[i].rows;
        alerts += w[i].alerts;
        merged += w[i].merged;
    }
    double took = mono() - t0;
    printf("RAW rows=%ld seconds=%.3f rps=%.1f alerts=%ld merged=%ld file=%s threads=%d bytes=%zu\n", rows, took, rows / took,
           alerts, merged, file_mode == FILE_BEFORE ? "before" : file_mode == FILE_INSIDE ? "inside" : "none", threads,
           jpeg_len + 4 + COM_TEXT);
    free(w);
    free(cams);
    free(jpeg);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "ppm"))
        return cmd_ppm(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "fsync"))
        return cmd_fsync(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "run"))
        return cmd_run(argc, argv);
    die("usage: ingest_raw ppm W H SEED | ingest_raw fsync DIR JPEG N | ingest_raw run --db=... (see the comment at the top of bench/ingest_raw.c)");
}
