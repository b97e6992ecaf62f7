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
#include <strings.h>

#define MAX_DEPTH 16         /* how deep the box and the confidence are looked for */
#define NORMALIZED 1000.0    /* ISAPI normalised coordinates run 0..1000 */

/* The namespaces of the firmware families (host and version; http or https, with or without www.);
 * urn:psialliance-org is the PSIA namespace older devices and other vendors' ISAPI-speaking boxes
 * use; a document without a namespace is read the same. */
static const char *const ns_hosts[] = {"hikvision.com", "isapi.org", "std-cgi.com", "std-cgi.org"};

static int known_namespace(const char *ns)
{
    if (!ns || !*ns || !strcasecmp(ns, "urn:psialliance-org"))
        return 1;
    if (!strncasecmp(ns, "http://", 7))
        ns += 7;
    else if (!strncasecmp(ns, "https://", 8))
        ns += 8;
    else
        return 0;
    if (!strncasecmp(ns, "www.", 4))
        ns += 4;
    for (size_t i = 0; i < sizeof ns_hosts / sizeof ns_hosts[0]; i++) {
        size_t n = strlen(ns_hosts[i]);
        if (!strncasecmp(ns, ns_hosts[i], n) &&
            (!strcasecmp(ns + n, "/ver20/XMLSchema") || !strcasecmp(ns + n, "/ver10/XMLSchema")))
            return 1;
    }
    return 0;
}

/* ---- shared: raw text fields → the event ---- */

static int parse_number(const char *s, double *out);

typedef struct raw_event {
    const char *mac, *channel, *date_time, *event_type, *event_state, *post_count, *confidence;
    const char *rect[4]; /* the target's X, Y, width, height as sent; rect[0] NULL when none */
    int npoints;
    double pts[2 * 64];
} raw_event;

/* Events whose region is the zone the rule was drawn on, not the target: their box is the target's. */
static int zone_event(const char *label)
{
    return !strcmp(label, "linedetection") || !strcmp(label, "fielddetection") || !strcmp(label, "regionentrance") ||
           !strcmp(label, "regionexiting");
}

/* The target's rectangle: 0..1000 as ISAPI normalises it, or fractions 0..1 (some firmware writes
 * 0.478); a rectangle with no area is no box. */
static int target_box(const raw_event *r, sh_isapi_event *ev, sh_err *err)
{
    double v[4];
    int fractional = 0;
    for (int i = 0; i < 4; i++) {
        if (parse_number(r->rect[i], &v[i]) != 0 || v[i] < 0 || v[i] > NORMALIZED)
            return sh_fail(err, SH_EINVAL, "TargetRect", "X/Y/width/height应为0到1000之间的数 (must be from 0 to 1000)");
        fractional |= v[i] != (double)(long long)v[i];
    }
    double scale = NORMALIZED;
    if (fractional && v[0] + v[2] <= 1.0 && v[1] + v[3] <= 1.0)
        scale = 1.0;
    if (v[0] + v[2] > scale + 1e-9 || v[1] + v[3] > scale + 1e-9)
        return sh_fail(err, SH_EINVAL, "TargetRect", "目标框超出画面 (the target's rectangle leaves the picture)");
    if (v[2] <= 0 || v[3] <= 0)
        return 0;
    ev->has_box = 1;
    ev->box_from_target = 1;
    for (int i = 0; i < 4; i++)
        ev->box[i] = v[i] / scale;
    return 0;
}

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
    if ((rc = copy_field(ev->event_type, sizeof ev->event_type, r->event_type, "eventType", err)) != 0)
        return rc;
    snprintf(ev->label, sizeof ev->label, "%s", ev->event_type);
    lower(ev->label);
    char mac[40];
    if ((rc = copy_field(mac, sizeof mac, r->mac, "macAddress", err)) != 0)
        return rc;
    if (!sh_mac_normalize(mac, ev->mac))
        return sh_fail(err, SH_EINVAL, "macAddress", "MAC地址格式错误 (macAddress must be 12 hex digits, as aa:bb:cc:dd:ee:ff)");
    /* an idle camera says it is alive with videoloss inactive every few seconds; NVRs send heartBeat,
     * for the whole device (channelID empty or 0), at times without a time or state */
    int heartbeat = !strcmp(ev->label, "heartbeat");
    int videoloss = !strcmp(ev->label, "videoloss");
    char channel[sizeof ev->channel];
    channel[0] = '\0';
    if (!(heartbeat || videoloss) || (r->channel && *r->channel))
        if ((rc = copy_field(channel, sizeof channel, r->channel, "channelID", err)) != 0)
            return rc;
    for (const char *p = channel; *p; p++)
        if (!isdigit((unsigned char)*p))
            return sh_fail(err, SH_EINVAL, "channelID", "通道号应为数字 (channelID must be a number)");
    const char *ch = channel;
    while (ch[0] == '0' && ch[1])
        ch++;
    if ((heartbeat || videoloss) && !strcmp(ch, "0"))
        ch = "";
    snprintf(ev->channel, sizeof ev->channel, "%s", ch);
    if (!heartbeat || (r->date_time && *r->date_time)) {
        if ((rc = copy_field(ev->date_time, sizeof ev->date_time, r->date_time, "dateTime", err)) != 0)
            return rc;
        if (sh_parse_time(ev->date_time, &ev->observed_at) != 0)
            return sh_fail(err, SH_EINVAL, "dateTime", "应为ISO 8601时间，如2026-11-23T10:00:00+08:00 (ISO 8601 expected)");
    }
    if (!heartbeat || (r->event_state && *r->event_state)) {
        if ((rc = copy_field(ev->event_state, sizeof ev->event_state, r->event_state, "eventState", err)) != 0)
            return rc;
        lower(ev->event_state);
        if (strcmp(ev->event_state, "active") && strcmp(ev->event_state, "inactive"))
            return sh_fail(err, SH_EINVAL, "eventState", "应为active或inactive (must be active or inactive)");
        ev->active = !strcmp(ev->event_state, "active");
    }
    /* videoloss active is a camera that lost its picture: not a sign of life */
    ev->heartbeat = heartbeat || (videoloss && !ev->active);
    if (videoloss && !ev->heartbeat && !*ev->channel)
        return sh_fail(err, SH_EINVAL, "channelID", "缺少channelID (missing channelID)");
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
    if (r->rect[0] && (rc = target_box(r, ev, err)) != 0)
        return rc;
    if (!ev->has_box && r->npoints >= 2 && !zone_event(ev->label)) {
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
    char raw_id[sizeof ev->mac + sizeof ev->channel + 1];
    if (*ev->channel)
        snprintf(raw_id, sizeof raw_id, "%s:%s", ev->mac, ev->channel);
    else
        snprintf(raw_id, sizeof raw_id, "%s", ev->mac);
    sh_device_id_normalize(raw_id, ev->device_id, sizeof ev->device_id);
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

static xmlNode *child_ci(xmlNode *parent, const char *name)
{
    for (xmlNode *n = parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name))
            return n;
    return NULL;
}

