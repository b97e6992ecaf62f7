/* The GS1 CBV 2.0 event hash (CBV 2.0 §8.9) of an EPCIS 2.0 event in JSON-LD.
 *
 * The hash must agree with other parties' tools, so this follows the reference implementation step by
 * step: github:RalphTro/epcis-event-hash-generator (MIT), commit 5d2f1c389a1599af40fe1b530b62e0ca59ab818f,
 * epcis_event_hash_generator/{json_to_py,json_xml_model_mismatch_correction,hash_generator,__init__}.py:
 *  1. the event becomes a tree of (name, value, children) as its XML form would give (json_to_py);
 *  2. JSON's list shapes are folded into XML's (epcList -> epcList/epc, quantityList -> quantityElement...);
 *  3. the fields of PROP_ORDER are written first, in that order, as name=value with values canonicalised
 *     (timestamps in UTC to the millisecond, CBV URNs and bare words as CBV web URIs, numbers without
 *     trailing zeros, GS1 identifiers as canonical Digital Link URIs), same-named siblings sorted;
 *  4. everything else except eventID, recordTime, errorDeclaration and type follows, sorted
 *     (bizTransactionList, sourceList, destinationList, ilmd, user extensions as {namespace}name).
 * Deliberate differences, all on inputs the reference fails on or reads from its environment: a
 * bizTransaction/source/destination is written type first whatever the key order of the JSON; a
 * timestamp without an offset is read as UTC (the reference uses the local zone); a millisecond rounding
 * up to the next second carries (the reference drops the event). */
#include <ctype.h>
#include <math.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/civil.h"
#include "domain/trace/event_hash.h"
#include "domain/trace/event_hash_int.h"

typedef struct node {
    char *name; /* NULL: a (type, value) pair of a bizTransaction, source or destination */
    char *value;
    struct node **kids;
    size_t n, cap;
    bool gone; /* consumed by the ordered part (the reference removes it from its list) */
} node;

typedef struct ns_map {
    const char *prefix[64];
    const char *uri[64];
    size_t n;
} ns_map;

static node *node_new(const char *name, const char *value)
{
    node *x = sh_xcalloc(1, sizeof *x);
    x->name = name ? sh_xstrdup(name) : NULL;
    x->value = sh_xstrdup(value ? value : "");
    return x;
}

static void node_add(node *p, node *k)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 4;
        p->kids = sh_xrealloc(p->kids, p->cap * sizeof *p->kids);
    }
    p->kids[p->n++] = k;
}

static void node_free(node *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->n; i++)
        node_free(x->kids[i]);
    free(x->kids);
    free(x->name);
    free(x->value);
    free(x);
}

static void set_name(node *x, const char *name, size_t len)
{
    char *n = sh_xstrndup(name, len); /* name may be x->name itself */
    free(x->name);
    x->name = n;
}

/* Python's ordering of (name, value, children) tuples, used where the reference sorts them */
static int node_cmp(const node *a, const node *b)
{
    int c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
    if (c == 0)
        c = strcmp(a->value, b->value);
    for (size_t i = 0; c == 0 && i < a->n && i < b->n; i++)
        c = node_cmp(a->kids[i], b->kids[i]);
    if (c == 0)
        c = (a->n > b->n) - (a->n < b->n);
    return c;
}

static int node_pcmp(const void *a, const void *b)
{
    return node_cmp(*(node *const *)a, *(node *const *)b);
}

/* ---- 1. JSON to the tree (json_to_py.py) ---- */

/* "prefix:rest" with a prefix of the @context: "{uri}rest" for a key, "urirest" for a value */
static char *ns_replace(const ns_map *ns, const char *text, bool is_value)
{
    const char *colon = strchr(text, ':');
    if (colon) {
        size_t pl = (size_t)(colon - text);
        for (size_t i = ns->n; i-- > 0;) {
            if (strlen(ns->prefix[i]) == pl && strncmp(ns->prefix[i], text, pl) == 0) {
                sh_buf b = SH_BUF_INIT;
                sh_buf_printf(&b, is_value ? "%s%s" : "{%s}%s", ns->uri[i], colon + 1);
                return sh_buf_detach(&b, NULL);
            }
        }
    }
    return sh_xstrdup(text);
}

