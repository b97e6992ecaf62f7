/* Units of test results and limits. Mass fractions (µg/kg, mg/kg, g/kg; also written ug/kg, μg/kg,
 * mg/100g) compare with each other, and so do mass concentrations (µg/L, mg/L, g/L); a count (CFU/g,
 * CFU/mL, MPN/g, MPN/100mL, /25g) only with the same count unit. A mass fraction never converts to a
 * concentration: that needs the sample's density, which a lab reports in the unit the limit asks. */
#ifndef SH_SAMPLING_UNITS_H
#define SH_SAMPLING_UNITS_H

typedef enum { SH_UNIT_MASS = 1, SH_UNIT_VOLUME, SH_UNIT_COUNT } sh_unit_family;

typedef struct sh_unit {
    sh_unit_family family;
    double to_base;     /* × to_base gives µg/kg or µg/L; 1 for counts */
    char canonical[24]; /* "µg/kg", "mg/L", "CFU/g" */
} sh_unit;

/* 0 and *out, or -1 when the unit is none of the above. */
int sh_unit_parse(const char *text, sh_unit *out);

/* value in from, expressed in to; -1 when they do not convert (different families or counts). */
int sh_unit_convert(double value, const sh_unit *from, const sh_unit *to, double *out);

#endif
