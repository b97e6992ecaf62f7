/* The parts of a unified social credit code (GB 32100-2015) that come from reference data: the table of
 * registering authorities and entity types, the GB/T 2260 area list, and the GB 11714 organisation code
 * within it. Both tables are read once per process from the embedded data files. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/data.h"
#include "core/validate.h"

/* ---- registering authorities and entity types (data/uscc-registrars.csv) ---- */

typedef struct {
    char auth, type;
    char *auth_name;
} registrar;

static registrar *registrars;
static size_t n_registrars;
static pthread_once_t registrars_once = PTHREAD_ONCE_INIT;

static int registrar_row(char **f, int n, void *ctx)
{
    (void)ctx;
    if (n < 4 || strlen(f[0]) != 1 || strlen(f[2]) != 1)
        return 0;
    registrars = sh_xrealloc(registrars, (n_registrars + 1) * sizeof *registrars);
    registrars[n_registrars++] = (registrar){f[0][0], f[2][0], sh_xstrdup(f[1])};
    return 0;
}

static void load_registrars(void)
{
    sh_data_each_row(sh_data_file("data/uscc-registrars.csv"), 4, registrar_row, NULL);
}

int sh_uscc_registrar_valid(char auth, char type)
{
    pthread_once(&registrars_once, load_registrars);
    for (size_t i = 0; i < n_registrars; i++)
        if (registrars[i].auth == auth && registrars[i].type == type)
            return 1;
    return 0;
}

/* "1, 2, 3" for the types authority `auth` registers, and its name; 0 when the authority is unknown. */
int sh_uscc_registrar_types(char auth, char *types, size_t size, const char **name)
{
    pthread_once(&registrars_once, load_registrars);
    size_t len = 0;
    int n = 0;
    types[0] = '\0';
    for (size_t i = 0; i < n_registrars; i++) {
        if (registrars[i].auth != auth)
            continue;
        *name = registrars[i].auth_name;
        if (len + 4 < size)
            len += (size_t)snprintf(types + len, size - len, "%s%c", n ? ", " : "", registrars[i].type);
        n++;
    }
    return n;
}

/* ---- GB/T 2260 divisions (data/divisions-cn.csv) ---- */

typedef struct {
    int code;
    char *name;
} division;

static division *divisions;
static size_t n_divisions;
static pthread_once_t divisions_once = PTHREAD_ONCE_INIT;

static int six_digits(const char *s)
{
    int v = 0;
    for (int i = 0; i < 6; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int division_row(char **f, int n, void *ctx)
{
    (void)ctx;
    int code = n >= 2 && strlen(f[0]) == 6 ? six_digits(f[0]) : -1;
    if (code < 0)
        return 0;
    divisions = sh_xrealloc(divisions, (n_divisions + 1) * sizeof *divisions);
    divisions[n_divisions++] = (division){code, sh_xstrdup(f[1])};
    return 0;
}

static int division_cmp(const void *a, const void *b)
{
    int x = ((const division *)a)->code, y = ((const division *)b)->code;
    return (x > y) - (x < y);
}

static void load_divisions(void)
{
    sh_data_each_row(sh_data_file("data/divisions-cn.csv"), 3, division_row, NULL);
    if (n_divisions)
        qsort(divisions, n_divisions, sizeof *divisions, division_cmp);
}

const char *sh_division_cn_name(const char *code6)
{
    int code = code6 ? six_digits(code6) : -1;
    if (code < 0 || code6[6] != '\0')
        return NULL;
    pthread_once(&divisions_once, load_divisions);
    division key = {code, NULL};
    const division *d = n_divisions ? bsearch(&key, divisions, n_divisions, sizeof *divisions, division_cmp) : NULL;
    return d ? d->name : NULL;
}

/* ---- organisation code (GB 11714-1997) and warnings ---- */

char sh_org_code_check_char(const char *first8)
{
    static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        char c = first8[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
        if (v < 0)
            return 0;
        sum += v * w[i];
    }
    int c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

static void warn(sh_warning *out, int max, int *n, const char *field, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void warn(sh_warning *out, int max, int *n, const char *field, const char *fmt, ...)
{
    if (*n >= max)
        return;
    sh_warning *w = &out[(*n)++];
    snprintf(w->field, sizeof w->field, "%s", field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
}

int sh_uscc_warnings(const char *code, const char *field, int (*is_local)(const char *code6, void *ctx), void *ctx,
                     sh_warning *out, int max)
{
    int n = 0;
    if (!code || strlen(code) != 18)
        return 0;
    char want = sh_org_code_check_char(code + 8);
    if (want && want != code[16])
        warn(out, max, &n, field,
             "组织机构代码（第9-17位）的校验码应为%c而不是%c，请核对 (GB 11714 check digit of the organisation code, "
             "position 17, should be %c, not %c)",
             want, code[16], want, code[16]);
    char area[7];
    memcpy(area, code + 2, 6);
    area[6] = '\0';
    if (!sh_division_cn_name(area) && !(is_local && is_local(area, ctx)))
        warn(out, max, &n, field,
             "行政区划码“%s”不在现行GB/T 2260代码表中，可能是已撤销或变更的区划，请核对 (area code %s is not in the "
             "current GB/T 2260 list: perhaps a division since abolished)",
             area, area);
    return n;
}