/* The CBV/GS1 vocabulary a bare word of this field names. The reference finds these by JSON-LD expansion
 * against the EPCIS 2.0 context (json_to_py._bare_string_pre_preocessing); the fields are those the
 * context types as @vocab in the CBV (https://ref.gs1.org/cbv) or GS1 (https://gs1.org/voc) namespace. */
static const char *vocabulary(const char *key, const char *parent)
{
    if (!key)
        return NULL;
    parent = parent ? parent : "";
    if (strcmp(key, "bizStep") == 0)
        return "https://ref.gs1.org/cbv/BizStep-";
    if (strcmp(key, "disposition") == 0 ||
        (strcmp(parent, "persistentDisposition") == 0 && (strcmp(key, "set") == 0 || strcmp(key, "unset") == 0)))
        return "https://ref.gs1.org/cbv/Disp-";
    if (strcmp(key, "type") == 0 && strcmp(parent, "bizTransactionList") == 0)
        return "https://ref.gs1.org/cbv/BTT-";
    if (strcmp(key, "type") == 0 && (strcmp(parent, "sourceList") == 0 || strcmp(parent, "destinationList") == 0))
        return "https://ref.gs1.org/cbv/SDT-";
    if (strcmp(key, "reason") == 0 && strcmp(parent, "errorDeclaration") == 0)
        return "https://ref.gs1.org/cbv/ER-";
    if (strcmp(parent, "sensorReport") == 0 && (strcmp(key, "type") == 0 || strcmp(key, "exception") == 0))
        return "https://gs1.org/voc/";
    if (strcmp(parent, "sensorReport") == 0 && strcmp(key, "component") == 0)
        return "https://ref.gs1.org/cbv/Comp-";
    return NULL;
}

/* Python's repr() of a float: the shortest digits that read back the same */
static void py_float(double d, char *out, size_t cap)
{
    if (d == floor(d) && fabs(d) < 1e16) {
        snprintf(out, cap, "%.1f", d);
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(out, cap, "%.*g", p, d);
        if (strtod(out, NULL) == d)
            return;
    }
}

static char *scalar_text(const json_t *j, const char *key, const char *parent, const ns_map *ns)
{
    char num[64];
    switch (json_typeof(j)) {
    case JSON_STRING: {
        const char *s = json_string_value(j);
        const char *voc = strchr(s, ':') || !*s ? NULL : vocabulary(key, parent);
        if (voc) {
            sh_buf b = SH_BUF_INIT;
            sh_buf_printf(&b, "%s%s", voc, s);
            return sh_buf_detach(&b, NULL);
        }
        return ns_replace(ns, s, true);
    }
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(j));
        return sh_xstrdup(num);
    case JSON_REAL:
        py_float(json_real_value(j), num, sizeof num);
        return sh_xstrdup(num);
    case JSON_TRUE:
        return sh_xstrdup("True");
    case JSON_FALSE:
        return sh_xstrdup("False");
    default:
        return sh_xstrdup("None");
    }
}

static bool ignored_key(const char *k)
{
    return strcmp(k, "#text") == 0 || strcmp(k, "rdfs:comment") == 0 || strcmp(k, "comment") == 0 ||
           strcmp(k, "@context") == 0 || strncmp(k, "@xmlns", 6) == 0;
}

