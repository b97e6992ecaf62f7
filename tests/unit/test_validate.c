/* Identifier validators: credit code, ID number, licences, divisions, phones, text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/message.h"
#include "core/validate.h"

static void uscc_valid_example(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_uscc("9144030071526726XG", "uscc", &err), 0);
    assert_int_equal(sh_uscc_check_char("9144030071526726X"), 'G');
}

static void uscc_wrong_check_char(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_uscc("9144030071526726XH", "uscc", &err), SH_EINVAL);
    assert_string_equal(err.field, "uscc");
    assert_non_null(strstr(err.message, "should be G"));
}

static void uscc_forbidden_letters_and_length(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_uscc("9144030071526726XO", "uscc", &err), SH_EINVAL); /* O never appears */
    assert_int_equal(sh_check_uscc("9144030071526726X", "uscc", &err), SH_EINVAL);
    assert_int_equal(sh_check_uscc("", "uscc", &err), SH_EINVAL);
    assert_int_equal(sh_check_uscc(NULL, "uscc", &err), SH_EINVAL);
    /* registering authority 3 (司法行政) exists in GB 32100 Annex A but has no entity type 6 (it was
     * "authority 3 is not used" before the table became data: 31 is a law firm, valid now) */
    char code[19] = "3644030071526726X";
    code[17] = sh_uscc_check_char(code);
    code[18] = 0;
    assert_int_equal(sh_check_uscc(code, "uscc", &err), SH_EINVAL);
}

/* A credit code with the given authority and type, area and organisation code, and its check character. */
static const char *uscc_of(const char *head2, const char *area6, const char *org9)
{
    static char code[19];
    snprintf(code, sizeof code, "%s%s%s", head2, area6, org9);
    code[17] = sh_uscc_check_char(code);
    code[18] = 0;
    return code;
}

/* GB 32100-2015 Annex A: the registering authority and the entity types it registers (data/uscc-registrars.csv).
 * Organisation code 71526726X is the one of the standard's example 9144030071526726XG. */
static void uscc_authority_and_type(void **state)
{
    (void)state;
    static const struct { const char *head; int ok; } cases[] = {
        {"11", 1}, {"12", 1}, {"13", 1}, {"19", 1}, {"14", 0},             /* 1 机构编制: 1, 2, 3, 9 */
        {"21", 1}, {"29", 1}, {"22", 0},                                   /* 2 外交: 1, 9 */
        {"31", 1}, {"35", 1}, {"39", 1}, {"36", 0},                        /* 3 司法行政: 1-5, 9 */
        {"41", 1}, {"49", 1}, {"42", 0},                                   /* 4 文化: 1, 9 */
        {"51", 1}, {"52", 1}, {"53", 1}, {"59", 1}, {"54", 0},             /* 5 民政: 1, 2, 3, 9 */
        {"61", 1}, {"62", 1}, {"69", 1}, {"63", 0},                        /* 6 旅游: 1, 2, 9 */
        {"71", 1}, {"72", 1}, {"79", 1}, {"73", 0},                        /* 7 宗教: 1, 2, 9 */
        {"81", 1}, {"89", 1}, {"82", 0},                                   /* 8 工会: 1, 9 */
        {"91", 1}, {"92", 1}, {"93", 1}, {"94", 0}, {"99", 0},             /* 9 市场监管: 1, 2, 3 only */
        {"A1", 1}, {"A9", 1}, {"A2", 0},                                   /* A 中央军委改革和编制办公室: 1, 9 */
        {"N1", 1}, {"N2", 1}, {"N3", 1}, {"N9", 1}, {"N4", 0},             /* N 农业: 1 组级, 2 村级, 3 乡镇级, 9 */
        {"Y1", 1}, {"Y2", 0}, {"Y9", 0},                                   /* Y 其他: 1 only */
        {"B1", 0}, {"01", 0}, {"M1", 0},                                   /* no such authority */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sh_err err = {0};
        const char *code = uscc_of(cases[i].head, "440300", "71526726X");
        int rc = sh_check_uscc(code, "uscc", &err);
        if (rc != (cases[i].ok ? 0 : SH_EINVAL))
            fail_msg("%s: %d %s", code, rc, err.message);
        if (!cases[i].ok)
            assert_string_equal(err.field, "uscc");
    }
    sh_err err = {0};
    assert_int_equal(sh_check_uscc(uscc_of("94", "440300", "71526726X"), "uscc", &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "types 1, 2, 3 only"));
}

