/* The documents of a case filled from it (documents.h): the wording of the 2021 SAMR templates
 * (国市监法发〔2021〕42号) with the case's facts, penalty, dates and the bureau's settings. A block
 * {type: paragraph, editable: true} is what an official may rewrite before issuing. */
#include "domain/enforcement/documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/settings.h"

#define T(o, k) (json_string_value(json_object_get(o, k)) ? json_string_value(json_object_get(o, k)) : "")
#define I(o, k) ((long long)json_integer_value(json_object_get(o, k)))

static const char *const TITLES[][2] = {
    {"filing_approval", "立案审批表"},       {"penalty_notice", "行政处罚告知书"},   {"penalty_decision", "行政处罚决定书"},
    {"simple_decision", "当场行政处罚决定书"}, {"correction_notice", "责令改正通知书"}, {"service_receipt", "送达回证"},
    {"closing_approval", "结案审批表"},      {"not_filing_approval", "不予立案审批表"}, {"scene_record", "现场笔录"},
    {"inquiry_record", "询问笔录"},          {"preservation_notice", "先行登记保存通知书"}, {"address_confirmation", "送达地址确认书"},
};

const char *sh_document_title(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof TITLES / sizeof TITLES[0]; i++)
        if (!strcmp(kind, TITLES[i][0]))
            return TITLES[i][1];
    return NULL;
}

/* A document says everything in Chinese: the case's codes by their names. */
static const char *const SOURCES[][2] = {{"inspection", "监督检查"}, {"sample", "抽样检验"}, {"hazard", "视频监控隐患"}, {"complaint", "投诉"},
                                         {"report", "举报"}, {"referral", "移送"}, {"other", "其他"}, {NULL, NULL}};
static const char *const METHODS[][2] = {{"direct", "直接送达"}, {"left", "留置送达"}, {"electronic", "电子送达"}, {"entrusted", "委托送达"},
                                         {"mail", "邮寄送达"}, {"transfer", "转交送达"}, {"public_notice", "公告送达"}, {NULL, NULL}};

static const char *label_of(const char *const table[][2], const char *code)
{
    for (int i = 0; table[i][0]; i++)
        if (!strcmp(table[i][0], code))
            return table[i][1];
    return code;
}

/* 2026-11-18 → 2026年11月18日 (GB/T 9704: Arabic numerals). */
static void date_cn(const char *iso, char out[32])
{
    if (!iso || strlen(iso) != 10) {
        snprintf(out, 32, "    年  月  日");
        return;
    }
    snprintf(out, 32, "%.4s年%d月%d日", iso, atoi(iso + 5), atoi(iso + 8));
}

static void add(json_t *blocks, json_t *b) { json_array_append_new(blocks, b); }
static json_t *field(const char *label, const char *value) { return json_pack("{s:s, s:s, s:s}", "type", "field", "label", label, "value", value); }
static json_t *para(const char *text, int editable)
{
    return json_pack("{s:s, s:s, s:b}", "type", "paragraph", "text", text, "editable", editable);
}

static void party(json_t *blocks, json_t *c)
{
    add(blocks, field("当事人", T(c, "party_name")));
    if (*T(c, "party_code"))
        add(blocks, field(!strcmp(T(c, "party_kind"), "organisation") ? "统一社会信用代码" : "身份证件号码", T(c, "party_code")));
    if (*T(c, "party_address"))
        add(blocks, field("住所（住址）", T(c, "party_address")));
    if (*T(c, "party_rep"))
        add(blocks, field("法定代表人（负责人）", T(c, "party_rep")));
}

static const char *penalty_zh(const char *k)
{
    static const char *const P[][2] = {{"warning", "警告"}, {"fine", "罚款"}, {"confiscation", "没收违法所得、违法物品"},
                                       {"suspension", "责令停产停业"}, {"revocation", "吊销许可证件"}};
    for (size_t i = 0; i < 5; i++)
        if (!strcmp(k, P[i][0]))
            return P[i][1];
    return k;
}

