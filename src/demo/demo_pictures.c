/* The demo county's pictures (demo_pictures.h). The photos are read from the installed package at
 * demo time, never copied into the repository; the boxes are the detector's own (the data file says
 * how they are checked). Speed: seven files written once; then one attachment row a picture. */
#include "demo/demo_pictures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/data.h"
#include "domain/base/principal.h"

#define MAX_PHOTO_BYTES (8 << 20)

typedef struct load_ctx {
    const char *photos_dir, *files_dir;
    sh_demo_photos *ph;
    char names[SH_DEMO_MAX_PHOTOS][32]; /* the file of each photo written */
    char tried[SH_DEMO_MAX_PHOTOS * 2][32]; /* every file looked at, found or not */
    int ntried;
    sh_err *err;
} load_ctx;

/* Reads a whole photo; 0 when it is not there or too large to be a camera's picture. */
static int read_photo(const char *path, sh_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && out->len <= MAX_PHOTO_BYTES)
        sh_buf_add(out, chunk, n);
    int ok = !ferror(f) && out->len <= MAX_PHOTO_BYTES;
    fclose(f);
    return ok;
}

/* The index of the photo `name`, written on first sight; -1 when it cannot be had. */
static int photo_index(load_ctx *c, const char *name)
{
    for (int i = 0; i < c->ph->nphotos; i++)
        if (!strcmp(c->names[i], name))
            return i;
    for (int i = 0; i < c->ntried; i++)
        if (!strcmp(c->tried[i], name))
            return -1; /* looked for before, and missing */
    if (c->ntried < SH_DEMO_MAX_PHOTOS * 2)
        snprintf(c->tried[c->ntried++], sizeof c->tried[0], "%s", name);
    if (c->ph->nphotos == SH_DEMO_MAX_PHOTOS)
        return -1;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", c->photos_dir, name);
    sh_buf data;
    sh_buf_init(&data);
    int i = -1;
    sh_err ignored = {0};
    /* a photo that does not decode is skipped as a missing one: the demo goes on without it */
    if (read_photo(path, &data) && sh_attachment_write(c->files_dir, data.data, data.len, &c->ph->file[c->ph->nphotos], &ignored) == 0) {
        i = c->ph->nphotos++;
        snprintf(c->names[i], sizeof c->names[i], "%s", name);
    }
    sh_buf_release(&data);
    return i;
}

static int take_sight(char **f, int n, void *ctx)
{
    load_ctx *c = ctx;
    if (n < 7 || c->ph->nsights == SH_DEMO_MAX_SIGHTS)
        return 0;
    int photo = photo_index(c, f[0]);
    if (photo < 0)
        return 0;
    sh_demo_sight *s = &c->ph->sight[c->ph->nsights++];
    s->photo = photo;
    snprintf(s->label, sizeof s->label, "%s", f[1]);
    for (int i = 0; i < 4; i++)
        s->box[i] = strtod(f[3 + i], NULL);
    return 0;
}

int sh_demo_photos_load(const char *photos_dir, const char *files_dir, sh_demo_photos *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    if (!photos_dir || !*photos_dir || !files_dir || !*files_dir)
        return 0;
    load_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    c->photos_dir = photos_dir;
    c->files_dir = files_dir;
    c->ph = out;
    c->err = err;
    const char *text = sh_data_file("data/video/demo-photos.csv");
    int rc = text ? sh_data_each_row(text, 7, take_sight, c) : sh_fail(err, SH_EINTERNAL, "", "data/video/demo-photos.csv missing");
    free(c);
    return rc;
}

/* Whose picture a violation's snapshot is: the detector's label that the violation is seen on. */
static const char *subject_of(const char *violation)
{
    if (!strcmp(violation, "animal"))
        return "dog"; /* the label map's '*' row: dog → animal */
    if (!strcmp(violation, "open_bin"))
        return NULL;  /* no photo shows a bin */
    return "person";  /* masks, hats, uniforms, smoking, phones, strangers are seen on people */
}

const sh_demo_sight *sh_demo_sight_for(const sh_demo_photos *ph, const char *violation, uint64_t k)
{
    const char *label = ph ? subject_of(violation) : NULL;
    if (!label)
        return NULL;
    int fit[SH_DEMO_MAX_SIGHTS], n = 0;
    for (int i = 0; i < ph->nsights; i++)
        if (!strcmp(ph->sight[i].label, label))
            fit[n++] = i;
    return n ? &ph->sight[fit[k % (uint64_t)n]] : NULL;
}

int sh_demo_picture_store(sh_db *db, const sh_demo_photos *ph, int photo, int64_t entity, const char *owner_type,
                          int64_t owner_id, int64_t at, int64_t *ret_id, sh_err *err)
{
    sh_principal sys;
    sh_principal_system(&sys);
    sh_attachment_blob b = {.entity_id = entity, .owner_type = owner_type, .owner_id = owner_id};
    int64_t id;
    int rc = sh_attachment_store(db, &sys, &b, &ph->file[photo], &id, NULL, err);
    if (rc)
        return rc;
    /* posted when the camera took it, not when the demo was made */
    sh_stmt *st = sh_db_prepare(db, "UPDATE attachments SET created_at = ? WHERE id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, at);
        sh_bind_int64(st, 2, id);
    }
    if ((rc = sh_stmt_run(st, err)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_demo_camera_pictures(sh_db *db, const sh_demo_photos *ph, long *ret_count, sh_err *err)
{
    long count = 0;
    if (!ph || ph->nphotos == 0) {
        if (ret_count)
            *ret_count = 0;
        return 0;
    }
    sh_stmt *st = sh_db_prepare(db, "SELECT id, entity_id, last_heartbeat_at FROM cameras WHERE last_heartbeat_at IS NOT NULL ORDER BY id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int64_t camera = sh_col_int64(st, 0), picture;
        /* cameras side by side show different photos */
        int photo = (int)(camera % ph->nphotos);
        if ((rc = sh_demo_picture_store(db, ph, photo, sh_col_int64(st, 1), "camera", camera, sh_col_int64(st, 2), &picture,
                                        err)) != 0)
            break;
        sh_stmt *up = sh_db_prepare(db, "UPDATE cameras SET last_snapshot_id = ? WHERE id = ?", err);
        if (up) {
            sh_bind_int64(up, 1, picture);
            sh_bind_int64(up, 2, camera);
        }
        if ((rc = sh_stmt_run(up, err)) != 0)
            break;
        count++;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (ret_count)
        *ret_count = count;
    return 0;
}
