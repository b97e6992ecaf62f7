/* face-check: the analyser's faces and its experimental mask check on pictures, for the measurement
 * (scripts/mask-scores.mjs) and the checks of it:
 *
 *   face-check BLAZEFACE.json photo.jpg ...
 *
 * Prints one JSON line a picture: {"file", "faces": [{"score", "box": [x, y, w, h],
 * "keypoints": [[x, y] x 6], "uncovered_share": 0..1 or null (not judged)}]}, fractions of the picture,
 * every face BlazeFace finds with its default minimum (the analyser judges those of score >=
 * SH_MASK_MIN_FACE_SCORE). One process for many pictures: the model loads once. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "nn/blazeface.h"
#include "vision/jpeg.h"
#include "vision/mask.h"

static json_t *face_json(const sh_rgb_image *img, const sh_face *f)
{
    json_t *kp = json_array();
    for (int p = 0; p < SH_BLAZEFACE_KEYPOINTS; p++)
        json_array_append_new(kp, json_pack("[f,f]", (double)f->keypoints[p][0], (double)f->keypoints[p][1]));
    float share;
    int judged = sh_mask_uncovered_share(img->pixels, img->width, img->height, img->width * 3, f, &share);
    return json_pack("{s:f, s:[f,f,f,f], s:o, s:o}", "score", (double)f->score, "box", (double)f->box[0], (double)f->box[1],
                     (double)f->box[2], (double)f->box[3], "keypoints", kp, "uncovered_share", judged ? json_real(share) : json_null());
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: face-check BLAZEFACE.json photo.jpg ...\n");
        return 2;
    }
    sh_err err = {0};
    sh_blazeface *bf = NULL;
    if (sh_blazeface_open(argv[1], &bf, &err)) {
        fprintf(stderr, "face-check: %s\n", err.message);
        return 1;
    }
    int rc = 0;
    for (int i = 2; i < argc && rc == 0; i++) {
        sh_rgb_image img = {0};
        sh_face faces[32];
        int n = 0;
        sh_blazeface_opts o = SH_BLAZEFACE_DEFAULTS;
        o.max_faces = 32;
        if (sh_jpeg_read_file(argv[i], &img, &err) ||
            sh_blazeface_detect(bf, img.pixels, img.width, img.height, img.width * 3, &o, faces, 32, &n, NULL, &err)) {
            fprintf(stderr, "face-check: %s: %s\n", argv[i], err.message);
            rc = 1;
        } else {
            json_t *jf = json_array();
            for (int k = 0; k < n; k++)
                json_array_append_new(jf, face_json(&img, &faces[k]));
            json_t *line = json_pack("{s:s, s:o}", "file", argv[i], "faces", jf);
            char *s = json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(6));
            puts(s);
            free(s);
            json_decref(line);
        }
        sh_rgb_image_free(&img);
    }
    sh_blazeface_close(bf);
    return rc;
}
