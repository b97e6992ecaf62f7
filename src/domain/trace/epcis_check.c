/* Checking one captured event field by field (epcis_int.h): the EPCIS 2.0 JSON schema's rules that
 * matter here (types, required fields per event type, identifiers, CBV vocabularies, times), the
 * Chinese codes, and who may capture it. Every refusal names its field as a path in the document. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/registry/entity.h"
#include "domain/trace/epcis_int.h"

const sh_epcis_list SH_EPCIS_LISTS[] = {
    {"epcList", "epc", 0},          {"quantityList", "epc", 1},       {"childEPCs", "child", 0},         {"childQuantityList", "child", 1},
    {"inputEPCList", "input", 0},   {"inputQuantityList", "input", 1}, {"outputEPCList", "output", 0}, {"outputQuantityList", "output", 1},
};
const size_t SH_EPCIS_NLISTS = sizeof SH_EPCIS_LISTS / sizeof *SH_EPCIS_LISTS;

#define MAX_LIST 1000

static const char *const TYPES[] = {"ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"};

/* The fields of an event the standard defines; anything else must be an extension (prefix:name). */
static const char *const FIELDS[] = {
    "type", "eventID", "eventTime", "eventTimeZoneOffset", "recordTime", "certificationInfo", "errorDeclaration", "action",
    "bizStep", "disposition", "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
    "destinationList", "sensorElementList", "ilmd", "epcList", "quantityList", "parentID", "childEPCs", "childQuantityList",
    "inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList", "transformationID", "@context", NULL};

