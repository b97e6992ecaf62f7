/* Snapshots for observations: an RGB frame encoded as JPEG with libjpeg(-turbo), small enough for the
 * ingestion API (the analyser's cap is about 200 KB; the server's setting max_snapshot_bytes). */
#ifndef SH_VISION_SNAPSHOT_H
#define SH_VISION_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Encodes the RGB frame (w x h, rows of stride bytes) as a baseline JPEG of at most max_bytes:
 * quality 85 first, lower qualities (down to 40) and then halved sizes until it fits. *ret (malloc'ed,
 * the caller frees it) and *ret_len on success; SH_ETOOBIG when even a small picture does not fit. */
int sh_snapshot_jpeg(const uint8_t *rgb, int w, int h, int stride, size_t max_bytes, unsigned char **ret, size_t *ret_len,
                     sh_err *err);

#endif
