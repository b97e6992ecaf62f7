/* 包保 in the demo county (demo_duty.c), called by sh_demo_generate. */
#ifndef SH_DEMO_DUTY_H
#define SH_DEMO_DUTY_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Puts about 70 % of the active high-risk businesses (school, unit and central-kitchen canteens,
 * producers, medium and large restaurants, and kinds added later such as group-meal distributors) in
 * the charge of two officials at once (双包保): the county official and the township's official, each
 * with their level's responsibilities from the template; most pledges signed a few days after the
 * assignment; visits over the last three months as each level's frequency asks (township monthly,
 * county quarterly), about one in five finding a problem, resolved when older than two weeks. Every
 * other business stays without an official. Inside the caller's transaction; the same seed gives the
 * same rows on the same day. *ret_count (may be NULL) gets how many businesses. */
int sh_demo_duty(sh_db *db, uint64_t seed, long *ret_count, sh_err *err);

#endif