/* GB 11714-1997: weights 3 7 9 10 5 8 4 2, letters A=10 ... Z=35, check = 11 - sum mod 11, 10 -> X, 11 -> 0.
 * Worked by hand:
 *   71526726: 7*3+1*7+5*9+2*10+6*5+7*8+2*4+6*2 = 21+7+45+20+30+56+8+12 = 199; 199 mod 11 = 1; 11-1 = 10 -> X
 *   M000100Y: M=22, Y=34: 22*3+0+0+0+1*5+0+0+34*2 = 66+5+68 = 139; 139 mod 11 = 7; 11-7 = 4
 *   12345678: 3+14+27+40+25+48+28+16 = 201; 201 mod 11 = 3; 11-3 = 8
 *   00000000: 0; 11-0 = 11 -> 0
 * A mismatch is a warning, not a refusal (GB 32100 keeps positions 9-17 as they were issued). */
static void uscc_org_code_check_digit(void **state)
{
    (void)state;
    assert_int_equal(sh_org_code_check_char("71526726"), 'X');
    assert_int_equal(sh_org_code_check_char("M000100Y"), '4');
    assert_int_equal(sh_org_code_check_char("12345678"), '8');
    assert_int_equal(sh_org_code_check_char("00000000"), '0');
    assert_int_equal(sh_org_code_check_char("1234567a"), 0);
    sh_err err = {0};
    sh_warning w[4];
    /* right: accepted, no warning */
    assert_int_equal(sh_check_uscc("9144030071526726XG", "uscc", &err), 0);
    assert_int_equal(sh_uscc_warnings("9144030071526726XG", "uscc", NULL, NULL, w, 4), 0);
    assert_int_equal(sh_uscc_warnings(uscc_of("91", "350100", "M000100Y4"), "uscc", NULL, NULL, w, 4), 0);
    /* wrong (8 instead of X): accepted, one warning naming the field and the digit it should be */
    const char *wrong = uscc_of("91", "440300", "715267268");
    assert_int_equal(sh_check_uscc(wrong, "uscc", &err), 0);
    assert_int_equal(sh_uscc_warnings(wrong, "uscc", NULL, NULL, w, 4), 1);
    assert_string_equal(w[0].field, "uscc");
    assert_non_null(strstr(w[0].message, "should be X, not 8"));
}

static int demo_county(const char *code6, void *ctx)
{
    (void)ctx;
    return strcmp(code6, "360799") == 0;
}

/* GB/T 2260 (data/divisions-cn.csv): the area code, positions 3-8. */
static void uscc_area_code(void **state)
{
    (void)state;
    sh_err err = {0};
    sh_warning w[4];
    /* known: a prefecture (深圳市), a county (章贡区), national registration (100000) */
    assert_string_equal(sh_division_cn_name("440300"), "深圳市");
    assert_string_equal(sh_division_cn_name("360702"), "章贡区");
    assert_string_equal(sh_division_cn_name("360000"), "江西省");
    assert_null(sh_division_cn_name("360721"));
    assert_null(sh_division_cn_name("36072"));
    assert_int_equal(sh_uscc_warnings(uscc_of("91", "360702", "71526726X"), "uscc", NULL, NULL, w, 4), 0);
    assert_int_equal(sh_check_uscc(uscc_of("11", "100000", "71526726X"), "uscc", &err), 0);
    assert_int_equal(sh_uscc_warnings(uscc_of("11", "100000", "71526726X"), "uscc", NULL, NULL, w, 4), 0);
    /* abolished but plausible: 赣县 360721 became 赣县区 360704 in 2016; its old codes stay valid, with a warning */
    const char *old = uscc_of("92", "360721", "71526726X");
    assert_int_equal(sh_check_uscc(old, "uscc", &err), 0);
    assert_int_equal(sh_uscc_warnings(old, "uscc", NULL, NULL, w, 4), 1);
    assert_non_null(strstr(w[0].message, "360721"));
    /* the platform's own county (fictitious 360799) counts as known when the platform holds it */
    const char *demo = uscc_of("92", "360799", "71526726X");
    assert_int_equal(sh_uscc_warnings(demo, "uscc", NULL, NULL, w, 4), 1);
    assert_int_equal(sh_uscc_warnings(demo, "uscc", demo_county, NULL, w, 4), 0);
    /* both doubts at once */
    assert_int_equal(sh_uscc_warnings(uscc_of("92", "360721", "715267268"), "uscc", NULL, NULL, w, 4), 2);
    /* an impossible province is refused */
    assert_int_equal(sh_check_uscc(uscc_of("91", "990300", "71526726X"), "uscc", &err), SH_EINVAL);
    assert_string_equal(err.field, "uscc");
    assert_non_null(strstr(err.message, "99"));
    assert_int_equal(sh_check_uscc(uscc_of("91", "200300", "71526726X"), "uscc", &err), SH_EINVAL);
}