static int bad(sh_err *err, size_t i, const char *path, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int bad(sh_err *err, size_t i, const char *path, const char *fmt, ...)
{
    char field[64], message[320];
    snprintf(field, sizeof field, "epcisBody.eventList[%zu]%s%s", i, *path ? "." : "", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return sh_fail(err, SH_EINVAL, field, "第%zu个事件：%s", i + 1, message);
}

static int is_uri(const char *s)
{
    if (!s || strlen(s) < 5 || strlen(s) > 200)
        return 0;
    for (const char *p = s; *p; p++)
        if (*p <= ' ' || *p > '~')
            return 0;
    /* an absolute URI: scheme ":" … (urn:, https:, ni: of an event hash) */
    const char *p = s;
    if (!isalpha((unsigned char)*p))
        return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '.' || *p == '-')
        p++;
    return *p == ':' && p[1];
}

/* eventTime and declarationTime: ISO 8601 with its offset (Z or ±hh:mm), as the schema's date-time. */
static int iso_time(const char *s, int64_t *ms)
{
    if (!s || strlen(s) < 20 || strlen(s) > 40 || s[10] != 'T')
        return 0;
    size_t n = strlen(s);
    int has_offset = s[n - 1] == 'Z' || (n > 6 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':');
    return has_offset && sh_parse_time(s, ms) == 0;
}

static int tz_offset(const char *s)
{
    if (!s || strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
        return 0;
    for (int k = 1; k < 6; k++)
        if (k != 3 && !isdigit((unsigned char)s[k]))
            return 0;
    int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
    return h <= 14 && (m == 0 || m == 30 || m == 45) && (h < 14 || m == 0);
}

static int check_id(sh_err *err, size_t i, const char *path, json_t *v, const char *label)
{
    const char *why = NULL;
    if (!json_is_string(v))
        return bad(err, i, path, "%s应为标识符文本 (must be an identifier string)", label);
    if (!sh_epcis_id_valid(json_string_value(v), &why))
        return bad(err, i, path, "%s“%.80s”无效：%s (not a valid identifier)", label, json_string_value(v), why);
    return 0;
}

static int check_lists(sh_err *err, size_t i, json_t *ev, size_t *ret_count)
{
    *ret_count = 0;
    for (size_t l = 0; l < SH_EPCIS_NLISTS; l++) {
        json_t *list = json_object_get(ev, SH_EPCIS_LISTS[l].field);
        if (!list)
            continue;
        char path[64];
        if (!json_is_array(list) || json_array_size(list) > MAX_LIST)
            return bad(err, i, SH_EPCIS_LISTS[l].field, "应为至多%d项的列表 (must be a list of at most %d)", MAX_LIST, MAX_LIST);
        size_t k;
        json_t *item;
        json_array_foreach(list, k, item)
        {
            if (!SH_EPCIS_LISTS[l].quantities) {
                snprintf(path, sizeof path, "%s[%zu]", SH_EPCIS_LISTS[l].field, k);
                if (check_id(err, i, path, item, "标识"))
                    return SH_EINVAL;
                continue;
            }
            snprintf(path, sizeof path, "%s[%zu]", SH_EPCIS_LISTS[l].field, k);
            if (!json_is_object(item))
                return bad(err, i, path, "应为 {epcClass, quantity, uom} (must be an object)");
            snprintf(path, sizeof path, "%s[%zu].epcClass", SH_EPCIS_LISTS[l].field, k);
            if (check_id(err, i, path, json_object_get(item, "epcClass"), "批次（epcClass）"))
                return SH_EINVAL;
            json_t *q = json_object_get(item, "quantity"), *u = json_object_get(item, "uom");
            snprintf(path, sizeof path, "%s[%zu].quantity", SH_EPCIS_LISTS[l].field, k);
            if (q && (!json_is_number(q) || json_number_value(q) < 0 || json_number_value(q) > 1e12))
                return bad(err, i, path, "数量应为不小于0的数 (quantity must be a number of at least 0)");
            snprintf(path, sizeof path, "%s[%zu].uom", SH_EPCIS_LISTS[l].field, k);
            const char *us = json_string_value(u);
            if (u && (!us || strlen(us) < 1 || strlen(us) > 3 || !q))
                return bad(err, i, path, "计量单位应为1至3位的UN/ECE代码（如KGM），且随数量给出 (uom: a UN/ECE rec 20 code, with a quantity)");
        }
        *ret_count += json_array_size(list);
    }
    return 0;
}

/* readPoint, bizLocation: {id: URI}; a registry business named must exist. */
static int check_place(sh_db *db, sh_err *err, size_t i, json_t *ev, const char *field, const char **out, int64_t *entity)
{
    json_t *v = json_object_get(ev, field);
    *out = NULL;
    if (!v)
        return 0;
    const char *id = json_string_value(json_object_get(v, "id"));
    char path[40];
    snprintf(path, sizeof path, "%s.id", field);
    if (!json_is_object(v) || !is_uri(id))
        return bad(err, i, path, "地点应为 {\"id\": URI} (must be an object with a URI id)");
    *out = id;
    if (!strncmp(id, "urn:shian:entity:", 17) || !strncmp(id, "urn:shian:uscc:", 15)) {
        *entity = sh_epcis_party_entity(db, id);
        if (!*entity)
            return bad(err, i, path, "“%s”不是在档经营者 (no such business in the registry)", id);
    }
    return 0;
}

/* sourceList and destinationList: [{type, source|destination}]; the registry businesses named go into
 * parties (as ids) for the access check. */
static int check_parties(sh_db *db, sh_err *err, size_t i, json_t *ev, const char *field, const char *key, int64_t *first, json_t *parties)
{
    json_t *list = json_object_get(ev, field);
    if (!list)
        return 0;
    if (!json_is_array(list) || json_array_size(list) > 20)
        return bad(err, i, field, "应为至多20项的列表 (must be a list of at most 20)");
    size_t k;
    json_t *item;
    json_array_foreach(list, k, item)
    {
        char path[64];
        const char *type = json_string_value(json_object_get(item, "type")), *party = json_string_value(json_object_get(item, key));
        snprintf(path, sizeof path, "%s[%zu].type", field, k);
        if (!json_is_object(item) || !type || (!sh_cbv_short("sdt", type) && !is_uri(type)))
            return bad(err, i, path, "类型应为 owning_party、possessing_party 或 location (must be a CBV source/destination type)");
        snprintf(path, sizeof path, "%s[%zu].%s", field, k, key);
        if (!is_uri(party))
            return bad(err, i, path, "应为一方的URI，如 urn:shian:entity:<档案编号> (must be a URI)");
        if (!strncmp(party, "urn:shian:entity:", 17) || !strncmp(party, "urn:shian:uscc:", 15)) {
            int64_t e = sh_epcis_party_entity(db, party);
            if (!e)
                return bad(err, i, path, "“%s”不是在档经营者 (no such business in the registry)", party);
            if (!*first)
                *first = e;
            json_array_append_new(parties, json_integer(e));
        }
    }
    return 0;
}

static int check_vocabulary(sh_err *err, size_t i, json_t *ev, const char *field, const char *vocabulary, const char *label,
                            const char **out)
{
    json_t *v = json_object_get(ev, field);
    *out = NULL;
    if (!v)
        return 0;
    const char *s = json_string_value(v), *word = sh_cbv_short(vocabulary, s);
    if (!word && !is_uri(s))
        return bad(err, i, field, "“%.60s”不是CBV 2.0的%s，也不是URI (not a CBV 2.0 %s nor a URI)", s ? s : "", label, field);
    *out = word ? word : s;
    return 0;
}

static int check_sensors(sh_err *err, size_t i, json_t *ev)
{
    json_t *list = json_object_get(ev, "sensorElementList");
    if (!list)
        return 0;
    if (!json_is_array(list) || json_array_size(list) > 100)
        return bad(err, i, "sensorElementList", "应为至多100项的列表 (must be a list of at most 100)");
    size_t k, r;
    json_t *el, *rep;
    json_array_foreach(list, k, el)
    {
        char path[64];
        json_t *reports = json_object_get(el, "sensorReport");
        snprintf(path, sizeof path, "sensorElementList[%zu].sensorReport", k);
        if (!json_is_object(el) || !json_is_array(reports) || !json_array_size(reports) || json_array_size(reports) > 1000)
            return bad(err, i, path, "传感器读数应为非空列表 (sensorReport must be a non-empty list)");
        json_array_foreach(reports, r, rep)
        {
            json_t *type = json_object_get(rep, "type"), *value = json_object_get(rep, "value"), *time = json_object_get(rep, "time");
            int64_t ms;
            snprintf(path, sizeof path, "sensorElementList[%zu].sensorReport[%zu]", k, r);
            if (!json_is_object(rep) || (type && !json_is_string(type)) || (value && !json_is_number(value)) ||
                (time && !iso_time(json_string_value(time), &ms)))
                return bad(err, i, path, "读数应有文本type、数值value和带时区的time (type text, value a number, time ISO 8601)");
        }
    }
    return 0;
}

static int check_error_declaration(sh_err *err, size_t i, json_t *ev, const char **reason)
{
    json_t *d = json_object_get(ev, "errorDeclaration");
    *reason = NULL;
    if (!d)
        return 0;
    int64_t ms;
    if (!json_is_object(d) || !iso_time(json_string_value(json_object_get(d, "declarationTime")), &ms))
        return bad(err, i, "errorDeclaration.declarationTime", "错误声明的时间应为带时区的ISO 8601时间 (declarationTime: ISO 8601 with offset)");
    if (!json_is_string(json_object_get(ev, "eventID")))
        return bad(err, i, "eventID", "错误声明须给出所更正事件的eventID (an errorDeclaration names the event it corrects)");
    json_t *r = json_object_get(d, "reason");
    const char *rs = json_string_value(r);
    if (r && !sh_cbv_short("errorReason", rs) && !is_uri(rs))
        return bad(err, i, "errorDeclaration.reason", "原因应为 did_not_occur 或 incorrect_data (must be a CBV error reason)");
    json_t *ids = json_object_get(d, "correctiveEventIDs");
    if (ids && (!json_is_array(ids) || json_array_size(ids) > 100))
        return bad(err, i, "errorDeclaration.correctiveEventIDs", "应为eventID的列表 (must be a list of event IDs)");
    *reason = rs ? (sh_cbv_short("errorReason", rs) ? sh_cbv_short("errorReason", rs) : rs) : "incorrect_data";
    return 0;
}

/* Who captures it: a business events at its own places or with itself among the parties; officials for
 * the businesses of their jurisdiction (or, naming none, in their own name). */
static int check_actor(sh_db *db, const sh_principal *actor, sh_err *err, size_t i, int64_t place, int64_t party, json_t *parties,
                       sh_epcis_event *out)
{
    if (actor->role == SH_ROLE_BUSINESS) {
        int64_t me = actor->entity_id;
        int among = 0;
        size_t k;
        json_t *p;
        json_array_foreach(parties, k, p) among |= json_integer_value(p) == me;
        if (me <= 0 || (place && place != me))
            return bad(err, i, "bizLocation.id", "经营者只能记录本单位地点的事件 (a business captures events at its own places only)");
        if (!place && !among)
            return bad(err, i, "sourceList", "经营者只能记录本单位为一方的事件：请给出本单位的 bizLocation 或来源/去向 (a business captures only its own events)");
        out->entity_id = me;
    } else {
        out->entity_id = place ? place : party;
    }
    if (!out->entity_id) {
        snprintf(out->division, sizeof out->division, "%s", actor->division_code);
        return 0;
    }
    sh_entity e;
    if (sh_entity_get(db, actor, out->entity_id, &e, NULL) != 0)
        return bad(err, i, place ? "bizLocation.id" : "sourceList", "所涉经营者不在您的管辖范围内 (the business is outside your jurisdiction)");
    snprintf(out->division, sizeof out->division, "%s", e.f[EF_DIVISION_CODE] ? e.f[EF_DIVISION_CODE] : "");
    sh_entity_release(&e);
    return 0;
}

int sh_epcis_check_event(sh_db *db, const sh_principal *actor, json_t *ev, size_t i, sh_epcis_event *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    out->json = ev;
    if (!json_is_object(ev))
        return bad(err, i, "", "应为JSON对象 (must be an object)");
    const char *key;
    json_t *v;
    json_object_foreach(ev, key, v)
    {
        int known = strchr(key, ':') != NULL; /* an extension: prefix:name */
        for (const char *const *f = FIELDS; *f && !known; f++)
            known = !strcmp(*f, key);
        if (!known)
            return bad(err, i, key, "不是EPCIS 2.0事件的字段；扩展字段应带命名空间前缀 (unknown field; extensions need a prefix)");
    }
    const char *type = json_string_value(json_object_get(ev, "type"));
    for (size_t t = 0; type && t < 5 && !out->type; t++)
        if (!strcmp(type, TYPES[t]))
            out->type = TYPES[t];
    if (!out->type)
        return bad(err, i, "type", "事件类型应为 ObjectEvent、AggregationEvent、TransactionEvent、TransformationEvent 或 AssociationEvent");
    out->time = json_string_value(json_object_get(ev, "eventTime"));
    if (!iso_time(out->time, &out->time_ms))
        return bad(err, i, "eventTime", "发生时间应为带时区的ISO 8601时间，如 2026-11-18T08:00:00+08:00 (ISO 8601 with offset)");
    if (out->time_ms > sh_now_ms() + 86400000LL)
        return bad(err, i, "eventTime", "发生时间不能晚于明天 (eventTime cannot be in the future)");
    out->tz = json_string_value(json_object_get(ev, "eventTimeZoneOffset"));
    if (!tz_offset(out->tz))
        return bad(err, i, "eventTimeZoneOffset", "时区应为 ±hh:mm，如 +08:00 (must be ±hh:mm)");
    json_t *id = json_object_get(ev, "eventID");
    out->event_id = json_string_value(id);
    if (id && !is_uri(out->event_id))
        return bad(err, i, "eventID", "事件编号应为URI (eventID must be a URI)");
    out->action = json_string_value(json_object_get(ev, "action"));
    int transformation = !strcmp(out->type, "TransformationEvent");
    if (transformation && json_object_get(ev, "action"))
        return bad(err, i, "action", "转化事件没有action (a TransformationEvent has no action)");
    if (!transformation && (!out->action || (strcmp(out->action, "ADD") && strcmp(out->action, "OBSERVE") && strcmp(out->action, "DELETE"))))
        return bad(err, i, "action", "动作应为 ADD、OBSERVE 或 DELETE (action must be ADD, OBSERVE or DELETE)");
    size_t count;
    if (check_lists(err, i, ev, &count))
        return SH_EINVAL;
    json_t *parent = json_object_get(ev, "parentID");
    if (parent && check_id(err, i, "parentID", parent, "上级容器（parentID）"))
        return SH_EINVAL;
    if (!strcmp(out->type, "ObjectEvent") && !json_array_size(json_object_get(ev, "epcList")) &&
        !json_array_size(json_object_get(ev, "quantityList")))
        return bad(err, i, "epcList", "对象事件须列出标识（epcList）或批次数量（quantityList） (an ObjectEvent names what it is about)");
    if ((!strcmp(out->type, "AggregationEvent") || !strcmp(out->type, "AssociationEvent")) && !parent &&
        strcmp(out->action, "OBSERVE"))
        return bad(err, i, "parentID", "聚合与关联事件须给出上级容器（parentID） (parentID is required)");
    if (transformation && !count)
        return bad(err, i, "inputEPCList", "转化事件须列出投入或产出 (a TransformationEvent names its inputs or outputs)");
    if (check_vocabulary(err, i, ev, "bizStep", "bizStep", "业务步骤", &out->biz_step) ||
        check_vocabulary(err, i, ev, "disposition", "disposition", "状态", &out->disposition))
        return SH_EINVAL;
    int64_t place = 0, reader = 0, party = 0;
    if (check_place(db, err, i, ev, "readPoint", &out->read_point, &reader) ||
        check_place(db, err, i, ev, "bizLocation", &out->biz_location, &place))
        return SH_EINVAL;
    if (!place)
        place = reader;
    json_t *parties = json_array();
    int rc = check_parties(db, err, i, ev, "sourceList", "source", &party, parties);
    if (!rc)
        rc = check_parties(db, err, i, ev, "destinationList", "destination", &party, parties);
    json_t *btx = json_object_get(ev, "bizTransactionList");
    size_t k;
    json_t *item;
    if (!rc && btx && !json_is_array(btx))
        rc = bad(err, i, "bizTransactionList", "应为列表 (must be a list)");
    json_array_foreach(btx, k, item)
    {
        if (rc)
            break;
        const char *t = json_string_value(json_object_get(item, "type"));
        if (!json_is_object(item) || !is_uri(json_string_value(json_object_get(item, "bizTransaction"))) ||
            (json_object_get(item, "type") && !sh_cbv_short("btt", t) && !is_uri(t))) {
            char path[48];
            snprintf(path, sizeof path, "bizTransactionList[%zu]", k);
            rc = bad(err, i, path, "业务单据应为 {type, bizTransaction: URI}，如进货查验记录 (a business transaction: {type, bizTransaction URI})");
        }
    }
    json_t *cert = json_object_get(ev, "certificationInfo");
    if (!rc && cert && !json_is_string(cert) && !json_is_array(cert))
        rc = bad(err, i, "certificationInfo", "应为证书URI或其列表 (must be a URI or a list of them)");
    json_t *ilmd = json_object_get(ev, "ilmd");
    if (!rc && ilmd && !json_is_object(ilmd))
        rc = bad(err, i, "ilmd", "应为对象 (must be an object)");
    if (!rc)
        rc = check_sensors(err, i, ev);
    if (!rc)
        rc = check_error_declaration(err, i, ev, &out->error_reason);
    if (!rc)
        rc = check_actor(db, actor, err, i, place, party, parties, out);
    json_decref(parties);
    return rc;
}
