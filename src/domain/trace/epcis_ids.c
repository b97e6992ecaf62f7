/* Identifiers and CBV 2.0 vocabularies of the events (epcis.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domain/trace/epcis.h"

static int all_of(const char *s, size_t min, size_t max, const char *extra)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !(extra && strchr(extra, *s)))
            return 0;
    return 1;
}

static int all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

static int printable(const char *s)
{
    for (; *s; s++)
        if (*s <= ' ' || *s > '~')
            return 0;
    return 1;
}

int sh_epcis_id_valid(const char *text, const char **why)
{
    static const char *const EPC_USAGE = "应为 urn:epc:id:…、urn:epc:class:…、https://id.gs1.org/… 或 urn:shian:（eartag|cert|seal|quarantine|product）:…";
    *why = EPC_USAGE;
    if (!text || strlen(text) < 10 || strlen(text) > 200 || !printable(text))
        return 0;
    if (!strncmp(text, "urn:epc:id:", 11) || !strncmp(text, "urn:epc:class:", 14) || !strncmp(text, "urn:epc:idpat:", 14))
        return strchr(text + 11, ':') != NULL;
    if (!strncmp(text, "https://id.gs1.org/", 19) || !strncmp(text, "http://id.gs1.org/", 18))
        return 1;
    if (!strncmp(text, "urn:shian:eartag:", 17)) {
        *why = "耳标号应为15位数字（畜种1位、县级代码6位、顺序号8位）";
        return all_digits(text + 17, 15);
    }
    static const struct { const char *prefix, *why; size_t min, max; const char *extra; } CODES[] = {
        {"urn:shian:cert:", "承诺达标合格证编号应为6至32位字母或数字", 6, 32, NULL},
        {"urn:shian:seal:", "食安封签编号应为6至32位字母或数字", 6, 32, NULL},
        {"urn:shian:quarantine:", "检疫证明编号应为6至32位字母或数字", 6, 32, NULL},
        {"urn:shian:product:", "产品码应为1至64位字母、数字或 . _ -", 1, 64, "._-"},
    };
    for (size_t i = 0; i < sizeof CODES / sizeof *CODES; i++) {
        size_t n = strlen(CODES[i].prefix);
        if (!strncmp(text, CODES[i].prefix, n)) {
            *why = CODES[i].why;
            return all_of(text + n, CODES[i].min, CODES[i].max, CODES[i].extra);
        }
    }
    return 0;
}

/* CBV 2.0 (GS1, 2022) §7: the standard vocabularies' short names. */
static const char *const BIZ_STEPS[] = {
    "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance", "cycle_counting",
    "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding", "entering_exiting", "holding",
    "inspecting", "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing", "repackaging",
    "repairing", "replacing", "reserving", "retail_selling", "sampling", "sensor_reporting", "shipping", "staging_outbound",
    "stock_taking", "stocking", "storing", "transporting", "unloading", "unpacking", "void_shipping", NULL};
static const char *const DISPOSITIONS[] = {
    "active", "available", "completeness_inferred", "completeness_verified", "conformant", "container_closed", "container_open",
    "damaged", "destroyed", "dispensed", "disposed", "encoded", "expired", "in_progress", "in_transit", "inactive",
    "mismatch_instance", "mismatch_class", "mismatch_quantity", "needs_replacement", "no_pedigree_match", "non_conformant",
    "non_sellable_other", "partially_dispensed", "recalled", "reserved", "retail_sold", "returned", "sellable_accessible",
    "sellable_not_accessible", "stolen", "unavailable", "unknown", NULL};
static const char *const SDT[] = {"owning_party", "possessing_party", "location", NULL};
static const char *const ERROR_REASONS[] = {"did_not_occur", "incorrect_data", NULL};
static const char *const BTT[] = {"bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma", "testprd", "upevt", NULL};

static const struct {
    const char *name, *web, *urn;
    const char *const *words;
} VOCABULARIES[] = {
    {"bizStep", "https://ref.gs1.org/cbv/BizStep-", "urn:epcglobal:cbv:bizstep:", BIZ_STEPS},
    {"disposition", "https://ref.gs1.org/cbv/Disp-", "urn:epcglobal:cbv:disp:", DISPOSITIONS},
    {"sdt", "https://ref.gs1.org/cbv/SDT-", "urn:epcglobal:cbv:sdt:", SDT},
    {"errorReason", "https://ref.gs1.org/cbv/ER-", "urn:epcglobal:cbv:er:", ERROR_REASONS},
    {"btt", "https://ref.gs1.org/cbv/BTT-", "urn:epcglobal:cbv:btt:", BTT},
};

const char *sh_cbv_short(const char *vocabulary, const char *text)
{
    if (!text)
        return NULL;
    for (size_t v = 0; v < sizeof VOCABULARIES / sizeof *VOCABULARIES; v++) {
        if (strcmp(VOCABULARIES[v].name, vocabulary))
            continue;
        const char *word = text;
        size_t nw = strlen(VOCABULARIES[v].web), nu = strlen(VOCABULARIES[v].urn);
        if (!strncmp(text, VOCABULARIES[v].web, nw))
            word = text + nw;
        else if (!strncmp(text, VOCABULARIES[v].urn, nu))
            word = text + nu;
        for (const char *const *w = VOCABULARIES[v].words; *w; w++)
            if (!strcmp(*w, word))
                return *w;
    }
    return NULL;
}

int64_t sh_epcis_party_entity(sh_db *db, const char *uri)
{
    const char *sql = NULL, *key = NULL;
    if (uri && !strncmp(uri, "urn:shian:entity:", 17) && all_of(uri + 17, 1, 18, NULL))
        sql = "SELECT id FROM entities WHERE id = ?", key = uri + 17;
    else if (uri && !strncmp(uri, "urn:shian:uscc:", 15) && all_of(uri + 15, 18, 18, NULL))
        sql = "SELECT id FROM entities WHERE uscc = ? ORDER BY status = 'closed', id LIMIT 1", key = uri + 15;
    if (!sql)
        return 0;
    sh_stmt *st = sh_db_prepare(db, sql, NULL);
    if (!st)
        return 0;
    if (key == uri + 17) {
        char *end = NULL;
        long long id = strtoll(key, &end, 10);
        sh_bind_int64(st, 1, *end ? -1 : id);
    } else {
        sh_bind_text(st, 1, key);
    }
    int64_t id = sh_stmt_step(st, NULL) == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return id;
}
