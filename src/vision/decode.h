/* Video input for the analyser: a file or a camera stream (RTSP, HTTP, …) decoded with FFmpeg
 * (libavformat, libavcodec, libswscale), sampled to a set rate and delivered as packed RGB frames of a
 * set size. Reconnecting after a dropped stream is the caller's loop: sh_video_next reports the drop
 * as an error, and the caller closes, waits and opens again.
 *
 *   sh_video *v; sh_frame f;
 *   sh_video_open("rtsp://cam/stream", &(sh_video_opts){.fps = 5, .width = 640}, &v, &err);
 *   while ((rc = sh_video_next(v, &f, &err)) == 1) detect(f.rgb, f.width, f.height, f.stride);
 *   sh_video_close(v);    // rc 0: end of a file; rc < 0: the stream failed (err says why)
 *
 * A sh_video belongs to one thread. Frames point into it and stay valid until the next call. */
#ifndef SH_VISION_DECODE_H
#define SH_VISION_DECODE_H

#include <stdint.h>

#include "core/err.h"

typedef struct sh_video sh_video;

typedef struct sh_video_opts {
    double fps;       /* frames a second to deliver, by timestamp; 0: every decoded frame */
    int width;        /* output size; 0: the source's. One of the two alone keeps the aspect ratio */
    int height;
    int timeout_ms;   /* longest wait for the network in any one call; 0: 10 s */
    int threads;      /* decoder threads; 0: 1 (cores are for inference) */
} sh_video_opts;

/* Frames smaller than this either way are not delivered (counted in small_frames): nothing can be
 * recognised in them, and FFmpeg's scaler is at its edge there. */
#define SH_VIDEO_MIN_SIDE 16

/* A jump of the stream's timestamps (a camera restarting its stream, two recordings joined, an
 * MPEG-TS clock read as wrapped): backwards by more than SH_VIDEO_JUMP_BACK_MS or forwards by more
 * than SH_VIDEO_JUMP_AHEAD_MS from the previous frame. The sampling clock is re-anchored on the
 * frame after the jump, and the delivered pts_ms go on from the previous frame's as if the stream
 * had not jumped. */
#define SH_VIDEO_JUMP_BACK_MS 500
#define SH_VIDEO_JUMP_AHEAD_MS 5000

typedef struct sh_frame {
    const uint8_t *rgb; /* height rows of stride bytes, 3 a pixel; owned by the sh_video */
    int width, height, stride;
    int64_t pts_ms;     /* presentation time from the stream's start, continuous across timestamp jumps */
} sh_frame;

/* Counters since opening, for health and metrics. */
typedef struct sh_video_stats {
    int64_t decoded;    /* frames decoded */
    int64_t delivered;  /* frames handed out (after sampling) */
    int64_t bad_packets;/* packets the decoder refused (corrupt data), skipped */
    int64_t jumps;      /* timestamp jumps either way (the sampling clock re-anchored) */
    int64_t small_frames;/* frames below SH_VIDEO_MIN_SIDE either way, not delivered */
    int small_width, small_height; /* the size of the latest such frame */
    int src_width, src_height;
    double src_fps;     /* the stream's nominal rate, 0 if unknown */
} sh_video_stats;

/* Opens url (a path or any URL FFmpeg reads). SH_ENOTFOUND when it cannot be opened or read,
 * SH_EINVAL when it holds no decodable video, or options are out of range. */
int sh_video_open(const char *url, const sh_video_opts *o, sh_video **ret_v, sh_err *err);
/* The next sampled frame: 1 with *f filled, 0 at the end of a file, or a negative code when the
 * stream fails (network drop or timeout: SH_EINTERNAL; undecodable data only: SH_EINVAL). */
int sh_video_next(sh_video *v, sh_frame *f, sh_err *err);
void sh_video_stats_get(const sh_video *v, sh_video_stats *ret);
void sh_video_close(sh_video *v);

#endif
