/* Validation of a camera's fields: stream URL (and the credentials written into it), schedule,
 * zones, rules, health figures and device ids. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mac.h"
#include "core/validate.h"
#include "domain/video/camera.h"
#include "domain/video/rules.h"

#define URL_MAX 500

static const char *const schemes[] = {"rtsp", "rtsps", "http", "https", "file", NULL};

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decodes s[0..n) into a new string; NULL when an escape is broken or decodes to a control
 * character or a NUL. */
static char *pct_decode(const char *s, size_t n)
{
    char *out = sh_xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
                free(out);
                return NULL;
            }
            c = (unsigned char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        }
        if (c < 0x20 || c == 0x7f) {
            free(out);
            return NULL;
        }
        *o++ = (char)c;
    }
    *o = '\0';
    return out;
}

/* Host (name, IPv4 or [IPv6]) with an optional :port. */
static int host_valid(const char *h, size_t n)
{
    if (n == 0)
        return 0;
    size_t i = 0;
    if (h[0] == '[') {
        while (i < n && h[i] != ']') {
            if (i && !isxdigit((unsigned char)h[i]) && h[i] != ':' && h[i] != '.')
                return 0;
            i++;
        }
        if (i == n || i < 3)
            return 0;
        i++;
    } else {
        while (i < n && h[i] != ':') {
            if (!isalnum((unsigned char)h[i]) && h[i] != '.' && h[i] != '-' && h[i] != '_')
                return 0;
            i++;
        }
        if (i == 0)
            return 0;
    }
    if (i == n)
        return 1;
    if (h[i] != ':' || i + 1 == n || n - i - 1 > 5)
        return 0;
    long port = 0;
    for (size_t k = i + 1; k < n; k++) {
        if (!isdigit((unsigned char)h[k]))
            return 0;
        port = port * 10 + (h[k] - '0');
    }
    return port >= 1 && port <= 65535;
}

/* Query parameters that carry credentials, as cheap cameras and CGI streams take them
 * (http://host/videostream.cgi?loginuse=admin&loginpas=…, rtsp://host/live?user=…&password=…). */
static const char *const query_user_keys[] = {"loginuse", "user", "username", "usr", "account", NULL};
static const char *const query_password_keys[] = {"loginpas", "password", "pwd", "passwd", "pass", NULL};

static int key_is(const char *k, size_t n, const char *const *keys)
{
    for (int i = 0; keys[i]; i++)
        if (strlen(keys[i]) == n && !strncasecmp(k, keys[i], n))
            return 1;
    return 0;
}

/* Copies rest (host, path, query, fragment) to b with the values of credential parameters of the
 * query left empty (the names stay, so the URL can be rebuilt in the device's own form), and returns
 * the user name and password found (percent-decoded, malloc'ed; NULL when absent). -1 when a value
 * does not decode, or only one of the two is given. */
static int query_credentials_split(sh_buf *b, const char *rest, char **ret_user, char **ret_password)
{
    *ret_user = *ret_password = NULL;
    const char *q = strchr(rest, '?');
    size_t end = strcspn(rest, "#");
    if (!q || (size_t)(q - rest) > end) {
        sh_buf_adds(b, rest);
        return 0;
    }
    sh_buf_add(b, rest, (size_t)(q - rest) + 1);
    const char *p = q + 1, *stop = rest + end;
    while (p < stop) {
        size_t n = strcspn(p, "&#");
        if (p + n > stop)
            n = (size_t)(stop - p);
        const char *eq = memchr(p, '=', n);
        size_t klen = eq ? (size_t)(eq - p) : n;
        int is_user = eq && key_is(p, klen, query_user_keys), is_pass = eq && key_is(p, klen, query_password_keys);
        char **slot = is_user ? ret_user : is_pass ? ret_password : NULL;
        if (slot && eq + 1 < p + n) {
            char *v = pct_decode(eq + 1, (size_t)(p + n - eq - 1));
            if (!v || *slot) {
                free(v);
                goto bad;
            }
            *slot = v;
            sh_buf_add(b, p, klen + 1); /* "name=" */
        } else {
            sh_buf_add(b, p, n);
        }
        p += n;
        if (p < stop && *p == '&') {
            sh_buf_addc(b, '&');
            p++;
        }
    }
    sh_buf_adds(b, stop);
    if (!*ret_user != !*ret_password || (*ret_user && !(*ret_user)[0]))
        goto bad;
    return 0;
bad:
    free(*ret_user);
    free(*ret_password);
    *ret_user = *ret_password = NULL;
    return -1;
}

