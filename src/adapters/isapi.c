#include "adapters/isapi.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16         /* how deep the box and the confidence are looked for */
#define NORMALIZED 1000.0    /* ISAPI normalised coordinates run 0..1000 */

static const char *const namespaces[] = {
    "http://www.hikvision.com/ver20/XMLSchema",
    "http://www.isapi.org/ver20/XMLSchema",
    "http://www.std-cgi.org/ver20/XMLSchema",
};

/* ---- shared: raw text fields → the event ---- */

typedef struct raw_event {
    const char *mac, *channel, *date_time, *event_type, *event_state, *post_count, *confidence;
    int npoints;
    double pts[2 * 64];
} raw_event;

static int copy_field(char *dst, size_t n, const char *src, const char *field, sh_err *err)
{
    if (!src || !*src)
        return sh_fail(err, SH_EINVAL, field, "缺少%s (missing %s)", field, field);
    if (strlen(src) >= n)
        return sh_fail(err, SH_EINVAL, field, "%s过长 (%s too long)", field, field);
    for (const unsigned char *p = (const unsigned char *)src; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return sh_fail(err, SH_EINVAL, field, "%s含有控制字符 (%s contains control characters)", field, field);
    snprintf(dst, n, "%s", src);
    return 0;
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    double v = strtod(s, &end);
    if (end == s || *end)
        return -1;
    *out = v;
    return 0;
}

static int finish_event(const raw_event *r, sh_isapi_event *ev, sh_err *err)
{
    int rc;
    if ((rc = copy_field(ev->mac, sizeof ev->mac, r->mac, "macAddress", err)) != 0)
        return rc;
    lower(ev->mac);
    for (const char *p = ev->mac; *p; p++)
        if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '-')
            return sh_fail(err, SH_EINVAL, "macAddress", "MAC地址格式错误 (macAddress must be hex digits and colons)");
    if ((rc = copy_field(ev->channel, sizeof ev->channel, r->channel, "channelID", err)) != 0)
        return rc;
    for (const char *p = ev->channel; *p; p++)
        if (!isdigit((unsigned char)*p))
            return sh_fail(err, SH_EINVAL, "channelID", "通道号应为数字 (channelID must be a number)");
    if ((rc = copy_field(ev->date_time, sizeof ev->date_time, r->date_time, "dateTime", err)) != 0)
        return rc;
    if (sh_parse_time(ev->date_time, &ev->observed_at) != 0)
        return sh_fail(err, SH_EINVAL, "dateTime", "应为ISO 8601时间，如2026-11-23T10:00:00+08:00 (ISO 8601 expected)");
    if ((rc = copy_field(ev->event_type, sizeof ev->event_type, r->event_type, "eventType", err)) != 0)
        return rc;
    if ((rc = copy_field(ev->event_state, sizeof ev->event_state, r->event_state, "eventState", err)) != 0)
        return rc;
    lower(ev->event_state);
    if (strcmp(ev->event_state, "active") && strcmp(ev->event_state, "inactive"))
        return sh_fail(err, SH_EINVAL, "eventState", "应为active或inactive (must be active or inactive)");
    ev->active = !strcmp(ev->event_state, "active");
    if (r->post_count && *r->post_count) {
        if ((rc = copy_field(ev->post_count, sizeof ev->post_count, r->post_count, "activePostCount", err)) != 0)
            return rc;
        for (const char *p = ev->post_count; *p; p++)
            if (!isdigit((unsigned char)*p))
                return sh_fail(err, SH_EINVAL, "activePostCount", "应为整数 (must be a whole number)");
    }
    if (r->confidence) {
        if (parse_number(r->confidence, &ev->confidence) != 0 || ev->confidence < 0 || ev->confidence > 100)
            return sh_fail(err, SH_EINVAL, "confidence", "应为0到100之间的数 (must be from 0 to 100)");
        ev->has_confidence = 1;
    }
    if (r->npoints >= 2) {
        double x0 = NORMALIZED, y0 = NORMALIZED, x1 = 0, y1 = 0;
        for (int i = 0; i < r->npoints; i++) {
            double x = r->pts[2 * i], y = r->pts[2 * i + 1];
            x0 = x < x0 ? x : x0;
            y0 = y < y0 ? y : y0;
            x1 = x > x1 ? x : x1;
            y1 = y > y1 ? y : y1;
        }
        if (x1 > x0 && y1 > y0) { /* a line or a point is no box */
            ev->has_box = 1;
            ev->box[0] = x0 / NORMALIZED;
            ev->box[1] = y0 / NORMALIZED;
            ev->box[2] = (x1 - x0) / NORMALIZED;
            ev->box[3] = (y1 - y0) / NORMALIZED;
        }
    }
    snprintf(ev->device_id, sizeof ev->device_id, "%s:%s", ev->mac, ev->channel);
    snprintf(ev->label, sizeof ev->label, "%s", ev->event_type);
    lower(ev->label);
    char text[300];
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    int n = snprintf(text, sizeof text, "%s\n%s\n%s\n%s\n%s", ev->mac, ev->channel, ev->date_time, ev->event_type, ev->post_count);
    crypto_hash_sha256(h, (const unsigned char *)text, (unsigned long long)n);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(ev->idempotency_key, sizeof ev->idempotency_key, "hik-%s", hex);
    return 0;
}