/* 1. 警告；2. 罚款人民币55000元。 */
static void penalty_text(json_t *c, char *out, size_t n)
{
    size_t len = 0, i;
    json_t *v;
    out[0] = '\0';
    json_array_foreach(json_object_get(c, "penalty"), i, v) {
        const char *k = json_string_value(v);
        if (!k)
            continue;
        if (!strcmp(k, "fine"))
            len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%zu. 罚款人民币%lld元", i ? "；" : "", i + 1, I(c, "fine_yuan"));
        else if (!strcmp(k, "confiscation") && json_integer_value(json_object_get(c, "confiscated_yuan")))
            len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%zu. 没收违法所得人民币%lld元", i ? "；" : "", i + 1,
                                    I(c, "confiscated_yuan"));
        else
            len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%zu. %s", i ? "；" : "", i + 1, penalty_zh(k));
    }
    if (len < n - 4)
        strcat(out, "。");
}

/* The clauses of the case's benchmark: 违反了…的规定 / 依据…的规定. */
static void clauses(sh_db *db, json_t *c, char breached[200], char basis[200])
{
    snprintf(breached, 200, "《中华人民共和国食品安全法》有关");
    snprintf(basis, 200, "《中华人民共和国食品安全法》有关");
    json_t *s = json_object_get(c, "suggestion");
    json_t *rule = json_object_get(s, "rule");
    (void)db;
    if (rule) {
        snprintf(breached, 200, "《中华人民共和国%s》", T(rule, "breached"));
        snprintf(basis, 200, "《中华人民共和国%s》", T(rule, "basis"));
    }
}

static void remedy(sh_db *db, json_t *blocks)
{
    char body[120] = "", court[120] = "", text[600];
    sh_setting_text(db, "case_review_body", body, sizeof body);
    sh_setting_text(db, "case_court", court, sizeof court);
    snprintf(text, sizeof text,
             "当事人如不服本决定，可以在收到本决定书之日起六十日内向%s申请行政复议，也可以在六个月内依法向%s提起行政诉讼。"
             "申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。",
             body, court);
    add(blocks, para(text, 0));
}

static void payment(json_t *blocks)
{
    add(blocks, para("当事人应当自收到本决定书之日起十五日内，将罚没款缴至指定银行或者通过电子支付系统缴纳。"
                     "到期不缴纳罚款的，本局可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额。",
                     0));
}

static json_t *form(const char *const *cells, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_string(cells[i] ? cells[i] : ""));
    return json_pack("{s:s, s:i, s:o}", "type", "form", "cols", 2, "cells", a);
}