int sh_camera_check_url(const char *url, char **ret_url, char **ret_user, char **ret_password, sh_err *err)
{
    *ret_url = *ret_user = *ret_password = NULL;
    size_t len = url ? strlen(url) : 0;
    if (!url || len == 0)
        return sh_fail(err, SH_EINVAL, "stream_url", "必填 (required)");
    if (len > URL_MAX)
        return sh_fail(err, SH_EINVAL, "stream_url", "不能超过%d个字符 (at most %d characters)", URL_MAX, URL_MAX);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
            return sh_fail(err, SH_EINVAL, "stream_url",
                           "不能含空格、控制字符或未编码的非ASCII字符 (no spaces, control or unencoded non-ASCII characters)");
    const char *colon = strchr(url, ':');
    char scheme[8] = "";
    size_t slen = colon ? (size_t)(colon - url) : 0;
    if (slen > 0 && slen < sizeof scheme)
        for (size_t i = 0; i <= slen; i++)
            scheme[i] = i < slen ? (char)tolower((unsigned char)url[i]) : '\0';
    int known = 0;
    for (int i = 0; schemes[i]; i++)
        known |= !strcmp(scheme, schemes[i]);
    if (!known)
        return sh_fail(err, SH_EINVAL, "stream_url", "协议应为rtsp、rtsps、http、https或file (scheme must be rtsp, rtsps, http, https or file)");
    const char *rest = colon + 1;
    if (!strcmp(scheme, "file")) {
        /* file:/path, file:///path or file://localhost/path */
        const char *path = !strncmp(rest, "//localhost/", 12) ? rest + 11 : !strncmp(rest, "///", 3) ? rest + 2 : rest;
        if (path[0] != '/' || path[1] == '/' || path[1] == '\0')
            return sh_fail(err, SH_EINVAL, "stream_url", "file地址应为file:///绝对路径 (a file URL is file:///absolute/path)");
        sh_buf b = SH_BUF_INIT;
        sh_buf_printf(&b, "file://%s", path);
        *ret_url = sh_buf_detach(&b, NULL);
        return 0;
    }
    if (strncmp(rest, "//", 2) != 0)
        return sh_fail(err, SH_EINVAL, "stream_url", "应为 %s://主机[:端口]/路径 (expected %s://host[:port]/path)", scheme, scheme);
    const char *auth = rest + 2;
    size_t alen = strcspn(auth, "/?#");
    const char *at = NULL;
    for (size_t i = 0; i < alen; i++)
        if (auth[i] == '@')
            at = auth + i;
    const char *host = at ? at + 1 : auth;
    if (!host_valid(host, (size_t)(auth + alen - host)))
        return sh_fail(err, SH_EINVAL, "stream_url", "主机或端口无效 (the host or port is not valid)");
    if (at) {
        size_t ulen = (size_t)(at - auth);
        const char *sep = memchr(auth, ':', ulen);
        size_t nlen = sep ? (size_t)(sep - auth) : ulen;
        char *user = pct_decode(auth, nlen);
        char *pass = sep ? pct_decode(sep + 1, ulen - nlen - 1) : NULL;
        if (!user || !user[0] || (sep && (!pass || !pass[0]))) {
            free(user);
            free(pass);
            return sh_fail(err, SH_EINVAL, "stream_url", "地址中的用户名或密码无效 (the user name or password in the URL is not valid)");
        }
        *ret_user = user;
        *ret_password = pass;
    }
    sh_buf b = SH_BUF_INIT;
    sh_buf_adds(&b, scheme);
    sh_buf_adds(&b, "://");
    char *qu = NULL, *qp = NULL;
    if (query_credentials_split(&b, host, &qu, &qp) != 0) {
        sh_buf_release(&b);
        free(*ret_user);
        free(*ret_password);
        *ret_user = *ret_password = NULL;
        return sh_fail(err, SH_EINVAL, "stream_url",
                       "查询参数中的用户名或密码无效，须同时给出用户名和密码 (the user name or password in the query is not valid: give both)");
    }
    if (qu && *ret_user) {
        sh_buf_release(&b);
        free(qu);
        free(qp);
        free(*ret_user);
        free(*ret_password);
        *ret_user = *ret_password = NULL;
        return sh_fail(err, SH_EINVAL, "stream_url",
                       "用户名和密码只能写在一处：主机前或查询参数中 (credentials either before the host or in the query, not both)");
    }
    if (qu) {
        *ret_user = qu;
        *ret_password = qp;
    }
    *ret_url = sh_buf_detach(&b, NULL);
    return 0;
}