static void id_number(void **state)
{
    (void)state;
    sh_err err = {0};
    char id[19] = "11010519491231002";
    id[17] = sh_id_check_char(id);
    id[18] = 0;
    assert_int_equal(id[17], 'X'); /* the standard's worked example */
    assert_int_equal(sh_check_id_number(id, "id", &err), 0);
    id[17] = '1';
    assert_int_equal(sh_check_id_number(id, "id", &err), SH_EINVAL);
    /* 31 February is no birth date, even with a correct check digit */
    char bad[19] = "11010519490231002";
    bad[17] = sh_id_check_char(bad);
    bad[18] = 0;
    assert_int_equal(sh_check_id_number(bad, "id", &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "1949-02-31"));
}

static void licences(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_sc_licence("SC10436079900123", "licence_no", &err), 0);
    assert_int_equal(sh_check_sc_licence("SC19936079900123", "licence_no", &err), SH_EINVAL); /* category 199 */
    assert_int_equal(sh_check_sc_licence("SC10499079900123", "licence_no", &err), SH_EINVAL); /* province 99 */
    assert_int_equal(sh_check_sc_licence("SC1043607990012", "licence_no", &err), SH_EINVAL);  /* 13 digits */
    assert_int_equal(sh_check_jy_licence("JY23607990000017", "licence_no", &err), 0);
    assert_int_equal(sh_check_jy_licence("JY43607990000017", "licence_no", &err), SH_EINVAL); /* type 4 */
    assert_int_equal(sh_check_jy_licence("SC23607990000017", "licence_no", &err), SH_EINVAL);
}

