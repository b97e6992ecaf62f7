/* GS1 identifiers in their canonical GS1 Digital Link form, for the CBV 2.0 event hash.
 * Follows normaliser() of epcis_event_hash_generator/dl_normaliser.py in
 * github:RalphTro/epcis-event-hash-generator (MIT) at commit 5d2f1c389a1599af40fe1b530b62e0ca59ab818f:
 * the same patterns (rewritten as POSIX extended regular expressions) and the same steps, so that
 * hashes agree with the reference tool; a value that matches none of them is kept as it is. */
#include <pthread.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/trace/event_hash_int.h"

/* one character of an EPC URI serial (percent escapes included) */
#define SER "(%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])"
#define CPS "(%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])"
/* the characters GS1 DL allows in an alphanumeric key or qualifier (the reference's \x22\x27... class) */
#define DLC "[\"'.0-9;<=>?A-Z_a-z-]"
#define DLCS "[/\"'.0-9;<=>?A-Z_a-z-]"
/* company prefix of 6 to 12 digits plus a reference making up n digits */
#define P13 "([0-9]{6}\\.[0-9]{7}|[0-9]{7}\\.[0-9]{6}|[0-9]{8}\\.[0-9]{5}|[0-9]{9}\\.[0-9]{4}|[0-9]{10}\\.[0-9]{3}|[0-9]{11}\\.[0-9]{2}|[0-9]{12}\\.[0-9]{1})"
#define P12 "([0-9]{6}\\.[0-9]{6}|[0-9]{7}\\.[0-9]{5}|[0-9]{8}\\.[0-9]{4}|[0-9]{9}\\.[0-9]{3}|[0-9]{10}\\.[0-9]{2}|[0-9]{11}\\.[0-9]{1}|[0-9]{12}\\.)"
#define P12D "([0-9]{6}\\.[0-9]{6}|[0-9]{7}\\.[0-9]{5}|[0-9]{8}\\.[0-9]{4}|[0-9]{9}\\.[0-9]{3}|[0-9]{10}\\.[0-9]{2}|[0-9]{11}\\.[0-9]{1}|[0-9]{12}\\.\\.)"
#define P17 "([0-9]{6}\\.[0-9]{11}|[0-9]{7}\\.[0-9]{10}|[0-9]{8}\\.[0-9]{9}|[0-9]{9}\\.[0-9]{8}|[0-9]{10}\\.[0-9]{7}|[0-9]{11}\\.[0-9]{6}|[0-9]{12}\\.[0-9]{5})"
#define P16 "([0-9]{6}\\.[0-9]{10}|[0-9]{7}\\.[0-9]{9}|[0-9]{8}\\.[0-9]{8}|[0-9]{9}\\.[0-9]{7}|[0-9]{10}\\.[0-9]{6}|[0-9]{11}\\.[0-9]{5}|[0-9]{12}\\.[0-9]{4})"
#define AI_ALL "(01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai)"

enum {
    R_SGTIN, R_SSCC, R_SGLN, R_GRAI, R_GIAI, R_GSRN, R_GSRNP, R_GDTI, R_CPI, R_SGCN, R_GINC, R_GSIN, R_ITIP, R_UPUI, R_PGLN,
    R_LGTIN, R_PSGTIN, R_PGRAI, R_PGDTI, R_PSGCN, R_PCPI, R_PITIP, R_PUPUI, R_DL, R_CANON, R_G14, R_G13, R_G12, R_G8,
    R_CPV1, R_CPV2, R_CPV3, R_CPV4, R_LOTSER1, R_LOTSER2,
    R_V00, R_V01S, R_V01L, R_V01, R_V235, R_V253, R_V255, R_V401, R_V402, R_V414, R_V414E, R_V417, R_V8003, R_V8004,
    R_V8006S, R_V8006L, R_V8006, R_V8010S, R_V8010, R_V8017, R_V8018, R_COUNT
};

