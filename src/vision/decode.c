#include "vision/decode.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* decoder failures in a row after which the input counts as undecodable */
#define MAX_BAD_IN_A_ROW 200

struct sh_video {
    AVFormatContext *fmt;
    AVCodecContext *dec;
    struct SwsContext *sws;
    AVPacket *pkt;
    AVFrame *frame;
    int stream;
    AVRational tb;
    int out_w, out_h, sws_w, sws_h, sws_fmt;
    AVFrame *rgb;       /* the RGB frame handed out: FFmpeg's own buffer (aligned, padded for the scaler) */
    double period_ms;   /* 1000 / fps, 0 for every frame */
    double next_ms;     /* the next sample time */
    int64_t last_raw;   /* the previous decoded frame's own timestamp (ms), INT64_MIN before the first */
    int64_t offset_ms;  /* added to the stream's timestamps: what the jumps so far took away or added */
    int64_t deadline;   /* monotonic ms after which I/O is interrupted */
    int timeout_ms;
    int eof, flushed, bad_in_a_row;
    sh_video_stats st;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int on_interrupt(void *opaque)
{
    const sh_video *v = opaque;
    return v->deadline && mono_ms() > v->deadline;
}

static const char *averr(int code, char *buf, size_t len)
{
    av_strerror(code, buf, len);
    return buf;
}

void sh_video_close(sh_video *v)
{
    if (!v)
        return;
    sws_freeContext(v->sws);
    av_frame_free(&v->frame);
    av_packet_free(&v->pkt);
    avcodec_free_context(&v->dec);
    avformat_close_input(&v->fmt);
    av_frame_free(&v->rgb);
    free(v);
}

int sh_video_open(const char *url, const sh_video_opts *o, sh_video **ret_v, sh_err *err)
{
    sh_video_opts opts = o ? *o : (sh_video_opts){0};
    if (opts.fps < 0 || opts.fps > 1000 || opts.width < 0 || opts.height < 0 || opts.width > 8192 || opts.height > 8192 || opts.timeout_ms < 0 ||
        opts.threads < 0 || opts.threads > 16)
        return sh_fail(err, SH_EINVAL, "video", "fps 0..1000, width and height 0..8192, threads 0..16");
    sh_video *v = calloc(1, sizeof *v);
    if (!v)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    v->timeout_ms = opts.timeout_ms ? opts.timeout_ms : 10000;
    v->period_ms = opts.fps > 0 ? 1000.0 / opts.fps : 0;
    v->last_raw = INT64_MIN;
    char eb[128];
    int rc;
    if (!(v->fmt = avformat_alloc_context()))
        goto oom;
    v->fmt->interrupt_callback = (AVIOInterruptCB){on_interrupt, v};
    AVDictionary *dopts = NULL;
    if (!strncmp(url, "rtsp://", 7))
        av_dict_set(&dopts, "rtsp_transport", "tcp", 0);
    v->deadline = mono_ms() + v->timeout_ms;
    rc = avformat_open_input(&v->fmt, url, NULL, &dopts);
    av_dict_free(&dopts);
    if (rc < 0) { /* avformat_open_input frees the context on failure */
        free(v);
        return sh_fail(err, SH_ENOTFOUND, "video", "cannot open %s: %s", url, averr(rc, eb, sizeof eb));
    }
    if ((rc = avformat_find_stream_info(v->fmt, NULL)) < 0) {
        sh_video_close(v);
        return sh_fail(err, SH_EINVAL, "video", "%s: %s", url, averr(rc, eb, sizeof eb));
    }
    const AVCodec *codec = NULL;
    v->stream = av_find_best_stream(v->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (v->stream < 0 || !codec) {
        sh_video_close(v);
        return sh_fail(err, SH_EINVAL, "video", "%s has no video stream FFmpeg can decode", url);
    }
    AVStream *s = v->fmt->streams[v->stream];
    v->tb = s->time_base;
    if (!(v->dec = avcodec_alloc_context3(codec)) || avcodec_parameters_to_context(v->dec, s->codecpar) < 0)
        goto oom;
    v->dec->thread_count = opts.threads ? opts.threads : 1;
    if ((rc = avcodec_open2(v->dec, codec, NULL)) < 0) {
        sh_video_close(v);
        return sh_fail(err, SH_EINVAL, "video", "%s: cannot open the %s decoder: %s", url, codec->name, averr(rc, eb, sizeof eb));
    }
    if (!(v->pkt = av_packet_alloc()) || !(v->frame = av_frame_alloc()))
        goto oom;
    v->out_w = opts.width;
    v->out_h = opts.height;
    v->st.src_width = v->dec->width;
    v->st.src_height = v->dec->height;
    AVRational fr = av_guess_frame_rate(v->fmt, s, NULL);
    v->st.src_fps = fr.num && fr.den ? av_q2d(fr) : 0;
    *ret_v = v;
    return 0;
oom:
    sh_video_close(v);
    return sh_fail(err, SH_EINTERNAL, "", "out of memory opening %s", url);
}

/* Converts v->frame to RGB at the output size (set on the first frame, then kept). The RGB frame
 * comes from av_frame_get_buffer with FFmpeg's own alignment (0: the CPU's), so that its rows are
 * as long and its buffer as padded as sws_scale writes them: a buffer of exactly width x 3 bytes
 * a row is overrun by the scaler's vector code on small frames (a 2x2 video corrupted the heap). */
static int convert(sh_video *v, sh_err *err)
{
    AVFrame *fr = v->frame;
    if (!v->rgb) {
        int w = v->out_w, h = v->out_h;
        if (!w && !h)
            w = fr->width, h = fr->height;
        else if (!w)
            w = (int)((int64_t)fr->width * h / fr->height);
        else if (!h)
            h = (int)((int64_t)fr->height * w / fr->width);
        /* a very oblong frame scaled down keeps at least the minimum each way */
        w = w < SH_VIDEO_MIN_SIDE ? SH_VIDEO_MIN_SIDE : w;
        h = h < SH_VIDEO_MIN_SIDE ? SH_VIDEO_MIN_SIDE : h;
        if (!(v->rgb = av_frame_alloc()))
            return sh_fail(err, SH_EINTERNAL, "", "out of memory");
        v->rgb->width = w;
        v->rgb->height = h;
        v->rgb->format = AV_PIX_FMT_RGB24;
        if (av_frame_get_buffer(v->rgb, 0) < 0) {
            av_frame_free(&v->rgb);
            return sh_fail(err, SH_EINTERNAL, "", "out of memory for %dx%d frames", w, h);
        }
        v->out_w = w;
        v->out_h = h;
    }
    if (!v->sws || v->sws_w != fr->width || v->sws_h != fr->height || v->sws_fmt != fr->format) {
        sws_freeContext(v->sws);
        v->sws = sws_getContext(fr->width, fr->height, fr->format, v->out_w, v->out_h, AV_PIX_FMT_RGB24, SWS_BILINEAR, NULL, NULL, NULL);
        if (!v->sws)
            return sh_fail(err, SH_EINVAL, "video", "cannot convert %dx%d frames of pixel format %d", fr->width, fr->height, fr->format);
        v->sws_w = fr->width, v->sws_h = fr->height, v->sws_fmt = fr->format;
    }
    if (sws_scale(v->sws, (const uint8_t *const *)fr->data, fr->linesize, 0, fr->height, v->rgb->data, v->rgb->linesize) != v->out_h)
        return sh_fail(err, SH_EINVAL, "video", "cannot convert a %dx%d frame", fr->width, fr->height);
    return 0;
}

/* The frame's time on the stream's continuous clock: a jump either way (see decode.h) re-anchors the
 * clock so that this frame follows the previous one by a frame's duration, and the sampling goes
 * on from it. */
static int64_t continuous_ms(sh_video *v, int64_t raw)
{
    if (v->last_raw != INT64_MIN && (raw < v->last_raw - SH_VIDEO_JUMP_BACK_MS || raw > v->last_raw + SH_VIDEO_JUMP_AHEAD_MS)) {
        double frame_ms = v->st.src_fps > 0 ? 1000.0 / v->st.src_fps : v->period_ms > 0 ? v->period_ms : 40;
        int64_t prev = v->last_raw + v->offset_ms;
        v->offset_ms = prev + (int64_t)(frame_ms + 0.5) - raw;
        v->st.jumps++;
        v->next_ms = (double)(raw + v->offset_ms); /* sample this frame, then every period from it */
    }
    v->last_raw = raw;
    return raw + v->offset_ms;
}

int sh_video_next(sh_video *v, sh_frame *f, sh_err *err)
{
    char eb[128];
    for (;;) {
        int rc = avcodec_receive_frame(v->dec, v->frame);
        if (rc == 0) {
            v->st.decoded++;
            v->bad_in_a_row = 0;
            int64_t ts = v->frame->best_effort_timestamp;
            int64_t raw = ts == AV_NOPTS_VALUE ? (v->st.src_fps > 0 ? (int64_t)(v->st.decoded * 1000.0 / v->st.src_fps) : v->st.decoded)
                                               : av_rescale_q(ts, v->tb, (AVRational){1, 1000});
            int64_t pts_ms = continuous_ms(v, raw);
            if (v->frame->width < SH_VIDEO_MIN_SIDE || v->frame->height < SH_VIDEO_MIN_SIDE) {
                v->st.small_frames++;
                v->st.small_width = v->frame->width;
                v->st.small_height = v->frame->height;
                av_frame_unref(v->frame);
                continue;
            }
            if (v->period_ms > 0 && (double)pts_ms < v->next_ms) {
                av_frame_unref(v->frame);
                continue;
            }
            if (v->period_ms > 0) { /* the next sample time; after a gap, restart from this frame */
                v->next_ms += v->period_ms;
                if (v->next_ms <= (double)pts_ms)
                    v->next_ms = (double)pts_ms + v->period_ms;
            }
            rc = convert(v, err);
            av_frame_unref(v->frame);
            if (rc)
                return rc;
            v->st.delivered++;
            *f = (sh_frame){.rgb = v->rgb->data[0], .width = v->out_w, .height = v->out_h, .stride = v->rgb->linesize[0], .pts_ms = pts_ms};
            return 1;
        }
        if (rc == AVERROR_EOF)
            return 0;
        if (rc != AVERROR(EAGAIN)) { /* a broken frame: skip it, unless nothing decodes any more */
            v->st.bad_packets++;
            if (++v->bad_in_a_row > MAX_BAD_IN_A_ROW)
                return sh_fail(err, SH_EINVAL, "video", "decoder: %s", averr(rc, eb, sizeof eb));
            if (v->eof && v->flushed)
                return 0;
            continue;
        }
        if (v->eof) { /* drain what the decoder holds */
            if (!v->flushed) {
                v->flushed = 1;
                avcodec_send_packet(v->dec, NULL);
                continue;
            }
            return 0;
        }
        v->deadline = mono_ms() + v->timeout_ms;
        rc = av_read_frame(v->fmt, v->pkt);
        v->deadline = 0;
        if (rc == AVERROR_EOF || (rc < 0 && avio_feof(v->fmt->pb))) {
            v->eof = 1;
            continue;
        }
        if (rc < 0)
            return sh_fail(err, SH_EINTERNAL, "video", "reading the stream: %s", averr(rc, eb, sizeof eb));
        if (v->pkt->stream_index == v->stream) {
            rc = avcodec_send_packet(v->dec, v->pkt);
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                v->st.bad_packets++;
                if (++v->bad_in_a_row > MAX_BAD_IN_A_ROW) {
                    av_packet_unref(v->pkt);
                    return sh_fail(err, SH_EINVAL, "video", "%d packets in a row would not decode: %s", MAX_BAD_IN_A_ROW, averr(rc, eb, sizeof eb));
                }
            }
        }
        av_packet_unref(v->pkt);
    }
}

void sh_video_stats_get(const sh_video *v, sh_video_stats *ret) { *ret = v->st; }
