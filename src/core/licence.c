/* Licence and record numbers against their kind: SC and JY by their national structure (validate.c),
 * filing, workshop and stall numbers by the per-province patterns of data/licence-patterns.csv, read
 * once per process. A matcher is literal text with {dN}, {dN-M}, {year} and {area} (see the file). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/data.h"
#include "core/validate.h"

typedef struct {
    char province[3]; /* "36", or "*" */
    char *kind, *description, *matcher;
} pattern;

static pattern *patterns;
static size_t n_patterns;
static pthread_once_t patterns_once = PTHREAD_ONCE_INIT;

static int pattern_row(char **f, int n, void *ctx)
{
    (void)ctx;
    if (n < 4 || strlen(f[0]) > 2)
        return 0;
    patterns = sh_xrealloc(patterns, (n_patterns + 1) * sizeof *patterns);
    pattern *p = &patterns[n_patterns++];
    memcpy(p->province, f[0], strlen(f[0]) + 1);
    p->kind = sh_xstrdup(f[1]);
    p->description = sh_xstrdup(f[2]);
    p->matcher = sh_xstrdup(f[3]);
    return 0;
}

static void load_patterns(void)
{
    sh_data_each_row(sh_data_file("data/licence-patterns.csv"), 4, pattern_row, NULL);
}

/* The pattern of `kind` in `province` (2 digits or NULL), else the one of every province, else NULL. */
static const pattern *find_pattern(const char *kind, const char *province)
{
    pthread_once(&patterns_once, load_patterns);
    const pattern *any = NULL;
    for (size_t i = 0; i < n_patterns; i++) {
        if (strcmp(patterns[i].kind, kind) != 0)
            continue;
        if (province && !strcmp(patterns[i].province, province))
            return &patterns[i];
        if (!strcmp(patterns[i].province, "*"))
            any = &patterns[i];
    }
    return any;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Whether s matches m entirely; province (or NULL) is the province an {area} must lie in. */
static int match(const char *m, const char *s, const char *province)
{
    if (!*m)
        return !*s;
    if (*m != '{')
        return *m == *s && match(m + 1, s + 1, province);
    const char *end = strchr(m, '}');
    if (!end)
        return 0;
    const char *rest = end + 1;
    size_t len = strlen(s);
    if (!strncmp(m, "{year}", 6)) {
        int y = len >= 4 && digits(s, 4) ? atoi((char[5]){s[0], s[1], s[2], s[3], 0}) : 0;
        return y >= 1980 && y <= 2099 && match(rest, s + 4, province);
    }
    if (!strncmp(m, "{area}", 6)) {
        if (len < 6 || !digits(s, 6) || !sh_province_valid((s[0] - '0') * 10 + (s[1] - '0')))
            return 0;
        if (province && strncmp(s, province, 2) != 0)
            return 0;
        return match(rest, s + 6, province);
    }
    if (m[1] == 'd') {
        char *p;
        long lo = strtol(m + 2, &p, 10), hi = lo;
        if (*p == '-')
            hi = strtol(p + 1, &p, 10);
        if (p != end || lo < 1 || hi < lo || hi > 20)
            return 0;
        for (long k = hi; k >= lo; k--)
            if ((size_t)k <= len && digits(s, (int)k) && match(rest, s + k, province))
                return 1;
    }
    return 0;
}

static const char *const kind_labels[] = {"sc", "食品生产许可证", "jy", "食品经营许可证", "filing", "仅销售预包装食品备案",
                                          "workshop_reg", "小作坊登记证", "stall_record", "摊贩登记卡", NULL};

static const char *label(const char *kind)
{
    for (int i = 0; kind_labels[i]; i += 2)
        if (!strcmp(kind_labels[i], kind))
            return kind_labels[i + 1];
    return NULL;
}

int sh_check_licence_number(const char *kind, const char *province, const char *no, const char *field, sh_err *err)
{
    if (!kind || !label(kind))
        return sh_fail(err, SH_EINVAL, "licence_kind", "许可证类型无效 (must be sc, jy, filing, workshop_reg or stall_record)");
    if (!no || !*no)
        return sh_fail(err, SH_EINVAL, field, "必填 (required)");
    /* the two letters in front say which kind a number is: SC production, JY trade, YB filing */
    const char *of = !strncmp(no, "SC", 2) ? "sc" : !strncmp(no, "JY", 2) ? "jy" : !strncmp(no, "YB", 2) ? "filing" : NULL;
    if (of && strcmp(of, kind) != 0)
        return sh_fail(err, SH_EINVAL, field, "编号“%s”是%s的编号，与许可证类型“%s”不符 (a %.2s number is a %s number, not a %s)",
                       no, label(of), label(kind), no, of, kind);
    if (!strcmp(kind, "sc"))
        return sh_check_sc_licence(no, field, err);
    if (!strcmp(kind, "jy"))
        return sh_check_jy_licence(no, field, err);
    if (province && (strlen(province) != 2 || !digits(province, 2)))
        province = NULL;
    const pattern *p = find_pattern(kind, province);
    if (!p)
        return sh_check_text(no, 4, 50, field, err);
    if (!match(p->matcher, no, province))
        return sh_fail(err, SH_EINVAL, field, "%s编号应为“%s”的形式 (a %s number%s%s has the form %s)", label(kind), p->description,
                       kind, strcmp(p->province, "*") ? " in province " : "", strcmp(p->province, "*") ? p->province : "",
                       p->matcher);
    return 0;
}