static const char *const patterns[R_COUNT] = {
    [R_SGTIN] = "^urn:epc:id:sgtin:" P13 "\\." SER "{1,20}$",
    [R_SSCC] = "^urn:epc:id:sscc:" P17 "$",
    [R_SGLN] = "^urn:epc:id:sgln:" P12 "\\." SER "{1,20}$",
    [R_GRAI] = "^urn:epc:id:grai:" P12D "\\." SER "{1,16}$",
    [R_GIAI] = "^urn:epc:id:giai:([0-9]{6}\\." SER "{1,24}|[0-9]{7}\\." SER "{1,23}|[0-9]{8}\\." SER "{1,22}|[0-9]{9}\\." SER
               "{1,21}|[0-9]{10}\\." SER "{1,20}|[0-9]{11}\\." SER "{1,19}|[0-9]{12}\\." SER "{1,18})$",
    [R_GSRN] = "^urn:epc:id:gsrn:" P17 "$",
    [R_GSRNP] = "^urn:epc:id:gsrnp:" P17 "$",
    [R_GDTI] = "^urn:epc:id:gdti:" P12D SER "{1,20}$",
    [R_CPI] = "^urn:epc:id:cpi:([0-9]{6}\\." CPS "{1,24}|[0-9]{7}\\." CPS "{1,23}|[0-9]{8}\\." CPS "{1,22}|[0-9]{9}\\." CPS
              "{1,21}|[0-9]{10}\\." CPS "{1,20}|[0-9]{11}\\." CPS "{1,19}|[0-9]{12}\\." CPS "{1,18})\\.[0-9]{1,12}$",
    [R_SGCN] = "^urn:epc:id:sgcn:" P12 "\\.[0-9]{1,12}$",
    [R_GINC] = "^urn:epc:id:ginc:([0-9]{6}\\." SER "{1,24}|[0-9]{7}\\." SER "{1,23}|[0-9]{8}\\." SER "{1,22}|[0-9]{9}\\." SER
               "{1,21}|[0-9]{10}\\." SER "{1,20}|[0-9]{11}\\." SER "{1,19}|[0-9]{12}\\." SER "{1,18})$",
    [R_GSIN] = "^urn:epc:id:gsin:" P16 "$",
    [R_ITIP] = "^urn:epc:id:itip:" P13 "\\.[0-9]{2}\\.[0-9]{2}\\." SER "{1,20}$",
    [R_UPUI] = "^urn:epc:id:upui:" P13 "\\." SER "{1,28}$",
    [R_PGLN] = "^urn:epc:id:pgln:" P12 "$",
    [R_LGTIN] = "^urn:epc:class:lgtin:" P13 "\\." SER "{1,20}$",
    [R_PSGTIN] = "^urn:epc:idpat:sgtin:" P13 "\\.\\*$",
    [R_PGRAI] = "^urn:epc:idpat:grai:" P12D "\\.\\*$",
    [R_PGDTI] = "^urn:epc:idpat:gdti:" P12D "\\.\\*$",
    [R_PSGCN] = "^urn:epc:idpat:sgcn:" P12D "\\.\\*$",
    [R_PCPI] = "^urn:epc:idpat:cpi:([0-9]{6}\\." CPS "{1,24}|[0-9]{7}\\." CPS "{1,23}|[0-9]{8}\\." CPS "{1,22}|[0-9]{9}\\." CPS
               "{1,21}|[0-9]{10}\\." CPS "{1,20}|[0-9]{11}\\." CPS "{1,19}|[0-9]{12}\\." CPS "{1,18})\\.\\*$",
    [R_PITIP] = "^urn:epc:idpat:itip:" P13 "\\.[0-9]{2}\\.[0-9]{2}\\.\\*$",
    [R_PUPUI] = "^urn:epc:idpat:upui:" P13 "\\.\\*$",
    [R_DL] = "^https?:(//((([^/?#]*)@)?([^/?#:]*)(:([^/?#]*))?))?((([^?#]*)(/" AI_ALL "/)([0-9]{4}[^/]+)(/[^/]+/[^/]+)?/?"
             "(\\?([^?\n]*))?(#([^\n]*))?)|(/[A-Za-z_-]{10}$))",
    [R_CANON] = "^(https://id.gs1.org/(01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)/([0-9]{4}[^/]+)(/[^/]+/[^/]+)?/?"
                "(\\?([^?\n]*))?(#([^\n]*))?|/[A-Za-z_-]{10}$)",
    [R_G14] = "^https://id.gs1.org/01/[0-9]{14}",
    [R_G13] = "^https://id.gs1.org/01/[0-9]{13}",
    [R_G12] = "^https://id.gs1.org/01/[0-9]{12}",
    [R_G8] = "^https://id.gs1.org/01/[0-9]{8}",
    [R_CPV1] = "^https://id.gs1.org/8006/[0-9]{18}/22/" DLC "{0,20}$",
    [R_CPV2] = "^https://id.gs1.org/01/[0-9]{14}/22/" DLC "{0,20}$",
    [R_CPV3] = "^https://id.gs1.org/8006/[0-9]{18}/22/" DLCS "{0,20}$",
    [R_CPV4] = "^https://id.gs1.org/01/[0-9]{14}/22/" DLCS "{0,20}$",
    [R_LOTSER1] = "^https://id.gs1.org/8006/[0-9]{18}/10/" DLC "{0,20}/21/" DLC "{0,20}$",
    [R_LOTSER2] = "^https://id.gs1.org/01/[0-9]{14}/10/" DLC "{0,20}/21/" DLC "{0,20}$",
    [R_V00] = "^https://id.gs1.org/00/[0-9]{18}$",
    [R_V01S] = "^https://id.gs1.org/01/[0-9]{14}/21/" DLC "{0,20}$",
    [R_V01L] = "^https://id.gs1.org/01/[0-9]{14}/10/" DLC "{0,20}$",
    [R_V01] = "^https://id.gs1.org/01/[0-9]{14}$",
    [R_V235] = "^https://id.gs1.org/01/[0-9]{14}/235/" DLC "{0,28}$",
    [R_V253] = "^https://id.gs1.org/253/[0-9]{13}" DLC "{0,17}$",
    [R_V255] = "^https://id.gs1.org/255/[0-9]{13}[0-9]{0,12}$",
    [R_V401] = "^https://id.gs1.org/401/" DLC "{0,30}$",
    [R_V402] = "^https://id.gs1.org/402/[0-9]{17}$",
    [R_V414] = "^https://id.gs1.org/414/[0-9]{13}$",
    [R_V414E] = "^https://id.gs1.org/414/[0-9]{13}/254/" DLC "{0,20}$",
    [R_V417] = "^https://id.gs1.org/417/[0-9]{13}$",
    [R_V8003] = "^https://id.gs1.org/8003/[0-9]{14}" DLC "{0,16}$",
    [R_V8004] = "^https://id.gs1.org/8004/" DLC "{0,30}$",
    [R_V8006S] = "^https://id.gs1.org/8006/[0-9]{18}/21/" DLC "{0,20}$",
    [R_V8006L] = "^https://id.gs1.org/8006/[0-9]{18}/10/" DLC "{0,20}$",
    [R_V8006] = "^https://id.gs1.org/8006/[0-9]{18}$",
    [R_V8010S] = "^https://id.gs1.org/8010/[#/0-9A-Z-]{0,30}/8011/[0-9]{0,12}$",
    [R_V8010] = "^https://id.gs1.org/8010/[#/0-9A-Z-]{0,30}$",
    [R_V8017] = "^https://id.gs1.org/8017/[0-9]{18}$",
    [R_V8018] = "^https://id.gs1.org/8018/[0-9]{18}$",
};

