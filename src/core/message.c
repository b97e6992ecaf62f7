#include "core/message.h"

#include <string.h>

size_t sh_message_gloss_at(const char *msg)
{
    size_t n = strlen(msg);
    if (n < 4 || msg[n - 1] != ')')
        return n;
    for (size_t i = n - 1; i-- > 1;) {
        if ((unsigned char)msg[i] >= 0x80 || msg[i] == ')')
            return n;
        if (msg[i] == '(' && msg[i - 1] == ' ')
            return i - 1 > 0 ? i - 1 : n; /* a message that is all gloss keeps it */
    }
    return n;
}

void sh_json_set_message(json_t *obj, const char *msg)
{
    size_t n = strlen(msg), cut = sh_message_gloss_at(msg);
    json_object_set_new(obj, "message", json_stringn(msg, cut));
    if (cut < n)
        json_object_set_new(obj, "message_en", json_stringn(msg + cut + 2, n - cut - 3));
}