/* key: the member name j is the value of (elements of an array share it); parent: the one above */
static node *build(const json_t *j, const char *key, const char *parent, const ns_map *ns)
{
    node *x;
    if (json_is_array(j)) {
        x = node_new("", "");
        size_t i;
        const json_t *v;
        json_array_foreach(j, i, v) node_add(x, build(v, key, parent, ns));
    } else if (json_is_object(j)) {
        const json_t *type = json_object_get(j, "type");
        const json_t *text = json_object_get(j, "#text");
        x = node_new(json_is_string(type) ? json_string_value(type) : "", json_is_string(text) ? json_string_value(text) : "");
        const char *k;
        const json_t *v;
        bool pairlike = json_object_get(j, "bizTransaction") || json_object_get(j, "source") || json_object_get(j, "destination");
        json_object_foreach((json_t *)j, k, v) {
            if (ignored_key(k))
                continue;
            node *c = build(v, k, key, ns);
            char *nk = ns_replace(ns, k, false);
            if (json_is_array(v)) {
                for (size_t i = 0; i < c->n; i++) {
                    set_name(c->kids[i], nk, strlen(nk));
                    node_add(x, c->kids[i]);
                }
                c->n = 0;
                node_free(c);
            } else {
                set_name(c, nk, strlen(nk));
                node_add(x, c);
            }
            free(nk);
        }
        if (pairlike) {
            /* type first (CBV 2.0 order), whatever the order of the JSON keys */
            for (size_t i = 1; i < x->n; i++) {
                if (strcmp(x->kids[i]->name, "type") == 0) {
                    node *t = x->kids[i];
                    memmove(x->kids + 1, x->kids, i * sizeof *x->kids);
                    x->kids[0] = t;
                    break;
                }
            }
            return x;
        }
    } else {
        char *s = scalar_text(j, key, parent, ns);
        x = node_new("", s);
        free(s);
        return x;
    }
    if (x->n > 1)
        qsort(x->kids, x->n, sizeof *x->kids, node_pcmp);
    return x;
}

/* ---- 2. JSON list shapes to XML's (json_xml_model_mismatch_correction.py) ---- */

