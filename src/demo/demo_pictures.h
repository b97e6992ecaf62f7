/* The demo county's pictures (demo_pictures.c): the sample photos of the Debian package darknet, with
 * what the platform's detector finds in them (data/video/demo-photos.csv), stored as a camera's or an
 * AI box's post would store them: attachments by content hash under files_dir. */
#ifndef SH_DEMO_PICTURES_H
#define SH_DEMO_PICTURES_H

#include <stdint.h>

#include "core/err.h"
#include "domain/loop/attachment.h"
#include "store/store.h"

#define SH_DEMO_MAX_PHOTOS 8
#define SH_DEMO_MAX_SIGHTS 16

/* One detection on one photo: what an AI box's snapshot shows, and where. */
typedef struct sh_demo_sight {
    int photo;      /* index into sh_demo_photos.file */
    char label[16]; /* the detector's COCO label: person, dog ... */
    double box[4];  /* x, y, w, h in 0..1 of the picture */
} sh_demo_sight;

typedef struct sh_demo_photos {
    sh_attachment_file file[SH_DEMO_MAX_PHOTOS]; /* written to files_dir, in the data file's order */
    int nphotos;
    sh_demo_sight sight[SH_DEMO_MAX_SIGHTS];      /* of the photos found */
    int nsights;
} sh_demo_photos;

/* Reads the photos the data file lists from photos_dir, checks and decodes them as an upload is
 * (sh_attachment_write) and writes them once under files_dir. Call before the demo's transaction.
 * A photo that is not there is skipped: with none, nphotos is 0 and the demo has no pictures. */
int sh_demo_photos_load(const char *photos_dir, const char *files_dir, sh_demo_photos *out, sh_err *err);

/* A detection that shows the violation (animal: a dog, which the label map calls an animal; the
 * violations of people: a person), chosen by k among those that fit; NULL when none does. */
const sh_demo_sight *sh_demo_sight_for(const sh_demo_photos *ph, const char *violation, uint64_t k);

/* Records photo `photo` as an attachment of (owner_type, owner_id) of business entity, posted at `at`
 * by the system, inside the caller's transaction. */
int sh_demo_picture_store(sh_db *db, const sh_demo_photos *ph, int photo, int64_t entity, const char *owner_type,
                          int64_t owner_id, int64_t at, int64_t *ret_id, sh_err *err);

/* Every camera heard from gets its latest picture (as shian-vision's --picture posts), taken when it
 * was last heard; cameras never heard from keep none. Inside the caller's transaction. */
int sh_demo_camera_pictures(sh_db *db, const sh_demo_photos *ph, long *ret_count, sh_err *err);

#endif