/* mode: PCT_USER (userinfo's user: unreserved and sub-delims), PCT_PASSWORD (also ':'), PCT_QUERY
 * (a query value: unreserved only, since & = + # would end or change it). */
enum { PCT_USER, PCT_PASSWORD, PCT_QUERY };
static void pct_encode(sh_buf *b, const char *s, int mode)
{
    const char *keep = mode == PCT_QUERY ? "-._~" : "-._~!$&'()*+,;=";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || (*p && strchr(keep, *p)) || (mode == PCT_PASSWORD && *p == ':'))
            sh_buf_addc(b, (char)*p);
        else
            sh_buf_printf(b, "%%%02X", *p);
    }
}

/* The query form: fills the empty credential parameters the URL kept (query_credentials_split). 1 when
 * it found both, 0 (b untouched) when the URL has no such query. */
static int query_credentials_fill(sh_buf *b, const char *url, const char *user, const char *password)
{
    const char *q = strchr(url, '?');
    if (!q)
        return 0;
    int has_user = 0, has_pass = 0;
    const char *p = q + 1;
    while (*p && *p != '#') {
        size_t n = strcspn(p, "&#");
        const char *eq = memchr(p, '=', n);
        if (eq && eq + 1 == p + n) {
            has_user |= key_is(p, (size_t)(eq - p), query_user_keys);
            has_pass |= key_is(p, (size_t)(eq - p), query_password_keys);
        }
        p += n + (p[n] == '&');
    }
    if (!has_user || !has_pass)
        return 0;
    sh_buf_add(b, url, (size_t)(q - url) + 1);
    p = q + 1;
    while (*p && *p != '#') {
        size_t n = strcspn(p, "&#");
        const char *eq = memchr(p, '=', n);
        sh_buf_add(b, p, n);
        if (eq && eq + 1 == p + n) {
            if (key_is(p, (size_t)(eq - p), query_user_keys))
                pct_encode(b, user, PCT_QUERY);
            else if (key_is(p, (size_t)(eq - p), query_password_keys))
                pct_encode(b, password ? password : "", PCT_QUERY);
        }
        p += n;
        if (*p == '&')
            sh_buf_addc(b, *p++);
    }
    sh_buf_adds(b, p);
    return 1;
}

char *sh_camera_url_with_credentials(const char *url, const char *user, const char *password)
{
    sh_buf b = SH_BUF_INIT;
    const char *sep = strstr(url, "://");
    if (!user || !user[0] || !sep || !strncmp(url, "file:", 5) || query_credentials_fill(&b, url, user, password)) {
        if (!b.len)
            sh_buf_adds(&b, url);
        return sh_buf_detach(&b, NULL);
    }
    sh_buf_add(&b, url, (size_t)(sep - url) + 3);
    pct_encode(&b, user, PCT_USER);
    if (password && password[0]) {
        sh_buf_addc(&b, ':');
        pct_encode(&b, password, PCT_PASSWORD);
    }
    sh_buf_addc(&b, '@');
    sh_buf_adds(&b, sep + 3);
    return sh_buf_detach(&b, NULL);
}

/* "HH:MM" from 00:00 to 23:59 (and 24:00 when allow_24); minutes since midnight, or -1. */
static int parse_hhmm(const char *s, int allow_24)
{
    if (!s || strlen(s) != 5 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != ':' ||
        !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && (!allow_24 || m)))
        return -1;
    return h * 60 + m;
}

static int only_keys(json_t *o, const char *const *keys, const char *field, sh_err *err)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        int ok = 0;
        for (int i = 0; keys[i]; i++)
            ok |= !strcmp(k, keys[i]);
        if (!ok)
            return sh_fail(err, SH_EINVAL, field, "未知字段 %.40s (unknown key %.40s)", k, k);
    }
    return 0;
}

