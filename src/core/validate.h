/* Validators for the identifiers of the domain (see shared/DOMAIN.md). Each returns 0 when valid,
 * or SH_EINVAL with *err naming `field` and saying what is wrong. */
#ifndef SH_VALIDATE_H
#define SH_VALIDATE_H

#include <stddef.h>
#include "core/err.h"

/* Unified social credit code, GB 32100-2015, including the check character. */
int sh_check_uscc(const char *code, const char *field, sh_err *err);
/* Computes the check character for the first 17 characters; returns 0 if they are not valid. */
char sh_uscc_check_char(const char *first17);

/* Resident identity number, GB 11643-1999 (18 characters, real birth date, check digit). */
int sh_check_id_number(const char *id, const char *field, sh_err *err);
char sh_id_check_char(const char *first17);

/* Food production licence "SC" + 14 digits: structure, category and area. */
int sh_check_sc_licence(const char *no, const char *field, sh_err *err);
/* Food business (trade) licence "JY" + 14 digits: structure, business type and area. */
int sh_check_jy_licence(const char *no, const char *field, sh_err *err);

/* Division code: 6 (county), 9 (township) or 12 (village) digits, valid province prefix. */
int sh_check_division_code(const char *code, const char *field, sh_err *err);
int sh_province_valid(int two_digits);

/* Mainland mobile (1[3-9] + 9 digits) or landline (area code 0xx[x]-7/8 digits, optional extension). */
int sh_check_phone(const char *phone, const char *field, sh_err *err);

/* Valid UTF-8 with between min and max code points and no control characters. */
int sh_check_text(const char *s, size_t min_chars, size_t max_chars, const char *field, sh_err *err);
/* Number of code points in valid UTF-8, or -1 when not valid UTF-8. */
long sh_utf8_len(const char *s);

#endif