static regex_t compiled[R_COUNT];
static bool compiled_ok;
static pthread_once_t compile_once = PTHREAD_ONCE_INIT;

/* compiled once per process: the patterns are constant */
static void compile_all(void)
{
    for (int i = 0; i < R_COUNT; i++)
        if (regcomp(&compiled[i], patterns[i], REG_EXTENDED | REG_NOSUB) != 0)
            return;
    compiled_ok = true;
}

static bool re(int which, const char *s)
{
    return regexec(&compiled[which], s, 0, NULL, 0) == 0;
}

/* Python's s[a:b] for 0 <= a, b (clamped) */
static void slice(sh_buf *out, const char *s, size_t a, size_t b)
{
    size_t n = strlen(s);
    if (b > n)
        b = n;
    if (a < b)
        sh_buf_add(out, s + a, b - a);
}

/* GS1 General Specifications §7.9.1: weights 3,1,3,... from the right */
static int check_digit(const char *digits, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        int d = digits[n - 1 - i] - '0';
        sum += (i % 2 == 0) ? 3 * d : d;
    }
    return (10 - sum % 10) % 10;
}

/* GS1 Digital Link Table 7-1: the characters the reference percent-encodes */
static void add_pct(sh_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        if (strchr("!()*+,:", s[i]))
            sh_buf_printf(out, "%%%02X", (unsigned char)s[i]);
        else
            sh_buf_addc(out, s[i]);
    }
}

