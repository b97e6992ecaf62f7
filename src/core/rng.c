#include "core/rng.h"

uint64_t sh_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void sh_rng_init(sh_rng *r, uint64_t seed, uint64_t stream, uint64_t index)
{
    uint64_t x = seed;
    x = sh_splitmix64(&x) ^ (stream * 0xD1B54A32D192ED03ULL);
    x = sh_splitmix64(&x) ^ (index * 0xA0761D6478BD642FULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = sh_splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t sh_rng_next(sh_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

long sh_rng_below(sh_rng *r, long n) { return n > 1 ? (long)(sh_rng_next(r) % (uint64_t)n) : 0; }
double sh_rng_unit(sh_rng *r) { return (double)(sh_rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }
int sh_rng_permille(sh_rng *r, int p) { return sh_rng_below(r, 1000) < p; }
