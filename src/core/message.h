/* Messages for a person: the domain writes "中文 (english gloss)"; the console shows the Chinese alone, and
 * API clients that want it read the gloss beside it. */
#ifndef SH_MESSAGE_H
#define SH_MESSAGE_H

#include <jansson.h>
#include <stddef.h>

/* Where the gloss begins (the index of its " ("), or strlen(msg) when the message has none: the gloss is
 * the last parenthesis when it closes the message and holds ASCII only. */
size_t sh_message_gloss_at(const char *msg);

/* Sets obj's "message" to the Chinese part and, when there is one, "message_en" to the gloss. */
void sh_json_set_message(json_t *obj, const char *msg);

#endif
