/* Cameras of the demo county (demo_cameras.c), called by sh_demo_generate. */
#ifndef SH_DEMO_CAMERAS_H
#define SH_DEMO_CAMERAS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Gives about 60 % of the active businesses whose kind must have cameras (camera_required_areas)
 * one camera per required area, some a dining or storage camera too, behind one NVR per business
 * (rtsp URLs on private addresses, sealed credentials, device ids MAC:channel); about 90 % heard
 * from at generation time, the others offline. Inside the caller's transaction; the same seed gives
 * the same cameras (but for the sealed secrets' random nonces and the heartbeat times).
 * *ret_count (may be NULL) gets how many. */
int sh_demo_cameras(sh_db *db, uint64_t seed, long *ret_count, sh_err *err);

/* The demo's simulated devices: while the database is a demo county (setting demo_devices = 1,
 * written by the generator), the demo cameras that were working at generation (health marked
 * "simulated") send a heartbeat now, as their NVRs would; the others stay offline. Called by the
 * server's periodic sweep. *ret_count (may be NULL) gets how many; 0 outside a demo. */
int sh_demo_devices_beat(sh_db *db, int64_t now_ms, int *ret_count, sh_err *err);

#endif
