/* The verifiable ledger (issue 12): an RFC 6962 Merkle log of record hashes. Every audit entry, issued
 * case document and piece of case evidence appends its SHA-256 in the transaction that writes it; the
 * hashes of complete subtrees are stored as the tree grows (ledger_nodes), so an append, a root or a
 * proof reads O(log n) rows. The lowest domain area: base/audit.c appends to it. Hashes only, never
 * personal data. Checkpoints: checkpoint.h. */
#ifndef SH_LEDGER_H
#define SH_LEDGER_H

#include <jansson.h>
#include <stdint.h>

#include "core/merkle.h"
#include "core/tlog.h"
#include "store/store.h"

/* Appends entry (a record's SHA-256) inside the caller's transaction. kind: audit, document, evidence;
 * ref names the record ("case_document:12"). *ret_index (may be NULL) is the leaf's index. */
int sh_ledger_append(sh_db *db, const char *kind, const char *ref, const sh_merkle_hash entry, int64_t *ret_index, sh_err *err);
/* The same with the entry as 64 hex digits. */
int sh_ledger_append_hex(sh_db *db, const char *kind, const char *ref, const char *entry_hex, int64_t *ret_index, sh_err *err);

/* The number of leaves. */
int sh_ledger_size(sh_db *db, uint64_t *ret, sh_err *err);
/* The root of the first `size` leaves (size <= the tree's). */
int sh_ledger_root(sh_db *db, uint64_t size, sh_merkle_hash out, sh_err *err);
/* {index, size, leaf_hash, entry_hash, kind, proof: [hex]}: leaf `index` in the tree of `size` leaves. */
int sh_ledger_inclusion(sh_db *db, int64_t index, int64_t size, json_t **ret, sh_err *err);
/* {first, second, proof: [hex]} */
int sh_ledger_consistency(sh_db *db, int64_t first, int64_t second, json_t **ret, sh_err *err);
/* {size, start, items: [{index, kind, entry_hash, leaf_hash, appended_at}]}: no refs, no records. */
int sh_ledger_leaves(sh_db *db, int64_t start, int limit, json_t **ret, sh_err *err);
/* The first leaf whose entry is entry_hex (64 hex digits), or whose ref is ref: SH_ENOTFOUND if none. */
int sh_ledger_find(sh_db *db, const char *entry_hex, const char *ref, int64_t *ret_index, sh_err *err);

/* A C2SP tlog-tiles resource of the tree of `size` leaves (the latest checkpoint's): a hash tile (the
 * stored subtrees of level 8·L, 32 bytes each) or an entry bundle (each entry, 32 bytes, after its
 * length as 2 big-endian bytes). *ret malloc'ed. SH_ENOTFOUND when the tile is not within size. */
int sh_ledger_tile(sh_db *db, const sh_tlog_tile *t, uint64_t size, uint8_t **ret, size_t *ret_len, sh_err *err);
/* The c2sp.org/tlog-proof@v1 file of leaf `index` against the latest checkpoint (with its cosignatures);
 * extra: the logged entry (the record's SHA-256). SH_ENOTFOUND when no checkpoint covers it yet. */
int sh_ledger_proof_file(sh_db *db, int64_t index, char **ret, sh_err *err);

/* Recomputes every leaf hash from its entry and the root of the first `size` leaves from them alone,
 * reading the leaves in order (the offline check of `shian ledger verify --db`). SH_EINVAL with the
 * index when a stored leaf hash does not match its entry. */
int sh_ledger_recompute(sh_db *db, uint64_t size, sh_merkle_hash out, sh_err *err);

#endif
