#include "vision/client.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BODY (64 * 1024 * 1024) /* the configuration of a large county stays far below */
#define MAX_PAGES 10000

struct sh_client {
    CURL *h;
    char *base;
    struct curl_slist *auth;
    int timeout_ms;
    char curl_err[CURL_ERROR_SIZE];
};

typedef struct {
    char *data;
    size_t len, cap;
    int too_big;
} body;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    body *b = ud;
    size_t add = size * n;
    if (b->len + add + 1 > MAX_BODY) {
        b->too_big = 1;
        return 0;
    }
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + add + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return 0;
        b->data = d, b->cap = cap;
    }
    memcpy(b->data + b->len, p, add);
    b->len += add;
    b->data[b->len] = 0;
    return add;
}

int sh_client_global_init(sh_err *err)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : sh_fail(err, SH_EINTERNAL, "", "curl_global_init failed");
}

void sh_client_global_cleanup(void) { curl_global_cleanup(); }

int sh_client_new(const char *server, const char *token, int timeout_ms, sh_client **ret, sh_err *err)
{
    if (!server || (strncmp(server, "http://", 7) && strncmp(server, "https://", 8)) || strlen(server) > 400)
        return sh_fail(err, SH_EINVAL, "server", "the server's base URL, http://host:port or https://…");
    if (!token || !token[0] || strlen(token) > 200 || strpbrk(token, "\r\n "))
        return sh_fail(err, SH_EINVAL, "token", "an API token (shian token create USERNAME NAME)");
    sh_client *c = calloc(1, sizeof *c);
    if (!c || !(c->h = curl_easy_init())) {
        free(c);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    size_t n = strlen(server);
    while (n && server[n - 1] == '/')
        n--;
    c->base = strndup(server, n);
    char hdr[256];
    snprintf(hdr, sizeof hdr, "Authorization: Bearer %s", token);
    c->auth = curl_slist_append(NULL, hdr);
    c->timeout_ms = timeout_ms > 0 ? timeout_ms : 15000;
    *ret = c;
    return 0;
}

void sh_client_free(sh_client *c)
{
    if (!c)
        return;
    curl_slist_free_all(c->auth);
    curl_easy_cleanup(c->h);
    free(c->base);
    free(c);
}

/* The error message of an API answer {"error": {"field", "message", "message_en"}}, into err (as "中文 (english)"). */
static void api_error(const body *b, int status, sh_err *err)
{
    json_t *j = b->data ? json_loadb(b->data, b->len, 0, NULL) : NULL;
    json_t *e = json_object_get(j, "error");
    const char *msg = json_string_value(json_object_get(e, "message"));
    const char *en = json_string_value(json_object_get(e, "message_en"));
    const char *field = json_string_value(json_object_get(e, "field"));
    int code = status == 401 ? SH_EAUTH : status == 403 ? SH_EPERM : status == 404 ? SH_ENOTFOUND : status == 413 ? SH_ETOOBIG
             : status >= 500 ? SH_EINTERNAL : SH_EINVAL;
    sh_fail(err, code, field ? field : "", "HTTP %d: %s%s%s%s", status, msg ? msg : "no error message", en ? " (" : "", en ? en : "",
            en ? ")" : "");
    json_decref(j);
}

/* A POST body of one type: JSON text, or an image. */
typedef struct payload {
    const char *type;
    const void *data;
    size_t len;
} payload;

/* One request: method GET (no payload) or POST (a payload, or a mime form). */
static int request(sh_client *c, const char *path, const payload *json, curl_mime *form, int *ret_status, body *b, sh_err *err)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", c->base, path);
    curl_easy_reset(c->h);
    struct curl_slist *hdrs = NULL;
    for (struct curl_slist *s = c->auth; s; s = s->next)
        hdrs = curl_slist_append(hdrs, s->data);
    char ctype[64];
    if (json) {
        snprintf(ctype, sizeof ctype, "Content-Type: %s", json->type);
        hdrs = curl_slist_append(hdrs, ctype);
    }
    hdrs = curl_slist_append(hdrs, "Expect:"); /* no 100-continue round trip */
    curl_easy_setopt(c->h, CURLOPT_URL, url);
    curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c->h, CURLOPT_TIMEOUT_MS, (long)c->timeout_ms);
    curl_easy_setopt(c->h, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->timeout_ms < 5000 ? c->timeout_ms : 5000));
    curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c->h, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c->h, CURLOPT_ERRORBUFFER, c->curl_err);
    curl_easy_setopt(c->h, CURLOPT_USERAGENT, "shian-vision/1");
    curl_easy_setopt(c->h, CURLOPT_PROTOCOLS_STR, "http,https");
    if (json) {
        curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, json->data);
        curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)json->len);
    } else if (form) {
        curl_easy_setopt(c->h, CURLOPT_MIMEPOST, form);
    }
    c->curl_err[0] = 0;
    CURLcode rc = curl_easy_perform(c->h);
    curl_slist_free_all(hdrs);
    *ret_status = 0;
    if (rc != CURLE_OK) {
        if (b->too_big)
            return sh_fail(err, SH_ETOOBIG, "server", "%s answered with more than %d bytes", path, MAX_BODY);
        return sh_fail(err, SH_EINTERNAL, "server", "%s: %s", path, c->curl_err[0] ? c->curl_err : curl_easy_strerror(rc));
    }
    long status = 0;
    curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &status);
    *ret_status = (int)status;
    if (status >= 300)
        api_error(b, (int)status, err);
    return 0;
}