/* Adds one RegionCoordinates point (0..1000). */
static int add_point(raw_event *r, const char *xs, const char *ys, sh_err *err)
{
    double x, y;
    if (parse_number(xs, &x) != 0 || parse_number(ys, &y) != 0 || x < 0 || x > NORMALIZED || y < 0 || y > NORMALIZED)
        return sh_fail(err, SH_EINVAL, "RegionCoordinates", "positionX/positionY应为0到1000之间的数 (must be from 0 to 1000)");
    if (r->npoints < (int)(sizeof r->pts / sizeof r->pts[0] / 2)) {
        r->pts[2 * r->npoints] = x;
        r->pts[2 * r->npoints + 1] = y;
        r->npoints++;
    }
    return 0;
}

/* ---- XML ---- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

static int is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *child(xmlNode *parent, const char *name)
{
    for (xmlNode *n = parent->children; n; n = n->next)
        if (is_element(n, name))
            return n;
    return NULL;
}

static xmlNode *descendant(xmlNode *parent, const char *name, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, name))
            return n;
        xmlNode *d = descendant(n, name, depth + 1);
        if (d)
            return d;
    }
    return NULL;
}

/* The text directly inside an element (text and CDATA; entity references are not followed),
 * trimmed, in a buffer of its own (one per field), or NULL. */
static const char *text_of(xmlNode *el, char *buf, size_t n)
{
    if (!el)
        return NULL;
    size_t len = 0;
    for (xmlNode *c = el->children; c; c = c->next) {
        if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
            continue;
        size_t k = strlen((const char *)c->content);
        if (len + k >= n)
            k = n - 1 - len;
        memcpy(buf + len, c->content, k);
        len += k;
    }
    buf[len] = '\0';
    char *s = buf;
    while (*s && isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int xml_region(xmlNode *root, raw_event *r, sh_err *err)
{
    xmlNode *list = child(root, "DetectionRegionList");
    xmlNode *coords = list ? descendant(list, "RegionCoordinatesList", 0) : NULL;
    if (!coords)
        return 0;
    for (xmlNode *n = coords->children; n; n = n->next) {
        if (!is_element(n, "RegionCoordinates"))
            continue;
        char xb[32], yb[32];
        int rc = add_point(r, text_of(child(n, "positionX"), xb, sizeof xb), text_of(child(n, "positionY"), yb, sizeof yb), err);
        if (rc)
            return rc;
    }
    return 0;
}

int sh_isapi_parse_xml(const char *data, size_t len, sh_isapi_event *ev, sh_err *err)
{
    memset(ev, 0, sizeof *ev);
    if (len == 0 || len > INT_MAX)
        return sh_fail(err, SH_EINVAL, "body", "XML为空 (empty XML)");
    /* a DTD is where entity bombs and external entities live; pushes never need one */
    if (memmem(data, len, "<!DOCTYPE", 9) || memmem(data, len, "<!ENTITY", 8))
        return sh_fail(err, SH_EINVAL, "body", "不接受带DTD的XML (XML with a DTD is refused)");
    pthread_once(&xml_once, xml_init);
    xmlDoc *doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return sh_fail(err, SH_EINVAL, "body", "XML格式错误 (malformed XML)");
    int rc = 0;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (doc->intSubset || doc->extSubset)
        rc = sh_fail(err, SH_EINVAL, "body", "不接受带DTD的XML (XML with a DTD is refused)");
    else if (!root || strcmp((const char *)root->name, "EventNotificationAlert") != 0)
        rc = sh_fail(err, SH_EINVAL, "body", "根元素应为EventNotificationAlert (the root element must be EventNotificationAlert)");
    if (rc == 0) {
        const char *ns = root->ns && root->ns->href ? (const char *)root->ns->href : "";
        int known = 0;
        for (size_t i = 0; i < sizeof namespaces / sizeof namespaces[0]; i++)
            known |= !strcmp(ns, namespaces[i]);
        if (!known)
            rc = sh_fail(err, SH_EINVAL, "body", "未知的命名空间 (unknown namespace \"%.100s\": expected %s)", ns, namespaces[0]);
    }
    if (rc == 0) {
        char b[7][160];
        raw_event r = {0};
        r.mac = text_of(child(root, "macAddress"), b[0], sizeof b[0]);
        r.channel = text_of(child(root, "channelID"), b[1], sizeof b[1]);
        if (!r.channel || !*r.channel)
            r.channel = text_of(child(root, "dynChannelID"), b[1], sizeof b[1]);
        r.date_time = text_of(child(root, "dateTime"), b[2], sizeof b[2]);
        r.event_type = text_of(child(root, "eventType"), b[3], sizeof b[3]);
        r.event_state = text_of(child(root, "eventState"), b[4], sizeof b[4]);
        r.post_count = text_of(child(root, "activePostCount"), b[5], sizeof b[5]);
        r.confidence = text_of(descendant(root, "confidence", 0), b[6], sizeof b[6]);
        rc = xml_region(root, &r, err);
        if (rc == 0)
            rc = finish_event(&r, ev, err);
    }
    xmlFreeDoc(doc);
    return rc;
}

/* ---- JSON ---- */

/* A scalar as text: strings as they are, numbers printed. */
static const char *scalar(const json_t *v, char *buf, size_t n)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    }
    if (json_is_real(v)) {
        snprintf(buf, n, "%.17g", json_real_value(v));
        return buf;
    }
    return NULL;
}