json_t *sh_camera_check_schedule(json_t *v, sh_err *err)
{
    static const char *const keys[] = {"days", "from", "to", NULL};
    if (!json_is_array(v) || json_array_size(v) > 28) {
        sh_fail(err, SH_EINVAL, "schedule", "应为最多28个时段的数组，[]表示全天 (an array of at most 28 periods; [] means always)");
        return NULL;
    }
    json_t *out = json_array();
    size_t i;
    json_t *p;
    char field[48];
    json_array_foreach(v, i, p) {
        snprintf(field, sizeof field, "schedule[%zu]", i);
        if (!json_is_object(p)) {
            sh_fail(err, SH_EINVAL, field, "应为{days, from, to} (must be {days, from, to})");
            goto bad;
        }
        if (only_keys(p, keys, field, err))
            goto bad;
        json_t *days = json_object_get(p, "days");
        snprintf(field, sizeof field, "schedule[%zu].days", i);
        if (!json_is_array(days) || json_array_size(days) == 0 || json_array_size(days) > 7) {
            sh_fail(err, SH_EINVAL, field, "应为星期几的数组（1=周一 … 7=周日） (an array of ISO weekdays, 1 = Monday ... 7 = Sunday)");
            goto bad;
        }
        int seen[8] = {0};
        size_t k;
        json_t *d;
        json_array_foreach(days, k, d) {
            json_int_t n = json_is_integer(d) ? json_integer_value(d) : 0;
            if (n < 1 || n > 7 || seen[n]) {
                sh_fail(err, SH_EINVAL, field, "星期应为1到7且不重复 (weekdays are 1 to 7, each once)");
                goto bad;
            }
            seen[n] = 1;
        }
        const char *from = json_string_value(json_object_get(p, "from")), *to = json_string_value(json_object_get(p, "to"));
        int f = parse_hhmm(from, 0), t = parse_hhmm(to, 1);
        if (f < 0) {
            snprintf(field, sizeof field, "schedule[%zu].from", i);
            sh_fail(err, SH_EINVAL, field, "应为HH:MM，00:00到23:59 (must be HH:MM from 00:00 to 23:59)");
            goto bad;
        }
        if (t < 0 || t == f) {
            snprintf(field, sizeof field, "schedule[%zu].to", i);
            sh_fail(err, SH_EINVAL, field, t < 0 ? "应为HH:MM，00:00到24:00 (must be HH:MM from 00:00 to 24:00)"
                                                 : "结束时间不能等于开始时间 (must differ from the start; an earlier time is a night shift)");
            goto bad;
        }
        json_t *nd = json_array();
        for (int w = 1; w <= 7; w++)
            if (seen[w])
                json_array_append_new(nd, json_integer(w));
        json_array_append_new(out, json_pack("{s:o, s:s, s:s}", "days", nd, "from", from, "to", to));
    }
    return out;
bad:
    json_decref(out);
    return NULL;
}

/* Whether some of the picture is still watched: masks over the whole frame, or include zones that
 * lie wholly under masks, would silence a camera while it looks on line. Checked at the centres of a
 * 24 x 24 grid (a watched area under about 1/576 of the frame counts as none). */
static int zones_leave_something_watched(const json_t *zones)
{
    enum { N = 24 };
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            const double point[4] = {(i + 0.5) / N, (k + 0.5) / N, 0, 0};
            if (sh_zones_admit(zones, point))
                return 1;
        }
    return 0;
}

json_t *sh_camera_check_zones(json_t *v, sh_err *err)
{
    static const char *const keys[] = {"name", "type", "points", NULL};
    if (!json_is_array(v) || json_array_size(v) > 16) {
        sh_fail(err, SH_EINVAL, "zones", "应为最多16个区域的数组 (an array of at most 16 zones)");
        return NULL;
    }
    json_t *out = json_array();
    size_t i;
    json_t *z;
    char field[48];
    json_array_foreach(v, i, z) {
        snprintf(field, sizeof field, "zones[%zu]", i);
        if (!json_is_object(z)) {
            sh_fail(err, SH_EINVAL, field, "应为{name, type, points} (must be {name, type, points})");
            goto bad;
        }
        if (only_keys(z, keys, field, err))
            goto bad;
        const char *name = json_string_value(json_object_get(z, "name"));
        snprintf(field, sizeof field, "zones[%zu].name", i);
        if (sh_check_text(name, 1, 30, field, err))
            goto bad;
        const char *type = json_string_value(json_object_get(z, "type"));
        if (!type || (strcmp(type, "include") && strcmp(type, "mask"))) {
            snprintf(field, sizeof field, "zones[%zu].type", i);
            sh_fail(err, SH_EINVAL, field, "应为include（检测区）或mask（屏蔽区） (must be include or mask)");
            goto bad;
        }
        json_t *pts = json_object_get(z, "points");
        snprintf(field, sizeof field, "zones[%zu].points", i);
        if (!json_is_array(pts) || json_array_size(pts) < 3 || json_array_size(pts) > 32) {
            sh_fail(err, SH_EINVAL, field, "应为3到32个顶点[x, y] (3 to 32 vertices [x, y])");
            goto bad;
        }
        json_t *np = json_array();
        size_t k;
        json_t *pt;
        json_array_foreach(pts, k, pt) {
            json_t *x = json_array_get(pt, 0), *y = json_array_get(pt, 1);
            double xv = json_number_value(x), yv = json_number_value(y);
            if (!json_is_array(pt) || json_array_size(pt) != 2 || !json_is_number(x) || !json_is_number(y) || !(xv >= 0 && xv <= 1) ||
                !(yv >= 0 && yv <= 1)) {
                json_decref(np);
                snprintf(field, sizeof field, "zones[%zu].points[%zu]", i, k);
                sh_fail(err, SH_EINVAL, field, "应为[x, y]，取值0到1（占画面宽高的比例） (must be [x, y] with 0 <= x, y <= 1, fractions of the picture)");
                goto bad;
            }
            json_array_append_new(np, json_pack("[f, f]", xv, yv));
        }
        json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "name", name, "type", type, "points", np));
    }
    if (!zones_leave_something_watched(out)) {
        sh_fail(err, SH_EINVAL, "zones", "检测区与屏蔽区的设置使整个画面都不被检测 (the zones leave no part of the picture watched)");
        goto bad;
    }
    return out;