static bool is_pair_list(const char *name)
{
    return name && (strcmp(name, "sourceList") == 0 || strcmp(name, "destinationList") == 0 || strcmp(name, "bizTransactionList") == 0);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void correct(node *p)
{
    node **groups = NULL; /* one node per distinct xxxList name, in order of first appearance */
    size_t ng = 0, keep = 0;
    node **old = p->kids;
    size_t on = p->n;
    p->kids = NULL;
    p->n = p->cap = 0;
    node *childs = NULL;
    for (size_t i = 0; i < on; i++) {
        node *k = old[i];
        if (k->name && ends_with(k->name, "List")) {
            node *g = NULL;
            for (size_t j = 0; j < ng; j++)
                if (strcmp(groups[j]->name, k->name) == 0)
                    g = groups[j];
            if (!g) {
                groups = sh_xrealloc(groups, (ng + 1) * sizeof *groups);
                g = groups[ng++] = node_new(k->name, "");
            }
            set_name(k, k->name, strlen(k->name) - 4);
            node_add(g, k);
        } else if (k->name && strcmp(k->name, "childEPCs") == 0) {
            if (!childs)
                childs = node_new("childEPCs", "");
            node *e = node_new("epc", k->value);
            node_free(k);
            node_add(childs, e);
        } else {
            old[keep++] = k;
        }
    }
    for (size_t i = 0; i < keep; i++)
        node_add(p, old[i]);
    free(old);
    for (size_t j = 0; j < ng; j++) {
        node *g = groups[j];
        if (is_pair_list(g->name)) {
            /* each element becomes the pair of its first two members (already type first) */
            for (size_t i = 0; i < g->n; i++) {
                node *e = g->kids[i], *pair = node_new(NULL, "");
                for (size_t m = 0; m < e->n; m++) {
                    if (m < 2)
                        node_add(pair, e->kids[m]);
                    else
                        node_free(e->kids[m]);
                }
                e->n = 0;
                node_free(e);
                g->kids[i] = pair;
            }
        }
        node_add(p, g);
    }
    free(groups);
    if (childs)
        node_add(p, childs);
    for (size_t i = 0; i < p->n; i++)
        if (!is_pair_list(p->kids[i]->name) && p->kids[i]->name)
            correct(p->kids[i]);
    if (!p->name)
        return;
    if (strcmp(p->name, "inputEPC") == 0 || strcmp(p->name, "outputEPC") == 0)
        set_name(p, "epc", 3);
    else if (strcmp(p->name, "inputQuantity") == 0 || strcmp(p->name, "outputQuantity") == 0 ||
             strcmp(p->name, "childQuantity") == 0 || (strcmp(p->name, "quantity") == 0 && p->n > 0))
        set_name(p, "quantityElement", 15);
}

/* ---- 3. values (hash_generator._canonize_value, _fix_time_stamp_format) ---- */

static char *strip(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return sh_xstrndup(s, n);
}

/* Python's float() syntax (without digit underscores): sign, digits with an optional point, exponent */
static bool is_decimal(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p))
        p++, digits++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++, digits++;
    }
    if (digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

/* _try_format_numeric: "+012.50" -> "12.5", "3.0" -> "3"; other text unchanged */
static char *format_numeric(const char *s)
{
    if (!is_decimal(s))
        return sh_xstrdup(s);
    double d = strtod(s, NULL);
    if (!isfinite(d))
        return sh_xstrdup(s);
    char out[400];
    if (d == floor(d))
        snprintf(out, sizeof out, "%.0f", d == 0 ? 0.0 : d);
    else
        py_float(d, out, sizeof out);
    return sh_xstrdup(out);
}

static char *canonize(const char *text)
{
    /* _try_format_web_vocabulary: CBV 1.x URNs to the CBV 2.0 web URIs */
    static const char *const urns[][2] = {{"urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"},
                                          {"urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"},
                                          {"urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"},
                                          {"urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"},
                                          {"urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"}};
    sh_buf b = SH_BUF_INIT;
    sh_buf_adds(&b, text);
    for (size_t i = 0; i < sizeof urns / sizeof urns[0]; i++) {
        const char *at;
        while ((at = strstr(sh_buf_str(&b), urns[i][0])) != NULL) {
            sh_buf r = SH_BUF_INIT;
            sh_buf_add(&r, b.data, (size_t)(at - b.data));
            sh_buf_adds(&r, urns[i][1]);
            sh_buf_adds(&r, at + strlen(urns[i][0]));
            sh_buf_release(&b);
            b = r;
        }
    }
    char *num = format_numeric(sh_buf_str(&b));
    sh_buf_release(&b);
    char *dl = sh_epcis_dl_normalise(num);
    if (dl) {
        free(num);
        return dl;
    }
    return num;
}

static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        v = v * 10 + (*(*p)++ - '0');
    }
    return v;
}

/* An ISO 8601 date-time as UTC to the millisecond, "2022-02-17T02:33:31.116Z"; false when it is not one.
 * Microseconds (the first six digits) round half to even to milliseconds, as Python's round(us, -3). */