int cs_document_content(sh_db *db, json_t *c, const char *kind, json_t **ret, sh_err *err)
{
    const char *title = sh_document_title(kind);
    if (!title)
        return sh_fail(err, SH_EINVAL, "kind", "文书种类：不是可生成的文书 (kind is not one of the documents)");
    const char *status = T(c, "status");
    int decided = strcmp(status, "clue") && strcmp(status, "filed") && strcmp(status, "notified");
    int simple = !strcmp(T(c, "procedure"), "simple");
    if ((!strcmp(kind, "penalty_notice") && !(decided || !strcmp(status, "notified"))) ||
        (!strcmp(kind, "penalty_decision") && (!decided || simple)) || (!strcmp(kind, "simple_decision") && !simple) ||
        (!strcmp(kind, "service_receipt") && !decided) ||
        (!strcmp(kind, "closing_approval") && strcmp(status, "paid") && strcmp(status, "closed")) ||
        (!strcmp(kind, "penalty_notice") && simple) ||
        (!strcmp(kind, "not_filing_approval") && strcmp(status, "clue") && strcmp(T(c, "outcome"), "not_filed")))
        return sh_fail(err, SH_EINVAL, "kind", "案件尚未进行到可以制作《%s》的阶段 (the case has not reached this document)", title);
    char agency[120] = "", date[32], breached[200], basis[200], pen[400], text[4600];
    sh_setting_text(db, "case_agency", agency, sizeof agency);
    clauses(db, c, breached, basis);
    penalty_text(c, pen, sizeof pen);
    json_t *blocks = json_array();
    const char *sign_on = T(c, "decided_on");
    if (!strcmp(kind, "filing_approval")) {
        const char *cells[] = {"案件来源", label_of(SOURCES, T(c, "source")), "当事人", T(c, "party_name"), "住所", T(c, "party_address"),
                               "基本案情", T(c, "facts"), "承办人意见", "建议立案调查。", "负责人审批意见", *T(c, "filed_on") ? "同意立案。" : ""};
        add(blocks, form(cells, 12));
        sign_on = *T(c, "filed_on") ? T(c, "filed_on") : T(c, "clue_on");
    } else if (!strcmp(kind, "penalty_notice")) {
        party(blocks, c);
        snprintf(text, sizeof text, "经查，%s", T(c, "facts"));
        add(blocks, para(text, 1));
        snprintf(text, sizeof text, "当事人的上述行为违反了%s的规定。依据%s的规定，本局拟对当事人作出如下行政处罚：%s", breached, basis, pen);
        add(blocks, para(text, 1));
        add(blocks, para("根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，当事人可以在收到本告知书之日起五个工作日内向本局"
                         "进行陈述、申辩；符合《中华人民共和国行政处罚法》第六十三条规定情形的，可以要求听证。逾期视为放弃上述权利。",
                         0));
        sign_on = T(c, "notified_on");
    } else if (!strcmp(kind, "penalty_decision") || !strcmp(kind, "simple_decision")) {
        party(blocks, c);
        snprintf(text, sizeof text, "经查，%s", T(c, "facts"));
        add(blocks, para(text, 1));
        if (!simple)
            add(blocks, para("上述事实，有现场笔录、询问笔录、检验报告、当事人的陈述等证据证明。", 1));
        snprintf(text, sizeof text, "当事人的上述行为违反了%s的规定。依据%s的规定，本局决定对当事人作出如下行政处罚：%s", breached, basis, pen);
        add(blocks, para(text, 1));
        if (json_integer_value(json_object_get(c, "fine_yuan")) > 0)
            payment(blocks);
        remedy(db, blocks);
    } else if (!strcmp(kind, "correction_notice")) {
        party(blocks, c);
        snprintf(text, sizeof text, "经查，%s", T(c, "facts"));
        add(blocks, para(text, 1));
        snprintf(text, sizeof text, "上述行为违反了%s的规定。依据%s的规定，现责令你（单位）立即改正上述违法行为，并于接到本通知书之日起十五日内"
                 "将改正情况书面报告本局。", breached, basis);
        add(blocks, para(text, 1));
        remedy(db, blocks);
        sign_on = *T(c, "filed_on") ? T(c, "filed_on") : T(c, "clue_on");
    } else if (!strcmp(kind, "service_receipt")) {
        char served[32];
        date_cn(T(c, "served_on"), served);
        const char *cells[] = {"送达文书名称及文号", simple ? "当场行政处罚决定书" : "行政处罚决定书", "受送达人", T(c, "party_name"),
                               "送达地点", T(c, "party_address"), "送达方式", label_of(METHODS, T(c, "service_method")), "送达日期", served,
                               "受送达人签名或者盖章", "", "送达人", ""};
        add(blocks, form(cells, 14));
        sign_on = T(c, "served_on");
    } else if (!strcmp(kind, "not_filing_approval")) {
        const char *cells[] = {"案件来源", label_of(SOURCES, T(c, "source")), "当事人", T(c, "party_name"), "基本案情", T(c, "facts"),
                               "承办人意见", "经核查，违法事实不成立（或违法行为轻微并及时改正，没有造成危害后果），建议不予立案。",
                               "负责人审批意见", ""};
        add(blocks, form(cells, 10));
        add(blocks, para("不予立案的理由：", 1));
        sign_on = *T(c, "closed_on") ? T(c, "closed_on") : T(c, "clue_on");
    } else if (!strcmp(kind, "scene_record")) {
        const char *cells[] = {"检查时间", "", "检查地点", T(c, "party_address"), "当事人", T(c, "party_name"), "执法人员及执法证号", "",
                               "当事人或者其代理人", ""};
        add(blocks, form(cells, 10));
        add(blocks, para("执法人员向当事人出示了执法证件，告知了当事人依法享有的权利和应履行的义务。", 0));
        snprintf(text, sizeof text, "现场情况：%s", T(c, "facts"));
        add(blocks, para(text, 1));
        add(blocks, para("以上笔录已经当事人核对，确认无误。当事人签名：            执法人员签名：", 0));
        sign_on = T(c, "clue_on");
    } else if (!strcmp(kind, "inquiry_record")) {
        const char *cells[] = {"询问时间", "", "询问地点", "", "被询问人", T(c, "party_rep"), "工作单位", T(c, "party_name"),
                               "询问人", "", "记录人", ""};
        add(blocks, form(cells, 12));
        add(blocks, para("问：我们是市场监督管理局的执法人员，这是我们的执法证件，请过目。依法向你进行询问调查，你应当如实回答，"
                         "你有陈述、申辩和申请回避的权利。你听清楚了吗？", 0));
        add(blocks, para("答：听清楚了。", 1));
        snprintf(text, sizeof text, "问：请你说明有关情况（%s）。", T(c, "facts"));
        add(blocks, para(text, 1));
        add(blocks, para("答：", 1));
        add(blocks, para("以上笔录我已看过，与我所说的一致。被询问人签名：", 0));
        sign_on = T(c, "clue_on");
    } else if (!strcmp(kind, "preservation_notice")) {
        json_t *m = NULL, *v;
        size_t k;
        json_array_foreach(json_object_get(c, "measures"), k, v) if (!strcmp(T(v, "kind"), "preservation")) m = v;
        if (!m) {
            json_decref(blocks);
            return sh_fail(err, SH_EINVAL, "kind", "本案没有先行登记保存的物品 (nothing preserved in this case)");
        }
        party(blocks, c);
        snprintf(text, sizeof text, "因你（单位）涉嫌%s，根据《中华人民共和国行政处罚法》第五十六条的规定，本局决定对你（单位）的下列物品"
                 "予以先行登记保存：%s。在保存期间，当事人或者有关人员不得损毁、销毁或者转移证据。本局将在七个工作日内作出处理决定。",
                 T(c, "facts"), T(m, "items"));
        add(blocks, para(text, 1));
        sign_on = T(m, "decided_on");
    } else if (!strcmp(kind, "address_confirmation")) {
        const char *cells[] = {"受送达人", T(c, "party_name"), "送达地址", T(c, "party_address"), "收件人", T(c, "party_rep"),
                               "联系电话", "", "是否同意电子送达", "", "电子送达地址", "", "受送达人签名或者盖章", ""};
        add(blocks, form(cells, 14));
        add(blocks, para("告知：受送达人应当如实提供送达地址；地址变更的，应当及时书面告知本局；因提供的地址不准确或者变更未告知，"
                         "导致文书未能被实际接收的，文书退回之日视为送达之日。", 0));
        sign_on = T(c, "clue_on");
    } else { /* closing_approval */
        snprintf(text, sizeof text, "%s；罚没款于%s缴清（加处罚款%lld元）", pen, T(c, "paid_on"), I(c, "late_fee_yuan"));
        const char *cells[] = {"案号", T(c, "case_no"), "当事人", T(c, "party_name"), "处理结果", pen, "执行情况",
                               *T(c, "paid_on") ? text : "已执行", "承办人意见", "建议结案。", "负责人审批意见", ""};
        add(blocks, form(cells, 12));
        sign_on = *T(c, "closed_on") ? T(c, "closed_on") : T(c, "paid_on");
    }
    date_cn(sign_on, date);
    *ret = json_pack("{s:s, s:s, s:s, s:o, s:{s:s, s:s}}", "kind", kind, "title", title, "agency", agency, "blocks", blocks,
                     "signature", "agency", agency, "date", date);
    return 0;
}
