/* The validators of identifiers and free text (core/validate.c, uscc.c, licence.c) on any string a
 * request or an import can carry. */
#include "core/validate.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    sh_err err = {0};
    sh_warning w[4];
    if (sh_check_uscc(s, "uscc", &err) == 0)
        sh_uscc_warnings(s, "uscc", NULL, NULL, w, 4);
    sh_check_id_number(s, "id", &err);
    sh_check_sc_licence(s, "licence", &err);
    sh_check_jy_licence(s, "licence", &err);
    static const char *const kinds[] = {"sc", "jy", "filing", "workshop_reg", "stall_record"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        sh_check_licence_number(kinds[k], "36", s, "licence", &err);
        sh_check_licence_number(kinds[k], NULL, s, "licence", &err);
    }
    sh_check_division_code(s, "division", &err);
    sh_check_phone(s, "phone", &err);
    sh_check_text(s, 1, 200, "text", &err);
    sh_check_no_personal_data(s, "text", &err);
    free(s);
    return 0;
}