/* key (company prefix + reference, with the extra leading digit) and its check digit */
static void add_key(sh_buf *out, const sh_buf *raw)
{
    sh_buf_adds(out, sh_buf_str(raw));
    sh_buf_printf(out, "%d", check_digit(raw->data ? raw->data : "", raw->len));
}

/* GTIN from "prefix.itemref" where itemref's first digit is the indicator */
static void gtin_raw(sh_buf *raw, const char *uri, size_t start, size_t dot)
{
    size_t cp = dot - start;
    sh_buf_add(raw, uri + dot + 1, 1);
    sh_buf_add(raw, uri + start, cp);
    slice(raw, uri, dot + 2, dot + 1 + (13 - cp));
}

static char *replace_all(const char *s, const char *from, const char *to)
{
    sh_buf b = SH_BUF_INIT;
    size_t fl = strlen(from);
    const char *p;
    while ((p = strstr(s, from)) != NULL) {
        sh_buf_add(&b, s, (size_t)(p - s));
        sh_buf_adds(&b, to);
        s = p + fl;
    }
    sh_buf_adds(&b, s);
    return sh_buf_detach(&b, NULL);
}

static long find(const char *s, const char *needle)
{
    const char *p = strstr(s, needle);
    return p ? (long)(p - s) : -1;
}