static bool fix_time(const char *s, char out[32])
{
    const char *p = s;
    int y = digits(&p, 4), mo, d, h = 0, mi = 0, sec = 0;
    long us = 0, off = 0;
    if (y < 0 || *p++ != '-' || (mo = digits(&p, 2)) < 1 || mo > 12 || *p++ != '-' || (d = digits(&p, 2)) < 1 || d > 31)
        return false;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if ((h = digits(&p, 2)) < 0 || h > 23 || *p++ != ':' || (mi = digits(&p, 2)) < 0 || mi > 59)
            return false;
        if (*p == ':') {
            p++;
            if ((sec = digits(&p, 2)) < 0 || sec > 59)
                return false;
            if (*p == '.' || *p == ',') {
                p++;
                if (!isdigit((unsigned char)*p))
                    return false;
                for (int i = 0; isdigit((unsigned char)*p); i++, p++)
                    if (i < 6)
                        us = us * 10 + (*p - '0');
                /* pad to six digits */
                size_t nd = 0;
                for (const char *q = p - 1; isdigit((unsigned char)*q); q--)
                    nd++;
                for (size_t i = nd; i < 6; i++)
                    us *= 10;
            }
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
            if ((oh = digits(&p, 2)) < 0 || oh > 23)
                return false;
            if (*p == ':')
                p++;
            if (*p && (om = digits(&p, 2)) < 0)
                return false;
            if (om > 59)
                return false;
            off = sign * (oh * 3600L + om * 60L);
        }
    }
    if (*p != '\0' || d > 31)
        return false;
    int64_t days = sh_days_from_civil(y, mo, d);
    int cy, cm, cd;
    sh_civil_from_days(days, &cy, &cm, &cd);
    if (cy != y || cm != mo || cd != d)
        return false; /* 2023-02-30 */
    long ms = us / 1000, rem = us % 1000;
    if (rem > 500 || (rem == 500 && ms % 2 == 1))
        ms++;
    int64_t t = days * 86400 + h * 3600L + mi * 60L + sec - off;
    if (ms == 1000) {
        t++;
        ms = 0;
    }
    int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t sod = t - day * 86400;
    sh_civil_from_days(day, &cy, &cm, &cd);
    if (cy < 1 || cy > 9999)
        return false;
    snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", cy, cm, cd, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60), ms);
    return true;
}

static bool is_time_name(const char *name)
{
    char low[128];
    size_t n = strlen(name);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[n] = '\0';
    return strstr(low, "time") && !strstr(low, "offset");
}

/* ---- 4. the pre-hash string (hash_generator.py, PROP_ORDER of __init__.py) ---- */

typedef struct prop {
    const char *name;
    const struct prop *sub; /* NULL: a plain value */
    size_t nsub;
} prop;

#define P(n) {n, NULL, 0}
#define PS(n, arr) {n, arr, sizeof arr / sizeof arr[0]}
static const prop EPC[] = {P("epc")};
static const prop QE_FIELDS[] = {P("epcClass"), P("quantity"), P("uom")};
static const prop QE[] = {PS("quantityElement", QE_FIELDS)};
static const prop PERSIST[] = {P("set"), P("unset")};
static const prop ID[] = {P("id")};
/* The reference's order for bizTransactionList, sourceList and destinationList matches none of their
 * children, so those lists are written with the fields outside the order (sorted). */
static const prop NONE[1] = {P(NULL)};
static const prop META[] = {P("time"), P("startTime"), P("endTime"), P("deviceID"), P("deviceMetadata"), P("rawData"),
                            P("dataProcessingMethod"), P("bizRules")};
static const prop REPORT[] = {P("type"), P("exception"), P("deviceID"), P("deviceMetadata"), P("rawData"), P("dataProcessingMethod"),
                              P("time"), P("microorganism"), P("chemicalSubstance"), P("value"), P("component"), P("stringValue"),
                              P("booleanValue"), P("hexBinaryValue"), P("uriValue"), P("minValue"), P("maxValue"), P("meanValue"),
                              P("sDev"), P("percRank"), P("percValue"), P("uom"), P("coordinateReferenceSystem")};
static const prop ELEMENT[] = {PS("sensorMetadata", META), PS("sensorReport", REPORT)};
static const prop SENSORS[] = {PS("sensorElement", ELEMENT)};
static const prop EVENT[] = {
    P("eventTime"), P("eventTimeZoneOffset"), P("certificationInfo"), P("parentID"), PS("epcList", EPC), PS("inputEPCList", EPC),
    PS("childEPCs", EPC), PS("quantityList", QE), PS("childQuantityList", QE), PS("inputQuantityList", QE), PS("outputEPCList", EPC),
    PS("outputQuantityList", QE), P("action"), P("transformationID"), P("bizStep"), P("disposition"),
    PS("persistentDisposition", PERSIST), PS("readPoint", ID), PS("bizLocation", ID), {"bizTransactionList", NONE, 0},
    {"sourceList", NONE, 0}, {"destinationList", NONE, 0}, PS("sensorElementList", SENSORS)};

