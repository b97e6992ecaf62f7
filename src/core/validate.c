#include "core/validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"

static const char USCC_ALPHABET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int USCC_WEIGHTS[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int uscc_value(char c)
{
    const char *p = c ? strchr(USCC_ALPHABET, c) : NULL;
    return p ? (int)(p - USCC_ALPHABET) : -1;
}

char sh_uscc_check_char(const char *first17)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = uscc_value(first17[i]);
        if (v < 0)
            return 0;
        sum += v * USCC_WEIGHTS[i];
    }
    return USCC_ALPHABET[(31 - sum % 31) % 31];
}

int sh_province_valid(int p)
{
    static const int provinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                    43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
        if (provinces[i] == p)
            return 1;
    return 0;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

int sh_check_uscc(const char *code, const char *field, sh_err *err)
{
    if (!code || strlen(code) != 18)
        return sh_fail(err, SH_EINVAL, field, "统一社会信用代码应为18位 (unified social credit code must have 18 characters)");
    for (int i = 0; i < 18; i++)
        if (uscc_value(code[i]) < 0)
            return sh_fail(err, SH_EINVAL, field,
                           "统一社会信用代码第%d位字符“%c”无效 (character %d is not allowed; I O S V Z never appear)",
                           i + 1, code[i], i + 1);
    if (!sh_uscc_registrar_valid(code[0], code[1])) {
        char types[64];
        const char *name = NULL;
        if (!sh_uscc_registrar_types(code[0], types, sizeof types, &name))
            return sh_fail(err, SH_EINVAL, field,
                           "统一社会信用代码登记管理部门代码“%c”无效 (registering authority %c does not exist in GB 32100)",
                           code[0], code[0]);
        return sh_fail(err, SH_EINVAL, field,
                       "统一社会信用代码登记管理部门“%c”（%s）下没有机构类别“%c” (authority %c registers entity types %s only)",
                       code[0], name, code[1], code[0], types);
    }
    /* 3-8: a division code of a real province, or 100000 for a national registering authority */
    if (!all_digits(code + 2, 6) || (!sh_province_valid(two(code + 2)) && memcmp(code + 2, "100000", 6) != 0))
        return sh_fail(err, SH_EINVAL, field,
                       "统一社会信用代码中的行政区划码“%.6s”无效，省级代码“%.2s”不存在 (characters 3-8 must be a division code of a real province)",
                       code + 2, code + 2);
    char want = sh_uscc_check_char(code);
    if (want != code[17])
        return sh_fail(err, SH_EINVAL, field, "统一社会信用代码校验位错误 (check character should be %c, not %c)", want, code[17]);
    return 0;
}

char sh_id_check_char(const char *first17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!isdigit((unsigned char)first17[i]))
            return 0;
        sum += (first17[i] - '0') * w[i];
    }
    return "10X98765432"[sum % 11];
}

