/* The ledger's static formats, pure: C2SP tlog-tiles paths (c2sp.org/tlog-tiles: tiles of height 8, 256
 * hashes wide; "x001/x234/067" indices; ".p/<W>" partial tiles; entry bundles) and the offline proof
 * file c2sp.org/tlog-proof@v1. No storage, so the server and `shian ledger verify` share them. */
#ifndef SH_TLOG_H
#define SH_TLOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/merkle.h"

#define SH_TLOG_TILE_WIDTH 256
#define SH_TLOG_TILE_HEIGHT 8
#define SH_TLOG_ENTRIES (-1) /* the level of an entry bundle */

typedef struct sh_tlog_tile {
    int level;      /* 0..63, or SH_TLOG_ENTRIES */
    uint64_t n;     /* the tile's index within its level */
    unsigned width; /* 1..255 for a partial tile, 256 for a full one */
} sh_tlog_tile;

/* Parses what follows "tile/": "<L>/<N>[.p/<W>]" or "entries/<N>[.p/<W>]", in their one canonical
 * spelling. -1 when it is not one. */
int sh_tlog_tile_parse(const char *path, sh_tlog_tile *t);
/* The same path, e.g. "0/x001/x234/067.p/5" (out: at least 64 bytes). */
void sh_tlog_tile_path(const sh_tlog_tile *t, char *out, size_t size);
/* How many hashes of tile level `level` a tree of `size` leaves has complete: size / 256^level. */
uint64_t sh_tlog_level_width(uint64_t size, int level);
/* 0 when t lies within a tree of `size` leaves (a full tile once complete, a partial one of any width
 * up to what the tree has); -1 otherwise. */
int sh_tlog_tile_within(const sh_tlog_tile *t, uint64_t size);

#define SH_TLOG_PROOF_HEADER "c2sp.org/tlog-proof@v1"
#define SH_TLOG_EXTRA_MAX 256

typedef struct sh_tlog_proof {
    uint64_t index;
    uint8_t extra[SH_TLOG_EXTRA_MAX];
    size_t extra_len;
    int has_extra;
    sh_merkle_hash proof[SH_MERKLE_MAX_PROOF];
    size_t n;
    const char *checkpoint; /* into the parsed text: the checkpoint note, verbatim */
} sh_tlog_proof;

/* The proof file: header, "extra <base64>" (when extra_len > 0), "index <N>", the inclusion path one
 * base64 hash a line, a blank line, the checkpoint note. *ret malloc'ed; -1 on a bad argument. */
int sh_tlog_proof_format(uint64_t index, const uint8_t *extra, size_t extra_len, const sh_merkle_hash *proof, size_t n,
                         const char *checkpoint, char **ret);
/* Parses text (NUL-terminated) strictly; -1 with why (a sentence) when malformed. */
int sh_tlog_proof_parse(const char *text, sh_tlog_proof *p, char *why, size_t why_size);

#endif
