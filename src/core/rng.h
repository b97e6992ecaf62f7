/* Deterministic random numbers, the same on every machine, so that a draw or a demo county can be
 * replayed from its seed. splitmix64 drives the double random draw and the patrol draw (their
 * stored seeds must keep replaying); xoshiro256** with independent streams makes the demo county. */
#ifndef SH_RNG_H
#define SH_RNG_H

#include <stdint.h>

/* Advances *state and returns the next value of splitmix64. */
uint64_t sh_splitmix64(uint64_t *state);

typedef struct sh_rng { uint64_t s[4]; } sh_rng;

/* Seeds a xoshiro256** generator for one stream (a kind of data) and index (a row) of a seed, so
 * that each part of the demo draws its own numbers whatever the other parts take. */
void sh_rng_init(sh_rng *r, uint64_t seed, uint64_t stream, uint64_t index);
uint64_t sh_rng_next(sh_rng *r);
/* 0 .. n-1 (the modulo bias is far below anything a demo can show); 0 when n <= 1. */
long sh_rng_below(sh_rng *r, long n);
/* [0, 1) with 53 bits. */
double sh_rng_unit(sh_rng *r);
/* True with probability p / 1000. */
int sh_rng_permille(sh_rng *r, int p);

#endif