int sh_client_config(sh_client *c, json_t **ret, sh_err *err)
{
    json_t *all = NULL;
    char cursor[40] = "";
    for (int page = 0; page < MAX_PAGES; page++) {
        char path[128];
        snprintf(path, sizeof path, "/api/v1/vision/cameras?limit=500%s%s", cursor[0] ? "&cursor=" : "", cursor);
        body b = {0};
        int status, rc = request(c, path, NULL, NULL, &status, &b, err);
        if (rc == 0 && status != 200)
            rc = err ? err->code : SH_EINTERNAL;
        json_t *j = NULL;
        if (rc == 0) {
            json_error_t je;
            j = json_loadb(b.data ? b.data : "", b.len, 0, &je);
            if (!json_is_object(j) || !json_is_array(json_object_get(j, "cameras")))
                rc = sh_fail(err, SH_EINTERNAL, "server", "the camera configuration is not the expected JSON (%s)", j ? "shape" : je.text);
        }
        free(b.data);
        if (rc) {
            json_decref(j);
            json_decref(all);
            return rc;
        }
        /* the cursor of the page just read */
        const char *next = json_string_value(json_object_get(j, "next_cursor"));
        int more = next && next[0] && strlen(next) < sizeof cursor;
        if (more)
            snprintf(cursor, sizeof cursor, "%s", next);
        if (!all) {
            all = j;
        } else {
            json_array_extend(json_object_get(all, "cameras"), json_object_get(j, "cameras"));
            json_decref(j);
        }
        if (!more)
            break;
    }
    json_object_del(all, "next_cursor");
    *ret = all;
    return 0;
}

int sh_client_post_observation(sh_client *c, const sh_obs_item *it, int *ret_status, sh_err *err)
{
    curl_mime *form = curl_mime_init(c->h);
    curl_mimepart *p = curl_mime_addpart(form);
    curl_mime_name(p, "observation");
    curl_mime_data(p, it->json, CURL_ZERO_TERMINATED);
    curl_mime_type(p, "application/json");
    if (it->jpeg) {
        p = curl_mime_addpart(form);
        curl_mime_name(p, "snapshot");
        curl_mime_data(p, (const char *)it->jpeg, it->jpeg_len);
        curl_mime_type(p, "image/jpeg");
        curl_mime_filename(p, "snapshot.jpg");
    }
    body b = {0};
    int rc = request(c, "/api/v1/observations", NULL, form, ret_status, &b, err);
    curl_mime_free(form);
    free(b.data);
    return rc;
}

int sh_client_heartbeat(sh_client *c, long long camera_id, const json_t *health, int *ret_status, sh_err *err)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/cameras/%lld/heartbeat", camera_id);
    json_t *o = health ? json_pack("{s:O}", "health", (json_t *)health) : json_pack("{s:{}}", "health");
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    body b = {0};
    payload p = {"application/json", text, text ? strlen(text) : 0};
    int rc = request(c, path, &p, NULL, ret_status, &b, err);
    free(text);
    free(b.data);
    return rc;
}

int sh_client_post_picture(sh_client *c, long long camera_id, const unsigned char *jpeg, size_t len, int *ret_status, sh_err *err)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/cameras/%lld/snapshot", camera_id);
    body b = {0};
    payload p = {"image/jpeg", jpeg, len};
    int rc = request(c, path, &p, NULL, ret_status, &b, err);
    free(b.data);
    return rc;
}