int sh_check_id_number(const char *id, const char *field, sh_err *err)
{
    if (!id || strlen(id) != 18 || !all_digits(id, 17) || !(isdigit((unsigned char)id[17]) || id[17] == 'X'))
        return sh_fail(err, SH_EINVAL, field, "身份证号应为17位数字加1位数字或X (identity number must be 17 digits and a digit or X)");
    char date[11] = {id[6], id[7], id[8], id[9], '-', id[10], id[11], '-', id[12], id[13], 0};
    if (!sh_date_valid(date, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, field, "身份证号中的出生日期无效 (birth date %s is not a real date)", date);
    if (sh_id_check_char(id) != id[17])
        return sh_fail(err, SH_EINVAL, field, "身份证号校验位错误 (check digit is wrong)");
    return 0;
}

static int check_area(const char *area, const char *field, const char *what, sh_err *err)
{
    if (!sh_province_valid(two(area)))
        return sh_fail(err, SH_EINVAL, field, "%s中的省级代码“%.2s”无效 (digits of the province are not a province code)", what, area);
    return 0;
}

int sh_check_sc_licence(const char *no, const char *field, sh_err *err)
{
    if (!no || strlen(no) != 16 || no[0] != 'S' || no[1] != 'C' || !all_digits(no + 2, 14))
        return sh_fail(err, SH_EINVAL, field, "食品生产许可证编号应为SC加14位数字 (production licence must be SC and 14 digits)");
    /* 3-digit category (SAMR 食品生产许可分类目录): 101 粮食加工品 (grain products) ... 131 其他食品 (other
     * foods), and 201-203 food additives; 132 and above do not exist */
    int cat = (no[2] - '0') * 100 + two(no + 3);
    if (!((cat >= 101 && cat <= 131) || (cat >= 201 && cat <= 203)))
        return sh_fail(err, SH_EINVAL, field, "食品生产许可证编号中的食品类别“%03d”无效 (category must be 101-131 or 201-203)", cat);
    return check_area(no + 5, field, "食品生产许可证编号", err);
}

int sh_check_jy_licence(const char *no, const char *field, sh_err *err)
{
    if (!no || strlen(no) != 16 || no[0] != 'J' || no[1] != 'Y' || !all_digits(no + 2, 14))
        return sh_fail(err, SH_EINVAL, field, "食品经营许可证编号应为JY加14位数字 (trade licence must be JY and 14 digits)");
    if (no[2] < '1' || no[2] > '3')
        return sh_fail(err, SH_EINVAL, field, "食品经营许可证编号中的主体业态“%c”无效 (business type must be 1 sales, 2 catering or 3 canteen)", no[2]);
    return check_area(no + 3, field, "食品经营许可证编号", err);
}

int sh_check_division_code(const char *code, const char *field, sh_err *err)
{
    size_t n = code ? strlen(code) : 0;
    if ((n != 6 && n != 9 && n != 12) || !all_digits(code, n))
        return sh_fail(err, SH_EINVAL, field, "行政区划代码应为6、9或12位数字 (division code must have 6, 9 or 12 digits)");
    if (!sh_province_valid(two(code)))
        return sh_fail(err, SH_EINVAL, field, "行政区划代码的省级代码“%.2s”无效 (not a province code)", code);
    return 0;
}

int sh_check_phone(const char *p, const char *field, sh_err *err)
{
    size_t n = p ? strlen(p) : 0;
    if (n == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && all_digits(p, 11))
        return 0;
    /* landline: 0 + 2-3 digit area, '-', 7-8 digits, optional '-' extension of 1-6 digits */
    const char *dash = p ? strchr(p, '-') : NULL;
    if (dash && p[0] == '0') {
        size_t area = (size_t)(dash - p);
        const char *num = dash + 1;
        const char *ext = strchr(num, '-');
        size_t numlen = ext ? (size_t)(ext - num) : strlen(num);
        size_t extlen = ext ? strlen(ext + 1) : 0;
        if (area >= 3 && area <= 4 && all_digits(p, area) && numlen >= 7 && numlen <= 8 &&
            all_digits(num, numlen) && (!ext || (extlen >= 1 && extlen <= 6 && all_digits(ext + 1, extlen))))
            return 0;
    }
    return sh_fail(err, SH_EINVAL, field, "电话号码格式无效 (phone must be an 11-digit mobile or a landline like 0797-1234567)");
}

long sh_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;
    while (*p) {
        unsigned c = *p;
        int extra;
        unsigned cp;
        if (c < 0x80) { extra = 0; cp = c; }
        else if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
        else return -1;
        p++;
        for (int i = 0; i < extra; i++, p++) {
            if ((*p & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (*p & 0x3F);
        }
        /* reject overlong forms, surrogates and out-of-range code points */
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        n++;
    }
    return n;
}

int sh_check_text(const char *s, size_t min_chars, size_t max_chars, const char *field, sh_err *err)
{
    if (!s)
        s = "";
    long n = sh_utf8_len(s);
    if (n < 0)
        return sh_fail(err, SH_EINVAL, field, "不是有效的UTF-8文本 (not valid UTF-8)");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return sh_fail(err, SH_EINVAL, field, "含有控制字符 (contains control characters)");
    if (n == 0 && min_chars > 0)
        return sh_fail(err, SH_EINVAL, field, "必填 (required)");
    if ((size_t)n < min_chars)
        return sh_fail(err, SH_EINVAL, field, "至少%zu个字符 (at least %zu characters)", min_chars, min_chars);
    if ((size_t)n > max_chars)
        return sh_fail(err, SH_EINVAL, field, "最多%zu个字符 (at most %zu characters)", max_chars, max_chars);
    return 0;
}

/* ---- personal data in public text ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads up to max digits of the number starting at s (single spaces or dashes may stand between
 * digits: "138 1234 5678", "0797-8123456"); fills digits and, for each, whether a digit follows it
 * directly or across a separator (ends[i] = 1: the number may end after digit i). Returns the count. */
static int read_number(const char *s, char *digits, char *ends, int max)
{
    int n = 0;
    while (n < max && is_digit(*s)) {
        digits[n] = *s++;
        int more = is_digit(*s) || ((*s == ' ' || *s == '-') && is_digit(s[1]));
        /* a decimal point followed by a digit continues the number (a price such as 13.50) */
        ends[n++] = !more && !(*s == '.' && is_digit(s[1]));
        if (!is_digit(*s) && (*s == ' ' || *s == '-') && is_digit(s[1]))
            s++;
    }
    return n;
}

/* What kind of phone number starts at s (a digit not preceded by a digit or '.'), or NULL. */
static const char *phone_at(const char *s)
{
    char d[16], ends[16];
    int n = read_number(s, d, ends, 14);
    for (int at = 0; at <= 2; at += 2) /* also after the country code 86 */
        if (n >= at + 11 && (at == 0 || (d[0] == '8' && d[1] == '6')) && d[at] == '1' && d[at + 1] >= '3' && d[at + 1] <= '9' &&
            ends[at + 10])
            return "手机号";
    /* a landline with its area code: 0 + 2 or 3 digits, then 7 or 8 digits */
    if (d[0] == '0' && n >= 10 && d[1] != '0')
        for (int k = 10; k <= 12 && k <= n; k++)
            if (ends[k - 1])
                return "电话号码";
    return NULL;
}

/* An 18-character resident id (17 digits and a digit or X) starting at s, standing alone. */
static int id_number_at(const char *s)
{
    if (!all_digits(s, 17))
        return 0;
    char c = s[17];
    return (is_digit(c) || c == 'X' || c == 'x') && !is_digit(s[18]) && s[18] != 'X' && s[18] != 'x';
}

static int email_local(char c) { return isalnum((unsigned char)c) || strchr("._%+-", c); }
static int email_domain(char c) { return isalnum((unsigned char)c) || c == '-'; }

/* An e-mail address around the '@' at s[at]: local part, a domain with a dot and a letter TLD. */
static int email_at(const char *s, size_t at)
{
    if (at == 0 || !email_local(s[at - 1]))
        return 0;
    const char *p = s + at + 1;
    int labels = 0, tld_alpha = 0;
    for (;;) {
        size_t n = 0;
        tld_alpha = 1;
        while (email_domain(p[n])) {
            tld_alpha &= isalpha((unsigned char)p[n]) != 0;
            n++;
        }
        if (n == 0)
            break;
        labels++;
        p += n;
        if (*p != '.' || !email_domain(p[1]))
            break;
        p++;
    }
    return labels >= 2 && tld_alpha;
}

/* s with the full-width forms a Chinese keyboard types (０-９, ＠, －, ．, the ideographic space) in
 * ASCII; the caller frees it. */
static char *ascii_forms(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] == 0xEF && p[1] == 0xBC && ((p[2] >= 0x90 && p[2] <= 0x99) || p[2] == 0xA0 || p[2] == 0x8D || p[2] == 0x8E)) {
            *o++ = p[2] == 0xA0 ? '@' : p[2] == 0x8D ? '-' : p[2] == 0x8E ? '.' : (char)('0' + (p[2] - 0x90));
            p += 3;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            *o++ = ' ';
            p += 3;
        } else
            *o++ = (char)*p++;
    }
    *o = '\0';
    return out;
}

int sh_check_no_personal_data(const char *text, const char *field, sh_err *err)
{
    if (!text)
        return 0;
    char *s = ascii_forms(text);
    if (!s)
        return sh_fail(err, SH_EINTERNAL, field, "out of memory");
    const char *found = NULL;
    for (size_t i = 0; s[i] && !found; i++) {
        int starts = is_digit(s[i]) && (i == 0 || (!is_digit(s[i - 1]) && s[i - 1] != '.' && s[i - 1] != 'X' && s[i - 1] != 'x'));
        if (starts && id_number_at(s + i))
            found = "身份证号";
        else if (starts)
            found = phone_at(s + i);
        else if (s[i] == '@' && email_at(s, i))
            found = "电子邮箱";
    }
    free(s);
    if (!found)
        return 0;
    return sh_fail(err, SH_EINVAL, field,
                   "请勿填写手机号、身份证号等个人信息（发现疑似%s） (%s must not contain personal data: a phone number, id number or e-mail address)",
                   found, field);
}