/* SC categories (SAMR 食品生产许可分类目录): foods 101-131, additives 201-203; nothing else. */
static void sc_categories(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_sc_licence("SC10136070200123", "licence_no", &err), 0);
    assert_int_equal(sh_check_sc_licence("SC13136070200123", "licence_no", &err), 0);
    assert_int_equal(sh_check_sc_licence("SC13236070200123", "licence_no", &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "101-131"));
    assert_int_equal(sh_check_sc_licence("SC10036070200123", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_sc_licence("SC20136070200123", "licence_no", &err), 0);
    assert_int_equal(sh_check_sc_licence("SC20336070200123", "licence_no", &err), 0);
    assert_int_equal(sh_check_sc_licence("SC20436070200123", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_sc_licence("SC30136070200123", "licence_no", &err), SH_EINVAL);
}

/* The kind of a licence must match its number (SC production, JY trade, YB filing: SAMR Order 78,
 * 2023); filing, workshop and stall numbers follow data/licence-patterns.csv. */
static void licence_kind_and_number(void **state)
{
    (void)state;
    sh_err err = {0};
    /* a filing with a JY number is refused, naming the field and the kind the number is */
    assert_int_equal(sh_check_licence_number("filing", "36", "JY13607990000017", "licence_no", &err), SH_EINVAL);
    assert_string_equal(err.field, "licence_no");
    assert_non_null(strstr(err.message, "食品经营许可证"));
    assert_int_equal(sh_check_licence_number("sc", "36", "JY13607990000017", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("jy", "36", "SC10136070200123", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("workshop_reg", "36", "SC10136070200123", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("stall_record", "44", "YB14403000000017", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("sc", "36", "SC10136070200123", "licence_no", &err), 0);
    assert_int_equal(sh_check_licence_number("jy", "36", "JY13607990000017", "licence_no", &err), 0);
    /* filing: YB + 14 digits, area in the business's province */
    assert_int_equal(sh_check_licence_number("filing", "36", "YB13607990000017", "licence_no", &err), 0);
    assert_int_equal(sh_check_licence_number("filing", NULL, "YB14403000000017", "licence_no", &err), 0);
    assert_int_equal(sh_check_licence_number("filing", "36", "YB14403000000017", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("filing", "36", "YB1360799000017", "licence_no", &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "YB+14位数字"));
    assert_int_equal(sh_check_licence_number("filing", "36", "备案123456", "licence_no", &err), SH_EINVAL);
    /* Jiangxi (36) workshop and stall numbers by the province's row */
    assert_int_equal(sh_check_licence_number("workshop_reg", "36", "赣食坊登字〔2023〕第0001号", "licence_no", &err), 0);
    assert_int_equal(sh_check_licence_number("workshop_reg", "36", "赣食坊登字〔2023〕第001号", "licence_no", &err), SH_EINVAL);
    assert_string_equal(err.field, "licence_no");
    assert_non_null(strstr(err.message, "小作坊登记证编号应为“赣食坊登字〔年份〕第NNNN号”"));
    assert_non_null(strstr(err.message, "in province 36"));
    assert_int_equal(sh_check_licence_number("workshop_reg", "36", "赣食坊登字〔1899〕第0001号", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("stall_record", "36", "赣食摊登字〔2024〕第00012号", "licence_no", &err), 0);
    assert_int_equal(sh_check_licence_number("stall_record", "36", "赣食坊登字〔2024〕第00012号", "licence_no", &err), SH_EINVAL);
    /* a province without a row of its own: text of 4-50 characters */
    assert_int_equal(sh_check_licence_number("workshop_reg", "44", "粤食坊登字123", "licence_no", &err), 0);
    assert_int_equal(sh_check_licence_number("workshop_reg", "44", "粤1", "licence_no", &err), SH_EINVAL);
    assert_int_equal(sh_check_licence_number("permit", "36", "X1234", "licence_no", &err), SH_EINVAL);
}

static void divisions_and_phones(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_division_code("360799", "d", &err), 0);
    assert_int_equal(sh_check_division_code("360799101000", "d", &err), 0);
    assert_int_equal(sh_check_division_code("990799", "d", &err), SH_EINVAL);
    assert_int_equal(sh_check_division_code("36079", "d", &err), SH_EINVAL);
    assert_int_equal(sh_check_phone("13907971234", "p", &err), 0);
    assert_int_equal(sh_check_phone("0797-8123456", "p", &err), 0);
    assert_int_equal(sh_check_phone("12907971234", "p", &err), SH_EINVAL);
    assert_int_equal(sh_check_phone("1390797123", "p", &err), SH_EINVAL);
    assert_int_equal(sh_check_phone("0797-81234", "p", &err), SH_EINVAL);
}

static void text_rules(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_text("青禾县老李家常菜馆", 2, 100, "name", &err), 0);
    assert_int_equal(sh_utf8_len("青禾县"), 3);
    assert_int_equal(sh_check_text("", 1, 10, "name", &err), SH_EINVAL);
    assert_int_equal(sh_check_text("\xC0\xAF", 0, 10, "name", &err), SH_EINVAL); /* overlong '/' */
    assert_int_equal(sh_check_text("a\x01", 0, 10, "name", &err), SH_EINVAL);
    assert_int_equal(sh_check_text("一二三四五六", 1, 5, "name", &err), SH_EINVAL);
}

/* Personal data in public text: each pattern, and what lies just outside it. */
static void personal_data(void **state)
{
    (void)state;
    const char *refused[] = {
        "请联系13812345678", "电话 138 1234 5678 谢谢", "138-1234-5678", "19912345678",   /* mobiles */
        "店里电话0797-8123456", "010-12345678", "0755 12345678", "07978123456",          /* landlines */
        "身份证36072219900101123X", "360722199001011234", "id 36072219900101123x。",     /* resident ids */
        "邮箱 li.si@example.com", "a@b.cn",                                                /* e-mail */
        "手机１３８１２３４５６７８", "+8613812345678", "+86 138-1234-5678", "li＠example.com",   /* full-width, +86 */
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        sh_err err = {0};
        if (sh_check_no_personal_data(refused[i], "reason", &err) != SH_EINVAL)
            fail_msg("not refused: %s", refused[i]);
        assert_string_equal(err.field, "reason");
        assert_non_null(strstr(err.message, "请勿填写手机号、身份证号等个人信息"));
    }
    const char *passed[] = {
        "1381234567",            /* 10 digits: not a mobile */
        "138123456789",          /* 12 digits: not a mobile */
        "12812345678",           /* 12x is no mobile prefix */
        "凉皮13.50元一份", "价格138.12345678",
        "2026-12-06买的", "生产日期20261206", "批号 0797812",    /* dates, a lot number */
        "36072219900101123",     /* 17 digits */
        "3607221990010112345",   /* 19 digits */
        "@张三 说的", "a@b", "邮箱 x@example", "", NULL, "散装花生油，菜市场东门第3家",
        "８６１３８１２３４５６", "价格１３．５０元", "861381234567",  /* 86 and 10 digits; a full-width price */
    };
    for (size_t i = 0; i < sizeof passed / sizeof *passed; i++) {
        sh_err err = {0};
        if (sh_check_no_personal_data(passed[i], "reason", &err) != 0)
            fail_msg("refused: %s (%s)", passed[i] ? passed[i] : "NULL", err.message);
    }
}

/* The console shows a message's Chinese; the English gloss goes beside it (message_en). */
static void message_gloss(void **state)
{
    (void)state;
    const struct {
        const char *msg, *zh, *en;
    } cases[] = {
        {"日期应为YYYY-MM-DD (must be a real date)", "日期应为YYYY-MM-DD", "must be a real date"},
        {"应为1到200之间的整数 (a whole number from 1 to 200)", "应为1到200之间的整数", "a whole number from 1 to 200"},
        {"中文 (a) 再说 (b)", "中文 (a) 再说", "b"},   /* the last parenthesis only */
        {"营业执照（副本）", "营业执照（副本）", NULL}, /* full-width brackets are Chinese */
        {"编号 (含中文说明)", "编号 (含中文说明)", NULL}, /* a bracket holding Chinese is not a gloss */
        {"见 (GB 31654) 第5条", "见 (GB 31654) 第5条", NULL},
        {"x (y (z))", "x (y (z))", NULL},
        {"(all gloss)", "(all gloss)", NULL},
        {"", "", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *o = json_object();
        sh_json_set_message(o, cases[i].msg);
        assert_string_equal(json_string_value(json_object_get(o, "message")), cases[i].zh);
        const char *en = json_string_value(json_object_get(o, "message_en"));
        if (cases[i].en)
            assert_string_equal(en, cases[i].en);
        else
            assert_null(en);
        json_decref(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uscc_valid_example), cmocka_unit_test(uscc_wrong_check_char),
        cmocka_unit_test(uscc_forbidden_letters_and_length), cmocka_unit_test(id_number),
        cmocka_unit_test(licences), cmocka_unit_test(divisions_and_phones), cmocka_unit_test(text_rules), cmocka_unit_test(personal_data),
        cmocka_unit_test(uscc_authority_and_type), cmocka_unit_test(uscc_org_code_check_digit),
        cmocka_unit_test(uscc_area_code), cmocka_unit_test(sc_categories), cmocka_unit_test(licence_kind_and_number),
        cmocka_unit_test(message_gloss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