bad:
    json_decref(out);
    return NULL;
}

json_t *sh_camera_check_rules(sh_db *db, json_t *v, sh_err *err)
{
    if (!json_is_array(v) || json_array_size(v) > 64) {
        sh_fail(err, SH_EINVAL, "rules", "应为违规类型代码的数组，[]表示全部启用的规则 (an array of violation codes; [] means every enabled rule)");
        return NULL;
    }
    json_t *out = json_array();
    size_t i, k;
    json_t *r, *prev;
    char field[32];
    json_array_foreach(v, i, r) {
        snprintf(field, sizeof field, "rules[%zu]", i);
        const char *code = json_string_value(r);
        int found = 0;
        if (code && strlen(code) <= 40) {
            sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM violation_types WHERE code = ?", err);
            if (!st) {
                json_decref(out);
                return NULL;
            }
            sh_bind_text(st, 1, code);
            found = sh_stmt_step(st, NULL) == SH_ROW;
            sh_stmt_done(st);
        }
        if (!found) {
            sh_fail(err, SH_EINVAL, field, "没有这种违规类型 (no such violation type)");
            goto bad;
        }
        json_array_foreach(out, k, prev)
            if (!strcmp(json_string_value(prev), code)) {
                sh_fail(err, SH_EINVAL, field, "规则重复 (the rule is listed twice)");
                goto bad;
            }
        json_array_append_new(out, json_string(code));
    }
    return out;
bad:
    json_decref(out);
    return NULL;
}

json_t *sh_camera_check_health(json_t *v, const char *field, sh_err *err)
{
    if (!json_is_object(v) || json_object_size(v) > 32) {
        sh_fail(err, SH_EINVAL, field, "应为最多32项数值的对象，如{\"decode_fps\": 25} (an object of at most 32 numbers)");
        return NULL;
    }
    const char *k;
    json_t *n;
    json_object_foreach(v, k, n) {
        size_t kl = strlen(k);
        int ok = kl >= 1 && kl <= 40;
        for (size_t i = 0; ok && i < kl; i++)
            ok = islower((unsigned char)k[i]) || isdigit((unsigned char)k[i]) || k[i] == '_';
        if (!ok || !json_is_number(n) || !isfinite(json_number_value(n))) {
            char f[96];
            snprintf(f, sizeof f, "%s.%.40s", field, ok ? k : "?");
            sh_fail(err, SH_EINVAL, f, ok ? "应为数值 (must be a number)" : "名称应为小写字母、数字和下划线 (names are lower-case letters, digits and _)");
            return NULL;
        }
    }
    return json_deep_copy(v);
}

const char *sh_camera_device_id_canonical(json_t *j)
{
    char canon[96];
    if (!json_is_string(j))
        return NULL;
    sh_device_id_normalize(json_string_value(j), canon, sizeof canon);
    json_string_set(j, canon);
    return json_string_value(j);
}

int sh_camera_check_device_id(const char *s, const char *field, sh_err *err)
{
    size_t n = s ? strlen(s) : 0;
    int ok = n >= 1 && n <= 80;
    for (size_t i = 0; ok && i < n; i++)
        ok = (unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7f;
    return ok ? 0
              : sh_fail(err, SH_EINVAL, field, "应为1到80个可打印ASCII字符，不含空格 (1 to 80 printable ASCII characters, no spaces)");
}