typedef struct strv {
    char **v;
    size_t n;
} strv;

static void strv_push(strv *s, char *x)
{
    s->v = sh_xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    s->v[s->n++] = x;
}

static int str_pcmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sorted or not, appended to out and freed */
static void strv_flush(strv *s, bool sort, sh_buf *out)
{
    if (sort && s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, str_pcmp);
    for (size_t i = 0; i < s->n; i++) {
        sh_buf_adds(out, s->v[i]);
        free(s->v[i]);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static size_t live(const node *p)
{
    size_t c = 0;
    for (size_t i = 0; i < p->n; i++)
        c += !p->kids[i]->gone;
    return c;
}

/* _generic_child_list_to_prehash_string: name=value and children, sorted unless they are the
 * members of a bizTransaction, source or destination */
static void generic(node **list, size_t n, bool skip_gone, sh_buf *out)
{
    strv vals = {0};
    bool sort = true;
    for (size_t i = 0; i < n; i++) {
        node *k = list[i];
        if (skip_gone && k->gone)
            continue;
        sh_buf b = SH_BUF_INIT;
        if (!k->name) {
            generic(k->kids, k->n, true, &b);
        } else {
            if (strcmp(k->name, "bizTransaction") == 0 || strcmp(k->name, "source") == 0 || strcmp(k->name, "destination") == 0)
                sort = false;
            sh_buf_adds(&b, k->name);
            char *t = strip(k->value);
            if (*t) {
                char *c = canonize(t);
                sh_buf_printf(&b, "=%s", c);
                free(c);
            }
            free(t);
            generic(k->kids, k->n, true, &b);
        }
        strv_push(&vals, sh_buf_detach(&b, NULL));
    }
    strv_flush(&vals, sort, out);
}

static void ordered(node *p, const prop *order, size_t norder, sh_buf *out);

/* _child_to_pre_hash_string */
static char *child_text(node *k, const prop *entry)
{
    sh_buf g = SH_BUF_INIT, b = SH_BUF_INIT;
    if (entry->sub)
        ordered(k, entry->sub, entry->nsub, &g);
    char *t = strip(k->value);
    if (*t) {
        char fixed[32];
        char *c = is_time_name(k->name) ? (fix_time(t, fixed) ? sh_xstrdup(fixed) : sh_xstrdup(t)) : canonize(t);
        if (*c)
            sh_buf_printf(&b, "%s=%s", k->name, c);
        free(c);
    }
    free(t);
    if (b.len || g.len) {
        if (!b.len)
            sh_buf_adds(&b, k->name);
        sh_buf_adds(&b, sh_buf_str(&g));
    }
    sh_buf_release(&g);
    return sh_buf_detach(&b, NULL);
}

/* _recurse_through_children_in_order, with _gather_user_extensions: below the event, members of a
 * namespace ending in '/' are pulled out and written after the ordered ones */
static void ordered(node *p, const prop *order, size_t norder, sh_buf *out)
{
    node **ext = NULL;
    size_t next = 0;
    if (live(p) > 1) {
        bool top = false;
        for (size_t i = 0; i < p->n; i++)
            if (!p->kids[i]->gone && p->kids[i]->name && (strstr(p->kids[i]->name, "eventTime") || strstr(p->kids[i]->name, "action")))
                top = true;
        for (size_t i = 0; !top && i < p->n; i++) {
            node *k = p->kids[i];
            if (!k->gone && k->name && strchr(k->name, '{') && strstr(k->name, "/}")) {
                ext = sh_xrealloc(ext, (next + 1) * sizeof *ext);
                ext[next++] = k;
                k->gone = true;
            }
        }
    }
    for (size_t o = 0; o < norder; o++) {
        strv vals = {0};
        for (size_t i = 0; i < p->n; i++) {
            node *k = p->kids[i];
            if (k->gone || !k->name || strcmp(k->name, order[o].name) != 0)
                continue;
            char *s = child_text(k, &order[o]);
            if (*s)
                strv_push(&vals, s);
            else
                free(s);
            if (live(k) == 0)
                k->gone = true;
        }
        strv_flush(&vals, true, out);
    }
    if (next)
        generic(ext, next, false, out);
    free(ext);
}

static int collect_ns(const json_t *ctx, ns_map *ns)
{
    const json_t *items[64];
    size_t n = 0;
    if (json_is_array(ctx)) {
        size_t i;
        const json_t *v;
        json_array_foreach(ctx, i, v) if (n < 64) items[n++] = v;
    } else if (ctx) {
        items[n++] = ctx;
    }
    for (size_t i = 0; i < n; i++) {
        if (!json_is_object(items[i]))
            continue; /* a context URL: its terms are not prefixes of user extensions */
        const char *k;
        const json_t *v;
        json_object_foreach((json_t *)items[i], k, v) {
            if (json_is_string(v) && ns->n < 64) {
                ns->prefix[ns->n] = k;
                ns->uri[ns->n++] = json_string_value(v);
            }
        }
    }
    return 0;
}

int sh_epcis_event_hash(const json_t *event, const json_t *context, char hex[65], char **ret_prehash, sh_err *err)
{
    if (ret_prehash)
        *ret_prehash = NULL;
    if (!json_is_object(event))
        return sh_fail(err, SH_EINVAL, "event", "EPCIS事件应为JSON对象 (an EPCIS event is a JSON object)");
    const json_t *type = json_object_get(event, "type");
    if (!json_is_string(type) || !*json_string_value(type))
        return sh_fail(err, SH_EINVAL, "type", "事件缺少类型type (the event has no type)");
    const json_t *when = json_object_get(event, "eventTime");
    char fixed[32];
    if (!json_is_string(when) || !fix_time(json_string_value(when), fixed))
        return sh_fail(err, SH_EINVAL, "eventTime", "eventTime不是ISO 8601日期时间 (eventTime is not an ISO 8601 date and time)");
    ns_map ns = {0};
    collect_ns(context, &ns);

    node *root = build(event, NULL, NULL, &ns);
    correct(root);
    sh_buf pre = SH_BUF_INIT;
    sh_buf_printf(&pre, "eventType=%s", root->name);
    ordered(root, EVENT, sizeof EVENT / sizeof EVENT[0], &pre);
    /* _gather_elements_not_in_order: what is left, less the fields that never enter the hash */
    node **rest = NULL;
    size_t nrest = 0;
    for (size_t i = 0; i < root->n; i++) {
        node *k = root->kids[i];
        if (k->gone || !k->name || strcmp(k->name, "recordTime") == 0 || strcmp(k->name, "eventID") == 0 ||
            strcmp(k->name, "type") == 0 || strcmp(k->name, "errorDeclaration") == 0)
            continue;
        rest = sh_xrealloc(rest, (nrest + 1) * sizeof *rest);
        rest[nrest++] = k;
    }
    generic(rest, nrest, false, &pre);
    free(rest);
    node_free(root);

    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)sh_buf_str(&pre), pre.len);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    if (ret_prehash)
        *ret_prehash = sh_buf_detach(&pre, NULL);
    else
        sh_buf_release(&pre);
    return 0;
}

void sh_epcis_event_id(const char hex[65], char *out, size_t cap)
{
    snprintf(out, cap, "ni:///sha-256;%.64s?ver=CBV2.0", hex);
}
