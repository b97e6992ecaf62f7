/* The ledger's checkpoints: C2SP tlog-checkpoint bodies ("<origin>\n<size>\n<base64 root>\n") signed as
 * C2SP signed notes with Ed25519. The origin is the ledger_origin setting and names the key too; the
 * key's seed comes from the server's secret (domain.c registers sh_ledger_use_seed with a keyed hash of
 * the origin under identity/secret.c's key), so no second secret is kept and a new origin is a new key. */
#ifndef SH_LEDGER_CHECKPOINT_H
#define SH_LEDGER_CHECKPOINT_H

#include <jansson.h>
#include <stdint.h>

#include "core/note.h"
#include "store/store.h"

/* Fills seed, the Ed25519 seed of the key named origin. */
typedef int (*sh_ledger_seed_fn)(const char *origin, uint8_t seed[32], sh_err *err);

/* Set once at start-up, before threads start. */
void sh_ledger_use_origin(const char *origin);
void sh_ledger_use_seed(sh_ledger_seed_fn fn);
const char *sh_ledger_origin(void);

/* This server's signing key. */
int sh_ledger_signer(sh_note_signer *s, sh_err *err);
/* Signs a checkpoint of the whole tree when it grew since the latest (or there is none yet); *ret_size
 * (may be NULL) is the size of the latest checkpoint afterwards, *ret_made 1 when one was made. */
int sh_ledger_checkpoint(sh_db *db, uint64_t *ret_size, int *ret_made, sh_err *err);
/* The latest signed note (malloc'ed), with the witnesses' cosignatures of it, and its size: SH_ENOTFOUND
 * before the first checkpoint. */
int sh_ledger_latest(sh_db *db, char **ret_note, uint64_t *ret_size, sh_err *err);

/* A witness's C2SP cosignature (cosignature/v1) of the checkpoint of `size` leaves: `line` must verify
 * under one of witness_keys (the ledger_witness_keys setting) over that checkpoint's text, its time not
 * ahead of the clock by more than 5 minutes. Kept (one per witness and size: the latest replaces) and
 * served with the checkpoint. *ret: {size, witness, time}. */
int sh_ledger_cosign(sh_db *db, const char *witness_keys, int64_t size, const char *line, json_t **ret, sh_err *err);

#endif
