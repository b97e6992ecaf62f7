/* Validators for the identifiers of the domain (see shared/DOMAIN.md). Each returns 0 when valid,
 * or SH_EINVAL with *err naming `field` and saying what is wrong. */
#ifndef SH_VALIDATE_H
#define SH_VALIDATE_H

#include <stddef.h>
#include "core/err.h"

/* Unified social credit code, GB 32100-2015 (uscc.c): 18 characters of its alphabet, a registering
 * authority and entity type of the standard's table (data/uscc-registrars.csv), an area code of a real
 * province (or 100000, national), the check character. What is only doubtful is a warning, not a
 * refusal: see sh_uscc_warnings. */
int sh_check_uscc(const char *code, const char *field, sh_err *err);
/* Whether GB 32100 lets authority `auth` (position 1) register entity type `type` (position 2). */
int sh_uscc_registrar_valid(char auth, char type);
/* The types authority `auth` registers as "1, 2, 3" and its name; returns their number (0: unknown). */
int sh_uscc_registrar_types(char auth, char *types, size_t size, const char **name);
/* GB 11714-1997 check character of the 8-character body of an organisation code (digits, capital
 * letters valued A=10 ... Z=35; weights 3 7 9 10 5 8 4 2; 11 - sum mod 11, 10 -> X, 11 -> 0); 0 when
 * the body holds another character. */
char sh_org_code_check_char(const char *first8);

typedef struct sh_warning {
    char field[32];
    char message[256];
} sh_warning;
/* Doubts about a credit code that sh_check_uscc accepts, written to out (at most max); returns their
 * number: the organisation code's check digit (positions 9-17) does not match, or the area code
 * (positions 3-8) is neither in the current GB/T 2260 list nor a division the platform itself holds
 * (is_local, may be NULL). An area code not in the list is not refused: codes of abolished or renamed
 * counties stay in credit codes issued before, and refusing them would lock real businesses out. */
int sh_uscc_warnings(const char *code, const char *field, int (*is_local)(const char *code6, void *ctx), void *ctx,
                     sh_warning *out, int max);
/* Name of a 6-digit code in the shipped GB/T 2260 list (data/divisions-cn.csv: provinces, prefectures,
 * counties, current), or NULL. */
const char *sh_division_cn_name(const char *code6);
/* Computes the check character for the first 17 characters; returns 0 if they are not valid. */
char sh_uscc_check_char(const char *first17);

/* Resident identity number, GB 11643-1999 (18 characters, real birth date, check digit). */
int sh_check_id_number(const char *id, const char *field, sh_err *err);
char sh_id_check_char(const char *first17);

/* Food production licence "SC" + 14 digits: structure, category and area. */
int sh_check_sc_licence(const char *no, const char *field, sh_err *err);
/* Food business (trade) licence "JY" + 14 digits: structure, business type and area. */
int sh_check_jy_licence(const char *no, const char *field, sh_err *err);

/* A licence or record number against its kind (licence.c): sc and jy as above; filing, workshop_reg and
 * stall_record by the pattern of the business's province (`province`: its 2 digits, or NULL) or of
 * every province in data/licence-patterns.csv, as text when there is none. A number of another kind
 * (an SC, JY or YB number) is refused. The error names `field` and the expected form. */
int sh_check_licence_number(const char *kind, const char *province, const char *no, const char *field, sh_err *err);

/* Division code: 6 (county), 9 (township) or 12 (village) digits, valid province prefix. */
int sh_check_division_code(const char *code, const char *field, sh_err *err);
int sh_province_valid(int two_digits);

/* Mainland mobile (1[3-9] + 9 digits) or landline (area code 0xx[x]-7/8 digits, optional extension). */
int sh_check_phone(const char *phone, const char *field, sh_err *err);

/* Valid UTF-8 with between min and max code points and no control characters. */
int sh_check_text(const char *s, size_t min_chars, size_t max_chars, const char *field, sh_err *err);
/* Public text (what residents write: proposals, complaints, ratings) carries no personal data: refuses,
 * naming field, a mobile number (1[3-9] and 9 digits, also split by spaces or dashes), a landline
 * with its area code (0 + 2-3 digits, then 7-8), an 18-character resident id (17 digits and a digit
 * or X) or an e-mail address, also in full-width digits (１３８…) or after +86. A number standing in a longer run of digits, or with a decimal point
 * (a price such as 13.50元), or a date such as 2026-12-06 passes. NULL passes. */
int sh_check_no_personal_data(const char *s, const char *field, sh_err *err);
/* Number of code points in valid UTF-8, or -1 when not valid UTF-8. */
long sh_utf8_len(const char *s);

#endif
