#include "core/mac.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t sh_mac_parse(const char *s, char out[SH_MAC_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    if (!s)
        return 0;
    /* the separator is told by the third character: pairs with ':' or '-', groups of four with '.',
     * or twelve digits in a row */
    char sep = 0;
    int group = 0;
    if (hexval(s[0]) >= 0 && hexval(s[1]) >= 0) {
        if (s[2] == ':' || s[2] == '-')
            sep = s[2], group = 2;
        else if (hexval(s[2]) >= 0 && hexval(s[3]) >= 0 && s[4] == '.')
            sep = '.', group = 4;
    }
    size_t i = 0;
    char *o = out;
    for (int d = 0; d < 12; d++) {
        if (d > 0 && group && d % group == 0) {
            if (s[i] != sep)
                return 0;
            i++;
        }
        int v = hexval(s[i]);
        if (v < 0)
            return 0;
        i++;
        if (d > 0 && d % 2 == 0)
            *o++ = ':';
        *o++ = digits[v];
    }
    *o = '\0';
    /* twelve digits followed by a thirteenth hex digit are something else (a serial number) */
    if (hexval(s[i]) >= 0)
        return 0;
    return i;
}

int sh_mac_normalize(const char *s, char out[SH_MAC_LEN + 1])
{
    size_t n = sh_mac_parse(s, out);
    return n > 0 && s[n] == '\0';
}

char *sh_device_id_normalize(const char *s, char *out, size_t n)
{
    if (!out || n == 0)
        return out;
    char mac[SH_MAC_LEN + 1];
    size_t m = s ? sh_mac_parse(s, mac) : 0;
    if (m && s[m] == '\0') {
        snprintf(out, n, "%s", mac);
        return out;
    }
    if (m && strchr(":-_/#.", s[m]) && s[m + 1]) {
        const char *ch = s + m + 1;
        size_t len = strspn(ch, "0123456789");
        if (len > 0 && len <= 9 && ch[len] == '\0') {
            while (len > 1 && *ch == '0')
                ch++, len--;
            snprintf(out, n, "%s:%.*s", mac, (int)len, ch);
            return out;
        }
    }
    snprintf(out, n, "%s", s ? s : "");
    return out;
}
