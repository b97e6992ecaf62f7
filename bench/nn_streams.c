/* nn-streams: what one camera stream costs the analyser, and so how many fit on this machine.
 * Decodes a video (every frame, as a camera stream must be), samples it at --fps, runs the motion
 * gate on each sample and NanoDet on the regions with motion, and measures the CPU time of each
 * stage (one thread: streams are spread over cores, one worker each). Prints one JSON object.
 *
 *   nn-streams VIDEO MODEL.json [--fps 5] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vision/decode.h"
#include "vision/detect.h"
#include "vision/motion.h"
#include "vision/regions.h"

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: nn-streams VIDEO MODEL.json [--fps N]\n");
        return 2;
    }
    double fps = argc > 4 && !strcmp(argv[3], "--fps") ? atof(argv[4]) : 5;
    sh_err err = {0};
    sh_video *v;
    sh_motion *m;
    sh_nanodet *nd;
    if (sh_video_open(argv[1], &(sh_video_opts){.fps = fps}, &v, &err) || sh_motion_new(NULL, &m, &err) || sh_nanodet_open(argv[2], &nd, &err)) {
        fprintf(stderr, "nn-streams: %s\n", err.message);
        return 1;
    }
    double t_dec = 0, t_mot = 0, t_det = 0, t0 = cpu_ms();
    int64_t last_pts = 0;
    int samples = 0, with_motion = 0, regions = 0, rc;
    sh_frame f;
    for (;;) {
        rc = sh_video_next(v, &f, &err);
        double t1 = cpu_ms();
        t_dec += t1 - t0;
        if (rc != 1)
            break;
        samples++;
        last_pts = f.pts_ms;
        sh_box mb[32];
        sh_rect rg[8];
        sh_detection d[32];
        int nm, nr, n;
        if (sh_motion_update(m, f.rgb, f.width, f.height, f.stride, mb, 32, &nm, &err))
            break;
        double t2 = cpu_ms();
        t_mot += t2 - t1;
        nr = sh_regions_from_motion(mb, nm, f.width, f.height, nd->size, rg, 8);
        if (nr) {
            with_motion++;
            regions += nr;
            if (sh_detect_regions(nd, f.rgb, f.width, f.height, f.stride, rg, nr, &SH_NANODET_DEFAULTS, d, 32, &n, &err))
                break;
        }
        t0 = cpu_ms();
        t_det += t0 - t2;
    }
    if (rc < 0 || err.code) {
        fprintf(stderr, "nn-streams: %s\n", err.message);
        return 1;
    }
    sh_video_stats st;
    sh_video_stats_get(v, &st);
    double secs = (last_pts + 1000.0 / fps) / 1000.0;
    double per_s = (t_dec + t_mot + t_det) / secs; /* CPU ms per second of video */
    printf("{\"video_s\": %.2f, \"src\": \"%dx%d@%.0f\", \"fps\": %.1f, \"decoded\": %lld, \"samples\": %d, \"samples_with_motion\": %d, \"regions\": %d, "
           "\"cpu_ms_per_s\": {\"decode\": %.1f, \"motion\": %.1f, \"detect\": %.1f, \"total\": %.1f}, \"detect_ms_per_region\": %.1f, "
           "\"streams_per_core\": %.2f}\n",
           secs, st.src_width, st.src_height, st.src_fps, fps, (long long)st.decoded, samples, with_motion, regions, t_dec / secs, t_mot / secs, t_det / secs,
           per_s, regions ? t_det / regions : 0, 1000.0 / per_s);
    sh_nanodet_close(nd);
    sh_motion_free(m);
    sh_video_close(v);
    return 0;
}