static const json_t *json_descendant(const json_t *v, const char *key, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    if (json_is_object(v)) {
        const json_t *found = json_object_get(v, key);
        if (found)
            return found;
        const char *k;
        const json_t *c;
        json_object_foreach((json_t *)v, k, c) {
            const json_t *d = json_descendant(c, key, depth + 1);
            if (d)
                return d;
        }
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *c;
        json_array_foreach(v, i, c) {
            const json_t *d = json_descendant(c, key, depth + 1);
            if (d)
                return d;
        }
    }
    return NULL;
}

static int json_region(const json_t *root, raw_event *r, sh_err *err)
{
    const json_t *list = json_object_get(root, "DetectionRegionList");
    const json_t *coords = list ? json_descendant(list, "RegionCoordinatesList", 0) : NULL;
    size_t i;
    const json_t *p;
    json_array_foreach(coords, i, p) {
        const json_t *c = json_object_get(p, "RegionCoordinates");
        if (!c)
            c = p;
        char xb[40], yb[40];
        int rc = add_point(r, scalar(json_object_get(c, "positionX"), xb, sizeof xb),
                           scalar(json_object_get(c, "positionY"), yb, sizeof yb), err);
        if (rc)
            return rc;
    }
    return 0;
}

int sh_isapi_parse_json(const char *data, size_t len, sh_isapi_event *ev, sh_err *err)
{
    memset(ev, 0, sizeof *ev);
    json_error_t je;
    json_t *doc = json_loadb(data, len, 0, &je);
    if (!doc)
        return sh_fail(err, SH_EINVAL, "body", "JSON格式错误 (invalid JSON at line %d: %s)", je.line, je.text);
    const json_t *root = json_object_get(doc, "EventNotificationAlert");
    if (!json_is_object(root))
        root = doc;
    int rc = 0;
    if (!json_is_object(root)) {
        rc = sh_fail(err, SH_EINVAL, "body", "应为EventNotificationAlert对象 (an EventNotificationAlert object is expected)");
    } else {
        char b[4][40];
        raw_event r = {0};
        r.mac = scalar(json_object_get(root, "macAddress"), b[0], sizeof b[0]);
        r.channel = scalar(json_object_get(root, "channelID"), b[1], sizeof b[1]);
        if (!r.channel)
            r.channel = scalar(json_object_get(root, "dynChannelID"), b[1], sizeof b[1]);
        r.date_time = json_string_value(json_object_get(root, "dateTime"));
        r.event_type = json_string_value(json_object_get(root, "eventType"));
        r.event_state = json_string_value(json_object_get(root, "eventState"));
        r.post_count = scalar(json_object_get(root, "activePostCount"), b[2], sizeof b[2]);
        r.confidence = scalar(json_descendant(root, "confidence", 0), b[3], sizeof b[3]);
        rc = json_region(root, &r, err);
        if (rc == 0)
            rc = finish_event(&r, ev, err);
    }
    json_decref(doc);
    return rc;
}

int sh_isapi_parse(const char *data, size_t len, sh_isapi_event *ev, sh_err *err)
{
    size_t i = 0;
    /* a UTF-8 byte order mark, then blanks */
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB && (unsigned char)data[2] == 0xBF)
        i = 3;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    if (i < len && data[i] == '{')
        return sh_isapi_parse_json(data, len, ev, err);
    if (i < len && data[i] == '<')
        return sh_isapi_parse_xml(data, len, ev, err);
    memset(ev, 0, sizeof *ev);
    return sh_fail(err, SH_EINVAL, "body", "应为EventNotificationAlert的XML或JSON (expected an EventNotificationAlert in XML or JSON)");
}

void sh_isapi_observation(const sh_isapi_event *ev, sh_observation_in *in)
{
    memset(in, 0, sizeof *in);
    in->device_id = ev->device_id;
    in->observed_at = ev->observed_at;
    in->label = ev->label;
    in->score = ev->has_confidence ? ev->confidence / 100.0 : 1.0;
    in->has_box = ev->has_box;
    memcpy(in->box, ev->box, sizeof in->box);
    in->idempotency_key = ev->idempotency_key;
    in->source = "hikvision";
}