/* The detected target's rectangle: the first TargetRect (any case), or a Rect inside an element
 * whose name speaks of the target (Target, TargetList, targetInfo ...). */
static xmlNode *xml_target_rect(xmlNode *parent, int in_target, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcasecmp(name, "TargetRect") || (in_target && !strcasecmp(name, "Rect")))
            return n;
        xmlNode *d = xml_target_rect(n, in_target || strcasestr(name, "target") != NULL, depth + 1);
        if (d)
            return d;
    }
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
        if (!known_namespace(ns))
            rc = sh_fail(err, SH_EINVAL, "body", "未知的命名空间 (unknown namespace \"%.100s\": expected http://www.isapi.org/ver20/XMLSchema)", ns);
    }
    if (rc == 0) {
        char b[7][160], rb[4][40];
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
        xmlNode *rect = xml_target_rect(root, 0, 0);
        if (rect) {
            static const char *const keys[4][2] = {{"X", "positionX"}, {"Y", "positionY"}, {"width", "w"}, {"height", "h"}};
            for (int i = 0; i < 4; i++) {
                xmlNode *f = child_ci(rect, keys[i][0]);
                r.rect[i] = text_of(f ? f : child_ci(rect, keys[i][1]), rb[i], sizeof rb[i]);
                if (!r.rect[i])
                    r.rect[i] = ""; /* a rectangle without all four is refused */
            }
        }
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

static const json_t *json_get_ci(const json_t *o, const char *key)
{
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)o, k, v)
        if (!strcasecmp(k, key))
            return v;
    return NULL;
}

/* As xml_target_rect: the first "TargetRect" / "targetRect" object, or a "Rect" / "rect" inside a
 * member whose name speaks of the target. */
static const json_t *json_target_rect(const json_t *v, int in_target, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    if (json_is_object(v)) {
        const char *k;
        const json_t *c;
        json_object_foreach((json_t *)v, k, c) {
            if (json_is_object(c) && (!strcasecmp(k, "TargetRect") || (in_target && !strcasecmp(k, "Rect"))))
                return c;
        }
        json_object_foreach((json_t *)v, k, c) {
            const json_t *d = json_target_rect(c, in_target || strcasestr(k, "target") != NULL, depth + 1);
            if (d)
                return d;
        }
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *c;
        json_array_foreach(v, i, c) {
            const json_t *d = json_target_rect(c, in_target, depth + 1);
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
        char b[4][40], rb[4][40];
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
        const json_t *rect = json_target_rect(root, 0, 0);
        if (rect) {
            static const char *const keys[4][2] = {{"X", "positionX"}, {"Y", "positionY"}, {"width", "w"}, {"height", "h"}};
            for (int i = 0; i < 4; i++) {
                const json_t *f = json_get_ci(rect, keys[i][0]);
                r.rect[i] = scalar(f ? f : json_get_ci(rect, keys[i][1]), rb[i], sizeof rb[i]);
                if (!r.rect[i])
                    r.rect[i] = "";
            }
        }
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