/* The EPC URI forms (dl_normaliser.py, "EPC URIs", "EPC Class URIs", "EPC ID Pattern URIs"). */
static bool from_epc(const char *uri, size_t dot, sh_buf *out)
{
    sh_buf raw = SH_BUF_INIT;
    bool done = true;
    size_t n = strlen(uri);
    if (re(R_SGTIN, uri)) {
        gtin_raw(&raw, uri, 17, dot);
        sh_buf_adds(out, "https://id.gs1.org/01/");
        add_key(out, &raw);
        sh_buf_adds(out, "/21/");
        add_pct(out, uri + 32, n - 32);
    } else if (re(R_SSCC, uri)) {
        sh_buf_add(&raw, uri + dot + 1, 1);
        sh_buf_add(&raw, uri + 16, dot - 16);
        slice(&raw, uri, dot + 2, n);
        sh_buf_adds(out, "https://id.gs1.org/00/");
        add_key(out, &raw);
    } else if (re(R_SGLN, uri)) {
        sh_buf_add(&raw, uri + 16, dot - 16);
        slice(&raw, uri, dot + 1, dot + 1 + (12 - (dot - 16)));
        sh_buf_adds(out, "https://id.gs1.org/414/");
        add_key(out, &raw);
        if (strcmp(uri + 30, "0") != 0) {
            sh_buf_adds(out, "/254/");
            add_pct(out, uri + 30, n - 30);
        }
    } else if (re(R_GRAI, uri)) {
        sh_buf_addc(&raw, '0');
        sh_buf_add(&raw, uri + 16, dot - 16);
        slice(&raw, uri, dot + 1, dot + 1 + (12 - (dot - 16)));
        sh_buf_adds(out, "https://id.gs1.org/8003/");
        add_key(out, &raw);
        add_pct(out, uri + 30, n - 30);
    } else if (re(R_GIAI, uri) || re(R_GINC, uri)) {
        sh_buf_adds(out, re(R_GIAI, uri) ? "https://id.gs1.org/8004/" : "https://id.gs1.org/401/");
        sh_buf_add(out, uri + 16, dot - 16);
        add_pct(out, uri + dot + 1, n - dot - 1);
    } else if (re(R_GSRN, uri) || re(R_GSIN, uri)) {
        sh_buf_add(&raw, uri + 16, dot - 16);
        sh_buf_adds(&raw, uri + dot + 1);
        sh_buf_adds(out, re(R_GSRN, uri) ? "https://id.gs1.org/8018/" : "https://id.gs1.org/402/");
        add_key(out, &raw);
    } else if (re(R_GSRNP, uri)) {
        sh_buf_add(&raw, uri + 17, dot - 17);
        sh_buf_adds(&raw, uri + dot + 1);
        sh_buf_adds(out, "https://id.gs1.org/8017/");
        add_key(out, &raw);
    } else if (re(R_GDTI, uri) || re(R_SGCN, uri)) {
        bool gdti = re(R_GDTI, uri);
        sh_buf_add(&raw, uri + 16, dot - 16);
        slice(&raw, uri, dot + 1, dot + 1 + (12 - (dot - 16)));
        sh_buf_adds(out, gdti ? "https://id.gs1.org/253/" : "https://id.gs1.org/255/");
        add_key(out, &raw);
        if (gdti)
            add_pct(out, uri + 30, n - 30);
        else
            sh_buf_adds(out, uri + 30);
    } else if (re(R_CPI, uri)) {
        size_t sep = (size_t)(strrchr(uri, '.') - uri);
        sh_buf_add(&raw, uri + 15, dot - 15);
        slice(&raw, uri, dot + 1, sep);
        sh_buf_adds(out, "https://id.gs1.org/8010/");
        add_pct(out, raw.data, raw.len);
        sh_buf_adds(out, "/8011/");
        sh_buf_adds(out, uri + sep + 1);
    } else if (re(R_ITIP, uri)) {
        gtin_raw(&raw, uri, 16, dot);
        sh_buf_adds(out, "https://id.gs1.org/8006/");
        add_key(out, &raw);
        slice(out, uri, 31, 33);
        slice(out, uri, 34, 36);
        sh_buf_adds(out, "/21/");
        if (n > 37)
            add_pct(out, uri + 37, n - 37);
    } else if (re(R_UPUI, uri)) {
        gtin_raw(&raw, uri, 16, dot);
        sh_buf_adds(out, "https://id.gs1.org/01/");
        add_key(out, &raw);
        sh_buf_adds(out, "/235/");
        add_pct(out, uri + 31, n - 31);
    } else if (re(R_PGLN, uri)) {
        sh_buf_add(&raw, uri + 16, dot - 16);
        slice(&raw, uri, dot + 1, dot + 1 + (12 - (dot - 16)));
        sh_buf_adds(out, "https://id.gs1.org/417/");
        add_key(out, &raw);
    } else if (re(R_LGTIN, uri)) {
        gtin_raw(&raw, uri, 20, dot);
        sh_buf_adds(out, "https://id.gs1.org/01/");
        add_key(out, &raw);
        sh_buf_adds(out, "/10/");
        add_pct(out, uri + 35, n - 35);
    } else if (re(R_PSGTIN, uri) || re(R_PUPUI, uri)) {
        gtin_raw(&raw, uri, re(R_PSGTIN, uri) ? 20 : 19, dot);
        sh_buf_adds(out, "https://id.gs1.org/01/");
        add_key(out, &raw);
    } else if (re(R_PGRAI, uri)) {
        sh_buf_addc(&raw, '0');
        sh_buf_add(&raw, uri + 19, dot - 19);
        slice(&raw, uri, dot + 1, dot + 1 + (12 - (dot - 19)));
        sh_buf_adds(out, "https://id.gs1.org/8003/");
        add_key(out, &raw);
    } else if (re(R_PGDTI, uri) || re(R_PSGCN, uri)) {
        sh_buf_add(&raw, uri + 19, dot - 19);
        slice(&raw, uri, dot + 1, dot + 1 + (12 - (dot - 19)));
        sh_buf_adds(out, re(R_PGDTI, uri) ? "https://id.gs1.org/253/" : "https://id.gs1.org/255/");
        add_key(out, &raw);
    } else if (re(R_PCPI, uri)) {
        size_t sep = (size_t)(strrchr(uri, '.') - uri);
        sh_buf_add(&raw, uri + 18, dot - 18);
        slice(&raw, uri, dot + 1, sep);
        sh_buf_adds(out, "https://id.gs1.org/8010/");
        add_pct(out, raw.data, raw.len);
    } else if (re(R_PITIP, uri)) {
        gtin_raw(&raw, uri, 19, dot);
        sh_buf_adds(out, "https://id.gs1.org/8006/");
        add_key(out, &raw);
        slice(out, uri, 34, 36);
        slice(out, uri, 37, 39);
    } else {
        done = false;
    }
    sh_buf_release(&raw);
    return done;
}

/* GS1 Digital Link URIs on any host: canonical host, numeric AIs, 14-digit GTIN, no CPV, no lot
 * when there is a serial, no query (the second half of normaliser()). */
