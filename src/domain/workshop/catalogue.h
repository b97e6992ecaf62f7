/* The province's catalogue of foods small workshops may make and its negative list (data/workshops/),
 * read once per process. A product is {code, name}: the code a catalogue entry's, the name free text
 * that no negative-list keyword may appear in. A refusal cites the entry and its source in Chinese. */
#ifndef SH_WORKSHOP_CATALOGUE_H
#define SH_WORKSHOP_CATALOGUE_H

#include <jansson.h>

#include "core/err.h"

/* Checks products (a JSON array of {code, name}, 1 to 30): each code in the catalogue, no code or name on
 * the negative list, no product twice. SH_EINVAL naming products[i].code or products[i].name. */
int sh_ws_check_products(const json_t *products, sh_err *err);
/* {catalogue: [{code, name, examples, source}], negative: [{code, name, keywords, source}]}. */
json_t *sh_ws_catalogue_json(void);
/* The catalogue entry's name of code, or NULL. */
const char *sh_ws_catalogue_name(const char *code);

#endif
