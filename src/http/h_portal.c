/* The public portal's shop pages (domain/portal): search, the record, its QR code, the kitchen picture
 * and ratings, without signing in; and the switch a business or an official sets to show the kitchen
 * picture. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/qr.h"
#include "domain/portal/camera.h"
#include "domain/portal/rating.h"
#include "domain/portal/shop.h"
#include "http/http.h"

/* The address the code at a shop's door opens: <public_url>/#/shop/<id> (sh_public_url). */
static void page_url(sh_req *req, int64_t id, char *out, size_t size)
{
    char fragment[40];
    snprintf(fragment, sizeof fragment, "#/shop/%lld", (long long)id);
    sh_public_url(req, fragment, out, size);
}

static int search(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 50, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset))
        return MHD_YES;
    sh_shop_query f = {.q = sh_query(req, "q"), .division = sh_query(req, "division"), .limit = (int)limit, .offset = offset};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_shops_search(req->db, &f, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int divisions(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_shop_divisions(req->db, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int page(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    char url[400];
    page_url(req, id, url, sizeof url);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_shop_page(req->db, id, url, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* Replies the image (or the error) and releases it. */
static int reply_image(sh_req *req, int rc, const sh_err *err, sh_buf *img, const char *mime)
{
    int ret = rc ? sh_reply_error(req, err) : sh_reply_bytes(req, 200, mime, img->data, img->len, NULL);
    sh_buf_release(img);
    return ret;
}

static int qr(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_shop_exists(req->db, id, &err);
    char url[400];
    page_url(req, id, url, sizeof url);
    sh_buf png = SH_BUF_INIT;
    if (rc == 0)
        rc = sh_qr_png(url, "url", &png, &err);
    return reply_image(req, rc, &err, &png, "image/png");
}

static int camera_picture(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_buf img = SH_BUF_INIT;
    char mime[16] = "";
    sh_err err = {0};
    int rc = sh_shop_camera_picture(req->db, req->cfg->files_dir, id, &img, mime, &err);
    return reply_image(req, rc, &err, &img, mime);
}

struct rating {
    int64_t id;
    json_t *body;
};

static int add_rating(sh_req *req, const char *address, void *ctx, json_t **out, sh_err *err)
{
    struct rating *r = ctx;
    return sh_shop_rate(req->db, r->id, address, r->body, out, err);
}

static int rate(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    struct rating r = {id, body};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_limited(req, "rating", add_rating, &r, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "rating", out), &err);
}

static int set_camera(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_shop_camera_set(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_portal[] = {
    {"GET", "/api/v1/public/divisions", divisions, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/shops", search, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/shops/:id", page, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/shops/:id/qr.png", qr, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/shops/:id/camera.jpg", camera_picture, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/shops/:id/ratings", rate, SH_ROUTE_PUBLIC},
    {"PUT", "/api/v1/entities/:id/public-camera", set_camera, 0},
    {0},
};
