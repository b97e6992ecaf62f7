#include "domain/sampling/units.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *spelling;
    sh_unit_family family;
    double to_base;
    const char *canonical;
} units[] = {
    {"µg/kg", SH_UNIT_MASS, 1, "µg/kg"}, /* U+00B5 MICRO SIGN */
    {"μg/kg", SH_UNIT_MASS, 1, "µg/kg"}, /* U+03BC GREEK SMALL LETTER MU */
    {"ug/kg", SH_UNIT_MASS, 1, "µg/kg"},
    {"mg/kg", SH_UNIT_MASS, 1e3, "mg/kg"},
    {"g/kg", SH_UNIT_MASS, 1e6, "g/kg"},
    {"mg/100g", SH_UNIT_MASS, 1e4, "mg/100g"},
    {"µg/L", SH_UNIT_VOLUME, 1, "µg/L"},
    {"μg/L", SH_UNIT_VOLUME, 1, "µg/L"},
    {"ug/L", SH_UNIT_VOLUME, 1, "µg/L"},
    {"mg/L", SH_UNIT_VOLUME, 1e3, "mg/L"},
    {"g/L", SH_UNIT_VOLUME, 1e6, "g/L"},
    {"CFU/g", SH_UNIT_COUNT, 1, "CFU/g"},
    {"CFU/mL", SH_UNIT_COUNT, 1, "CFU/mL"},
    {"MPN/g", SH_UNIT_COUNT, 1, "MPN/g"},
    {"MPN/100mL", SH_UNIT_COUNT, 1, "MPN/100mL"},
    {"/25g", SH_UNIT_COUNT, 1, "/25g"},
    {"/25mL", SH_UNIT_COUNT, 1, "/25mL"},
};

int sh_unit_parse(const char *text, sh_unit *out)
{
    if (!text)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        /* case matters only for the prefix letters' meaning (mg vs Mg), and nobody writes Mg/kg */
        if (!strcasecmp(text, units[i].spelling)) {
            out->family = units[i].family;
            out->to_base = units[i].to_base;
            snprintf(out->canonical, sizeof out->canonical, "%s", units[i].canonical);
            return 0;
        }
    return -1;
}

int sh_unit_convert(double value, const sh_unit *from, const sh_unit *to, double *out)
{
    if (from->family != to->family)
        return -1;
    if (from->family == SH_UNIT_COUNT) {
        if (strcmp(from->canonical, to->canonical))
            return -1;
        *out = value;
        return 0;
    }
    *out = value * from->to_base / to->to_base;
    return 0;
}