static char *from_dl(const char *in)
{
    static const char *const shorts[][2] = {
        {"/gtin/", "/01/"}, {"/itip/", "/8006/"}, {"/cpid/", "/8010/"}, {"/gln/", "/414/"},   {"/party/", "/417/"},
        {"/gsrnp/", "/8017/"}, {"/gsrn/", "/8018/"}, {"/gcn/", "/255/"}, {"/sscc/", "/00/"}, {"/gdti/", "/253/"},
        {"/ginc/", "/401/"}, {"/gsin/", "/402/"}, {"/grai/", "/8003/"}, {"/giai/", "/8004/"}, {"/cpv/", "/22/"},
        {"/lot/", "/10/"},   {"/ser/", "/21/"}};
    static const char *const keys[] = {"/00/", "/01/", "/253/", "/255/", "/401/", "/402/", "/414/",
                                       "/417/", "/8003/", "/8004/", "/8006/", "/8010/", "/8017/", "/8018/"};
    if (!re(R_DL, in))
        return NULL;
    char *uri = sh_xstrndup(in, strcspn(in, "?"));
    for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++) {
        char *r = replace_all(uri, shorts[i][0], shorts[i][1]);
        free(uri);
        uri = r;
    }
    if (!re(R_CANON, uri)) {
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            long at = find(uri, keys[i]);
            if (at >= 0) {
                sh_buf b = SH_BUF_INIT;
                sh_buf_adds(&b, "https://id.gs1.org");
                sh_buf_adds(&b, uri + at);
                free(uri);
                uri = sh_buf_detach(&b, NULL);
                break;
            }
        }
    }
    if (!re(R_G14, uri)) {
        const char *pad = re(R_G13, uri) ? "/01/0" : re(R_G12, uri) ? "/01/00" : re(R_G8, uri) ? "/01/000000" : NULL;
        if (pad) {
            char *r = replace_all(uri, "/01/", pad);
            free(uri);
            uri = r;
        }
    }
    /* the reference's CPV removal, kept step for step (x is what follows "/22/") */
    long at22 = find(uri, "/22/");
    const char *x = uri + (at22 + 4 > (long)strlen(uri) ? (long)strlen(uri) : at22 + 4);
    if (re(R_CPV1, uri) || re(R_CPV2, uri)) {
        sh_buf b = SH_BUF_INIT;
        sh_buf_add(&b, uri, (size_t)at22);
        const char *slash = strchr(x, '/');
        /* x[x.find('/'):-1]: from the slash (or the last character when none) to before the last */
        size_t xl = strlen(x), from = slash ? (size_t)(slash - x) : (xl ? xl - 1 : 0);
        if (xl > 0 && from < xl - 1)
            sh_buf_add(&b, x + from, xl - 1 - from);
        char *r = sh_buf_detach(&b, NULL);
        free(uri);
        uri = r;
        at22 = find(uri, "/22/");
        x = uri + (at22 + 4 > (long)strlen(uri) ? (long)strlen(uri) : at22 + 4);
    }
    if (re(R_CPV3, uri) || re(R_CPV4, uri)) {
        sh_buf b = SH_BUF_INIT;
        sh_buf_add(&b, uri, (size_t)at22);
        const char *slash = strchr(x, '/');
        sh_buf_adds(&b, slash ? slash : x + (strlen(x) ? strlen(x) - 1 : 0));
        char *r = sh_buf_detach(&b, NULL);
        free(uri);
        uri = r;
    }
    if (re(R_LOTSER1, uri) || re(R_LOTSER2, uri)) {
        long at10 = find(uri, "/10/");
        const char *y = uri + at10 + 4;
        sh_buf b = SH_BUF_INIT;
        sh_buf_add(&b, uri, (size_t)at10);
        sh_buf_adds(&b, strchr(y, '/'));
        char *r = sh_buf_detach(&b, NULL);
        free(uri);
        uri = r;
    }
    for (int i = R_V00; i <= R_V8018; i++)
        if (re(i, uri))
            return uri;
    free(uri);
    return NULL;
}

char *sh_epcis_dl_normalise(const char *uri)
{
    pthread_once(&compile_once, compile_all);
    if (!compiled_ok)
        return NULL;
    const char *dotp = strchr(uri, '.');
    if (!dotp)
        return NULL; /* the reference: no '.', not a GS1 identifier */
    sh_buf out = SH_BUF_INIT;
    if (from_epc(uri, (size_t)(dotp - uri), &out))
        return sh_buf_detach(&out, NULL);
    sh_buf_release(&out);
    return from_dl(uri);
}
