/* JSON Schema (draft-07) validation of a jansson value, for the standards' own schemas shipped as data
 * (data/epcis/EPCIS-JSON-Schema.json). The keywords those schemas use are supported: $ref to the same
 * document, type, enum, const, properties, required, additionalProperties, patternProperties,
 * propertyNames, items, minItems, maxItems, uniqueItems, minLength, maxLength, minimum, maximum,
 * exclusiveMinimum, exclusiveMaximum, pattern (ECMA-262 via PCRE2), format (uri, date-time), allOf,
 * anyOf, oneOf, not, if/then/else and boolean schemas; other keywords are annotations and ignored. */
#ifndef SH_JSON_SCHEMA_H
#define SH_JSON_SCHEMA_H

#include <jansson.h>

#include "core/err.h"

typedef struct sh_json_schema sh_json_schema;

/* Parses and prepares a schema (its patterns compiled once, so validation is read-only and may run on
 * several threads). Returns 0, or SH_EINVAL when the text is not JSON or a pattern does not compile. */
int sh_json_schema_load(const char *text, sh_json_schema **out, sh_err *err);
void sh_json_schema_free(sh_json_schema *schema);

/* Validates instance. Returns 0, or SH_EINVAL with err->field the path of the offending value
 * ("epcisBody.eventList[0].quantityList[1].uom"; "" for the whole value) and err->message naming the
 * rule it breaks. Among the alternatives of anyOf/oneOf, the error reported is the deepest one, so a
 * bad field inside the right event type is named rather than the type. */
int sh_json_schema_validate(const sh_json_schema *schema, const json_t *instance, sh_err *err);

#endif
