/* RFC 6962 / RFC 9162 Merkle tree math, no storage: leaf and node hashes, the root of n leaves, inclusion
 * and consistency proofs built from the hashes of complete subtrees (fetched through a callback, so the
 * store reads O(log n) of them), and the proofs' verification by anyone holding only a root. */
#ifndef SH_MERKLE_H
#define SH_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define SH_MERKLE_HASH 32
/* a proof never has more hashes than this (two per level of a 2^64 tree) */
#define SH_MERKLE_MAX_PROOF 130

typedef uint8_t sh_merkle_hash[SH_MERKLE_HASH];

/* The hash of the complete subtree at `level` (0: a leaf) and `index` (leaves index·2^level up to
 * (index+1)·2^level − 1). Returns 0, or a negative code that the caller gets back. */
typedef int (*sh_merkle_node_fn)(void *ctx, unsigned level, uint64_t index, sh_merkle_hash out);

/* SHA-256(0x00 ‖ entry) */
void sh_merkle_leaf_hash(const void *entry, size_t len, sh_merkle_hash out);
/* SHA-256(0x01 ‖ left ‖ right) */
void sh_merkle_node_hash(const sh_merkle_hash left, const sh_merkle_hash right, sh_merkle_hash out);

/* MTH of the first `size` leaves (size 0: SHA-256 of nothing). */
int sh_merkle_root(uint64_t size, sh_merkle_node_fn get, void *ctx, sh_merkle_hash out);
/* PATH(index, D[0:size]) of RFC 6962 §2.1.1, the leaf's sibling first; *ret_n hashes. -1 when index >= size. */
int sh_merkle_inclusion(uint64_t index, uint64_t size, sh_merkle_node_fn get, void *ctx, sh_merkle_hash proof[SH_MERKLE_MAX_PROOF],
                        size_t *ret_n);
/* PROOF(first, D[0:second]) of RFC 6962 §2.1.2; -1 unless 0 < first <= second. */
int sh_merkle_consistency(uint64_t first, uint64_t second, sh_merkle_node_fn get, void *ctx,
                          sh_merkle_hash proof[SH_MERKLE_MAX_PROOF], size_t *ret_n);

/* RFC 9162 §2.1.3.2: 0 when the path leads from the leaf at index to root in a tree of size leaves. */
int sh_merkle_verify_inclusion(uint64_t index, uint64_t size, const sh_merkle_hash leaf, const sh_merkle_hash *proof, size_t n,
                               const sh_merkle_hash root);
/* RFC 9162 §2.1.4.2: 0 when the tree of `second` leaves with root2 extends that of `first` with root1. */
int sh_merkle_verify_consistency(uint64_t first, uint64_t second, const sh_merkle_hash root1, const sh_merkle_hash root2,
                                 const sh_merkle_hash *proof, size_t n);

/* The root of leaves pushed one by one (the compact range of their complete subtrees): checks a whole log
 * in one pass and O(log n) memory. */
typedef struct sh_merkle_stream {
    sh_merkle_hash stack[64];
    unsigned level[64];
    unsigned depth;
    uint64_t size;
} sh_merkle_stream;

void sh_merkle_stream_init(sh_merkle_stream *s);
void sh_merkle_stream_push(sh_merkle_stream *s, const sh_merkle_hash leaf);
void sh_merkle_stream_root(const sh_merkle_stream *s, sh_merkle_hash out);

#endif
