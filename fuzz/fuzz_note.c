/* C2SP signed notes and keys (core/note.c): verifier keys and key lists (settings, --key, --witness),
 * a note verified under a fixed key, loosely and strictly, and a checkpoint's first three lines. The
 * input's first line is a verifier key or key list, the rest a note. */
#include "core/note.h"
#include "fuzz.h"
#include "keys.h"

static char log_vkey[SH_NOTE_VKEY_MAX];
static sh_note_key keys[2];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!log_vkey[0])
        fuzz_keys(keys, log_vkey);
    char *s = fuzz_str(data, size);
    char *nl = strchr(s, '\n');
    const char *note = nl ? nl + 1 : s;
    if (nl)
        *nl = '\0';
    sh_note_key list[8];
    size_t n = 0, text_len = 0;
    sh_note_key_parse(s, &list[0]);
    sh_note_key_list(s, list, 8, &n);
    sh_note_verify(log_vkey, note, &text_len);
    uint64_t signed_by = 0, size_out = 0, t = 0;
    char why[200], origin[SH_NOTE_NAME_MAX];
    sh_merkle_hash root;
    sh_note_verify_strict(note, keys, 2, &text_len, &signed_by, why, sizeof why);
    sh_checkpoint_parse(note, strlen(note), origin, sizeof origin, &size_out, root);
    const char *blank = strstr(note, "\n\n");
    if (blank) /* each line after the text as a signature line of either key */
        for (const char *line = blank + 2; *line;) {
            size_t len = strcspn(line, "\n");
            sh_note_check_line(&keys[0], note, (size_t)(blank + 1 - note), line, len, &t);
            sh_note_check_line(&keys[1], note, (size_t)(blank + 1 - note), line, len, &t);
            line += len + (line[len] == '\n');
        }
    free(s);
    return 0;
}
