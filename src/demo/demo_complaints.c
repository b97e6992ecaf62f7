/* Complaint history of the demo county (demo_complaints.h).
 *
 * Two passes. The plan: record i draws from its own stream (STREAM_COMPLAINTS, i) its kind, channel and
 * the day it came in; a few of the youngest are then held at a stage (one of each open status) and two
 * are left overdue, and the records are ordered by the time they came in so that ids follow time. The
 * writing: each record goes on drawing from its stream (the respondent, the facts, the person, the
 * steps). The steps are those domain/complaints/steps.c takes, with its statuses, deadlines (working
 * days from sh_workdays_add on the dates chosen), bases and public notes; a step is taken only when its
 * day has come (before today), and one drawn late only when that day has come too, so that an open
 * record is overdue only where meant. A deadline passed while open was escalated by the daily sweep
 * the day after, as sh_complaints_remind leaves it (its step, escalated_due and reminded_due). Rows
 * are written directly, as the rest of the generator does; no messages go to the outbox. */
#include "demo/demo_complaints.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/civil.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "demo/demo_names.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"

enum { STREAM_COMPLAINTS = 15 }; /* after demo_sampling.c's */
#define MIN_MS 60000LL
#define HISTORY_DAYS 120
#define PER_BUSINESSES 25
#define MIN_RECORDS 12  /* from MIN_FOR_MIN businesses on */
#define MIN_FOR_MIN 100
#define MAX_TOWNS 128

/* The rules' deadlines and bases, as domain/complaints/complaint_int.h has them. */
#define ACCEPT_WD 7
#define MEDIATE_WD 45
#define TELL_WD 7
#define VERIFY_WD 15
#define TELL_REPORTER_WD 5
#define BASIS "投诉举报处理暂行办法"
#define BASIS_CASE "市场监督管理行政处罚程序规定 第十八条"

#define N(a) ((long)(sizeof(a) / sizeof *(a)))
#define PICK(r, list) (list[sh_rng_below((r), (long)list##_n)])
#define PICK_A(r, arr) (arr[sh_rng_below((r), N(arr))])

enum { K_COMPLAINT, K_REPORT, K_OPINION };
static const char *const kind_names[] = {"complaint", "report", "opinion"};
static const char *const kind_zh[] = {"投诉", "举报", "舆情"};

/* Where a record is held (T_NATURAL: as far as its days have come). */
enum { T_NATURAL, T_REGISTERED, T_DISPATCHED, T_ACCEPTED, T_MEDIATING, T_VERIFYING, T_DECIDED, T_OVERDUE };

/* ---- what people complain of ---- */

enum { C_QUALITY, C_EXPIRED, C_FOREIGN, C_HYGIENE, C_ILLNESS, C_LABEL, C_ADDITIVE, C_NO_LICENCE, C_FALSE_CLAIM, C_OTHER, NCAT };
static const char *const categories[NCAT] = {"food_quality", "expired",    "foreign_matter", "hygiene",     "illness",
                                             "labelling",    "additive",   "no_licence",     "false_claim", "other"};
/* weights per kind: complaint, report, opinion */
static const int cat_weight[NCAT][3] = {
    {12, 4, 3}, {16, 8, 2}, {16, 2, 6}, {12, 16, 8}, {10, 4, 6}, {8, 8, 0}, {4, 14, 2}, {2, 16, 1}, {6, 6, 2}, {4, 2, 0},
};

typedef struct story {
    const char *facts, *request;
} story;

/* Per category: what happened and what the complainant asks for. */
static const story stories[NCAT][3] = {
    [C_QUALITY] = {{"在该店购买的熟食有明显酸味，口感异常，怀疑已经变质，与店家沟通后对方不承认存在质量问题。", "退还货款并赔偿损失"},
                   {"购买的散装大米开袋后发现有大量米虫和霉变颗粒，店家称是保存不当造成的，拒绝退换。", "退货退款"},
                   {"在该店点的外卖菜品中肉类未熟透，内部带血，联系商家只同意重做一份。", "退还餐费并作出书面道歉"}},
    [C_EXPIRED] = {{"在该店货架上购买的酸奶已超过保质期三天，回家后才发现，店员称是系统漏下架。", "按照食品安全法规定给予十倍赔偿"},
                   {"购买的面包生产日期标注为一周前，保质期五天，已经过期仍在销售，包装内可见霉点。", "退款并按规定赔偿"},
                   {"店内冷柜中多包速冻水饺超过保质期仍在销售，本人购买两包，食用前发现。", "退一赔十"}},
    [C_FOREIGN] = {{"在该店就餐时，汤粉里吃出一根约三厘米长的头发，服务员只表示可以换一碗。", "免单并赔礼道歉"},
                   {"点的炒饭中吃出一块金属片，险些划伤口腔，当场拍照留存，商家态度敷衍。", "赔偿医疗检查费用并整改后厨"},
                   {"购买的袋装饼干中发现一只死虫，包装完好，已保留实物和购物小票。", "退款并赔偿"}},
    [C_HYGIENE] = {{"该店后厨地面油污严重，生熟食品混放，苍蝇较多，从后门经过时亲眼所见，并拍了照片。", "请监管部门检查并督促整改"},
                   {"该店员工未戴口罩和帽子直接用手抓取熟食，收钱后也不洗手，卫生状况堪忧。", "要求商家整改，规范操作"},
                   {"店门口的餐具消毒柜长期不通电，碗筷只用清水冲一下就给下一位顾客使用。", "请依法查处并要求整改"}},
    [C_ILLNESS] = {{"一家三口在该店就餐后当晚出现腹泻、呕吐症状，到县人民医院就诊，诊断为急性胃肠炎，保留了病历和消费凭证。", "赔偿医疗费、误工费"},
                   {"在该店购买凉拌菜食用后出现腹痛腹泻，同桌另两人也有类似症状，已到卫生院就诊。", "赔偿医疗费并查明原因"},
                   {"孩子在该店吃了炸串后出现皮疹和呕吐，到医院就诊后好转，怀疑油品有问题。", "赔偿医疗费用，查明所用食用油来源"}},
    [C_LABEL] = {{"购买的预包装米粉没有标注生产日期和生产厂家，包装上只有品名，怀疑是三无产品。", "退货退款并查处"},
                 {"该店销售的散装食品没有标明名称、生产日期、保质期和生产者，价签与实物不符。", "要求规范标识，退还差价"},
                 {"购买的进口饼干无中文标签，店家无法提供入境货物检验检疫证明。", "退款并依法赔偿"}},
    [C_ADDITIVE] = {{"该店卖的油条颜色异常发亮，口感发苦，怀疑超量使用含铝泡打粉。", "请抽样检测并依法处理"},
                    {"该店的卤肉颜色特别鲜红，放置多日不变色，怀疑违规添加亚硝酸盐或色素。", "请监管部门抽检"},
                    {"店里的馒头特别白，有刺鼻气味，怀疑使用了漂白剂。", "请依法查处"}},
    [C_NO_LICENCE] = {{"该处长期无证经营熟食加工，店内未悬挂任何许可证件，加工环境简陋。", "请依法取缔"},
                      {"该摊点每天晚上在路边加工烧烤，没有营业执照和食品经营许可，油烟和卫生问题突出。", "请查处无证经营"},
                      {"该作坊在民房内生产米粉，未取得生产许可证，产品供应周边多家早餐店。", "请依法查处"}},
    [C_FALSE_CLAIM] = {{"该店宣传其销售的蜂蜜为纯天然土蜂蜜，实际配料表含有果葡糖浆。", "退一赔三"},
                       {"店家宣称所售保健食品能治疗高血压、糖尿病，劝说老人大量购买。", "退款并查处虚假宣传"},
                       {"外卖平台上宣传是现做现卖，实际为料理包加热，与宣传严重不符。", "退还货款"}},
    [C_OTHER] = {{"在该店办理的储值卡余额无法使用，店家换了老板后不认账。", "退还卡内余额"},
                 {"点餐时店家未明码标价，结账时价格明显偏高，与口头报价不一致。", "退还多收的费用"},
                 {"该店拒绝提供发票和消费凭证，无法维权。", "要求商家提供消费凭证"}},
};

/* 舆情: the outlet, its link, what it showed. */
static const struct {
    const char *name, *host;
} outlets[] = {
    {"抖音", "www.douyin.com/video/"},     {"快手", "www.kuaishou.com/short-video/"},
    {"本地论坛", "bbs.example-county.cn/thread-"}, {"微信公众号", "mp.weixin.qq.com/s/"},
    {"今日头条", "www.toutiao.com/article/"},
};

/* Respondents off the registry: a kind of place, its category. */
static const struct {
    const char *name, *address;
    int category;
} hawkers[] = {
    {"%s夜市烧烤摊位", "%s夜市", C_NO_LICENCE}, {"%s集市流动摊贩（卖卤味）", "%s集市", C_HYGIENE},
    {"%s农贸市场门口无名米粉作坊", "%s农贸市场东侧", C_NO_LICENCE}, {"%s车站旁流动早餐车", "%s汽车站旁", C_HYGIENE},
    {"%s学校门口小吃摊", "%s中心小学门口", C_ADDITIVE},
};

static const char *const reject_reasons[][3] = {
    /* reason, label (steps.c REJECT_REASONS), a note or NULL */
    {"outside_competence", "不属于市场监督管理部门职责", "投诉事项不属于市场监督管理部门职责范围，已告知投诉人向有关部门反映"},
    {"not_competent", "本部门不具有处理权限", "被投诉人实际经营地不在本县，已告知投诉人向经营地市场监管部门投诉"},
    {"no_parties", "投诉人或被投诉人不明确", NULL},
    {"no_facts", "无具体的投诉请求和事实", NULL},
    {"duplicate", "同一投诉已经受理或处理", NULL},
    {"too_old", "自消费者权益争议发生之日起超过三年", NULL},
    {"other", "其他", "投诉人已通过诉讼途径解决"},
};

static const char *const agreed_notes[] = {
    "经调解，商家退还货款并赔偿人民币500元，双方签订调解协议",
    "经调解，被投诉人当面赔礼道歉并退还餐费，投诉人表示满意",
    "经调解，被投诉人按购买价款的十倍赔偿投诉人人民币1000元",
    "经调解，被投诉人承担医疗费用人民币860元，双方达成一致",
    "经调解，商家同意退货退款并承诺整改，投诉人接受",
};
static const char *const session_notes[] = {
    "组织双方到所里调解，被投诉人同意退款但对赔偿金额有异议，约定再次协商",
    "电话联系双方，分别了解诉求，商家提出愿意部分赔偿",
    "实地核查被投诉人经营场所，调取进货票据，向双方说明法律规定",
};
static const char *const report_case_notes[] = {
    "经现场检查，举报情况属实，已立案调查",
    "现场查获过期食品若干，已扣押并立案查处",
    "经核查，当事人未取得食品经营许可从事经营活动，已立案",
};
static const char *const report_no_case_notes[] = {
    "经现场检查，未发现举报所称违法行为，已督促经营者规范经营",
    "现场检查时经营者证照齐全，进货查验记录完整，举报内容不属实",
    "举报所指地点已停止经营，未发现违法事实",
};
static const char *const opinion_notes[] = {
    "经核查，视频反映的卫生问题属实，已责令限期整改，并通过该平台回应网民关切",
    "经核查，帖子所述情况与事实不符，已约谈发帖人并说明情况",
    "已会同属地乡镇开展现场检查，当事人已整改到位，相关舆情已平息",
};
static const char *const rating_comments_good[] = {"处理及时，态度很好", "问题得到解决，谢谢", "工作人员很负责", NULL, NULL};
static const char *const rating_comments_bad[] = {"处理太慢，等了很久", "赔偿太少，不满意"};

/* ---- the county as the generator found it ---- */

typedef struct town {
    char code[13], name[64];
    int64_t official;
    char official_name[96];
} town;

typedef struct biz {
    int64_t id;
    int16_t town;
} biz;

/* One record as the plan draws it; r goes on into the writing. */
typedef struct rec {
    sh_rng r;
    int64_t received;   /* day */
    int64_t received_at;
    int kind, channel, target;
    int off_registry;   /* the respondent is not on the registry */
    int fate;           /* a complaint: 0 agreed, 1 terminated, 2 rejected (when its days come) */
    long seq;           /* its stream index: the order of the plan, for ties */
} rec;

enum { CH_PORTAL, CH_PHONE, CH_12315, CH_WALK_IN, CH_LETTER, CH_MEDIA };
static const char *const channel_names[] = {"portal", "phone", "12315", "walk_in", "letter", "media"};

typedef struct ctx {
    sh_db *db;
    sh_err *err;
    uint64_t seed;
    int64_t today, cutoff;
    char county_code[13];
    int64_t county_id;
    char county_name[96]; /* the county official's display name */
    town towns[MAX_TOWNS];
    int ntowns;
    biz *biz;
    long nbiz;
    char (*codes)[11];
    long ncodes;
    int rc;
} ctx;

static void day_text(int64_t day, char out[11])
{
    sh_date_of_days(day, out);
}

static int is_workday(ctx *x, int64_t day)
{
    char s[11];
    day_text(day, s);
    int w = 1;
    int rc = sh_is_workday(x->db, s, &w, x->err);
    if (rc && !x->rc)
        x->rc = rc;
    return w;
}

/* The day n working days after day (n >= 1), as the domain computes a deadline. */
static int64_t wd_add(ctx *x, int64_t day, int n)
{
    char from[11], due[11];
    day_text(day, from);
    int rc = sh_workdays_add(x->db, from, n, due, x->err);
    if (rc) {
        if (!x->rc)
            x->rc = rc;
        return day + n;
    }
    return sh_date_days(due);
}

/* The day itself when a working day, else the next. */
static int64_t workday_from(ctx *x, int64_t day)
{
    return wd_add(x, day - 1, 1);
}

/* The day itself when a working day, else the one before. */
static int64_t workday_back(ctx *x, int64_t day)
{
    for (int i = 0; i < 15 && !is_workday(x, day); i++)
        day--;
    return day;
}

static int64_t office_at(sh_rng *r, int64_t day)
{
    return sh_beijing_day_start_ms(day) + (8 * 60 + 30 + sh_rng_below(r, 9 * 60)) * MIN_MS + sh_rng_below(r, 60) * 1000;
}

static int load_county(ctx *x)
{
    sh_stmt *st = sh_db_prepare(x->db, "SELECT code FROM divisions WHERE level = 1 ORDER BY code", x->err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, x->err);
    if (rc == SH_ROW)
        snprintf(x->county_code, sizeof x->county_code, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    st = sh_db_prepare(x->db, "SELECT code, name FROM divisions WHERE level = 2 ORDER BY code", x->err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW && x->ntowns < MAX_TOWNS) {
        town *t = &x->towns[x->ntowns++];
        snprintf(t->code, sizeof t->code, "%s", sh_col_text(st, 0));
        snprintf(t->name, sizeof t->name, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    st = sh_db_prepare(x->db,
                       "SELECT id, role, coalesce(division_code, ''), display_name FROM users"
                       " WHERE role IN ('county', 'township') AND disabled = 0 ORDER BY id",
                       x->err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW) {
        const char *role = sh_col_text(st, 1), *division = sh_col_text(st, 2);
        if (!strcmp(role, "county") && !x->county_id && !strcmp(division, x->county_code)) {
            x->county_id = sh_col_int64(st, 0);
            snprintf(x->county_name, sizeof x->county_name, "%s", sh_col_text(st, 3));
        } else if (!strcmp(role, "township")) {
            for (int t = 0; t < x->ntowns; t++)
                if (!strcmp(x->towns[t].code, division) && !x->towns[t].official) {
                    x->towns[t].official = sh_col_int64(st, 0);
                    snprintf(x->towns[t].official_name, sizeof x->towns[t].official_name, "%s", sh_col_text(st, 3));
                }
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* Active businesses whose township the platform holds. */
static int load_businesses(ctx *x, int64_t *ret_active)
{
    sh_stmt *st = sh_db_prepare(x->db, "SELECT id, division_code FROM entities WHERE status = 'active' ORDER BY id", x->err);
    if (!st)
        return SH_EINTERNAL;
    long cap = 0;
    int rc;
    *ret_active = 0;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW) {
        (*ret_active)++;
        char code[13];
        snprintf(code, sizeof code, "%.9s000", sh_col_text(st, 1));
        int ti = -1;
        for (int t = 0; t < x->ntowns && ti < 0; t++)
            if (!strcmp(x->towns[t].code, code))
                ti = t;
        if (ti < 0)
            continue;
        if (x->nbiz == cap) {
            cap = cap ? cap * 2 : 256;
            x->biz = realloc(x->biz, (size_t)cap * sizeof *x->biz);
            if (!x->biz)
                abort();
        }
        x->biz[x->nbiz++] = (biz){.id = sh_col_int64(st, 0), .town = (int16_t)ti};
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- the plan ---- */

static int pick_channel(sh_rng *r, int kind)
{
    if (kind == K_OPINION)
        return CH_MEDIA;
    /* portal, phone, 12315, walk_in, letter */
    static const int w[2][5] = {{40, 25, 25, 6, 4}, {45, 30, 10, 5, 10}};
    long v = sh_rng_below(r, 100);
    for (int c = 0; c < 5; c++) {
        if (v < w[kind][c])
            return c;
        v -= w[kind][c];
    }
    return CH_PORTAL;
}

/* The day and time it came in: by the portal at any hour of any day; otherwise registered by the
 * county's staff in office hours of a working day. */
static void set_received(ctx *x, rec *p, int64_t day)
{
    if (p->channel != CH_PORTAL) {
        day = workday_back(x, day);
        if (day < x->today - HISTORY_DAYS)
            day = workday_from(x, day);
        p->received = day;
        p->received_at = office_at(&p->r, day);
    } else {
        static const int hour_w[24] = {1, 0, 0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 6, 6, 4, 2};
        long v = sh_rng_below(&p->r, 65), h = 0;
        while (h < 23 && v >= hour_w[h])
            v -= hour_w[h++];
        p->received = day;
        p->received_at = sh_beijing_day_start_ms(day) + (h * 60 + sh_rng_below(&p->r, 60)) * MIN_MS + sh_rng_below(&p->r, 60) * 1000;
    }
}

static int by_time(const void *a, const void *b)
{
    const rec *p = a, *q = b;
    if (p->received_at != q->received_at)
        return p->received_at < q->received_at ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Holds the youngest record of a kind not yet held at a stage, moved into the window of days ago
 * [lo, hi] when it came in outside it (a report held at decided gets a person when written). */
static void hold(ctx *x, rec *p, long n, int kind, int target, int lo, int hi)
{
    for (long i = n - 1; i >= 0; i--) {
        rec *q = &p[i];
        if (q->kind != kind || q->target != T_NATURAL)
            continue;
        q->target = target;
        long age = x->today - q->received;
        if (age < lo || age > hi)
            set_received(x, q, x->today - lo - sh_rng_below(&q->r, hi - lo + 1));
        return;
    }
}

/* ---- the writing ---- */

/* What the record is as its steps leave it. */
typedef struct state {
    const char *status, *due_step, *due_basis, *outcome, *outcome_note, *reject_reason, *reward_note;
    int64_t due, accepted_on, mediation_due, closed_on, handler, reward_yuan, last_at;
    int64_t escalated; /* the last deadline the sweep escalated */
    int64_t reminded;  /* the last deadline the sweep reminded of */
    int verify_extended;
} state;

typedef struct writer {
    ctx *x;
    rec *p;
    int64_t id;
    state s;
    int town;
} writer;

static int insert_step(writer *w, const char *step, int64_t day, int64_t t, int64_t actor, const char *actor_name,
                       const char *note, const char *public_note, int64_t due);

/* The sweep's escalation of a deadline passed, on the first day after it (sh_complaints_remind: the
 * step it logs has no actor, which cp_log_step names 公众). */
static int escalate(writer *w, int64_t due)
{
    int64_t day = due + 1;
    if (day >= w->x->today || w->s.escalated == due)
        return 0;
    w->s.escalated = w->s.reminded = due;
    int64_t t = sh_beijing_day_start_ms(day) + (5 + sh_rng_below(&w->p->r, 30)) * MIN_MS;
    return insert_step(w, "escalated", day, t, 0, "公众", "已超过办理期限，已提醒县局督办", NULL, 0);
}

/* Logs a step as cp_log_step does: late when done after the deadline it answered (which the sweep
 * escalated the day after). */
static int log_step(writer *w, const char *step, int64_t day, int64_t actor, const char *actor_name, const char *note,
                    const char *public_note, int64_t due)
{
    if (due && day > due) {
        int rc = escalate(w, due);
        if (rc)
            return rc;
    }
    int64_t t = day == w->p->received ? w->p->received_at : office_at(&w->p->r, day);
    return insert_step(w, step, day, t, actor, actor_name, note, public_note, due);
}

static int insert_step(writer *w, const char *step, int64_t day, int64_t t, int64_t actor, const char *actor_name,
                       const char *note, const char *public_note, int64_t due)
{
    ctx *x = w->x;
    if (t <= w->s.last_at)
        t = w->s.last_at + (5 + sh_rng_below(&w->p->r, 50)) * MIN_MS;
    if (t >= x->cutoff)
        t = x->cutoff - 1000;
    w->s.last_at = t;
    char done[11], dues[11];
    day_text(day, done);
    if (due)
        day_text(due, dues);
    int late = due && day > due;
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO complaint_steps(complaint_id, step, note, public_note, due_on, done_on, late,"
                                " actor_id, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, w->id);
    sh_bind_text(st, 2, step);
    sh_bind_text_or_null(st, 3, note);
    sh_bind_text_or_null(st, 4, public_note);
    sh_bind_text_or_null(st, 5, due ? dues : NULL);
    sh_bind_text(st, 6, done);
    sh_bind_int64(st, 7, late);
    sh_bind_int64_or_null(st, 8, actor);
    sh_bind_text(st, 9, actor_name);
    sh_bind_int64(st, 10, t);
    return sh_stmt_run(st, x->err) < 0 ? SH_EINTERNAL : 0;
}

/* Whether a step drawn for `day` is taken: its day has come (a held record takes the steps up to its
 * stage on the last working day before today at the latest). *day may move. */
static int comes(writer *w, int64_t prev, int64_t *day, int forced)
{
    ctx *x = w->x;
    if (*day < x->today)
        return 1;
    if (!forced)
        return 0;
    int64_t d = workday_back(w->x, x->today - 1);
    *day = d < prev ? prev : d;
    return 1;
}

/* A step due by `due`: on time at `on_time`; a few late (1-3 working days after the deadline) when
 * that day has come. */
static int64_t maybe_late(writer *w, int64_t on_time, int64_t due, int permille)
{
    if (on_time > due)
        on_time = due;
    if (!sh_rng_permille(&w->p->r, permille))
        return on_time;
    int64_t late = wd_add(w->x, due, 1 + (int)sh_rng_below(&w->p->r, 3));
    return late < w->x->today ? late : on_time;
}

static void set_due(writer *w, int64_t due, const char *step, const char *basis)
{
    w->s.due = due;
    w->s.due_step = step;
    w->s.due_basis = basis;
}

static void close_on(writer *w, int64_t day)
{
    w->s.status = "closed";
    w->s.closed_on = day;
    set_due(w, 0, NULL, NULL);
}

/* registered → dispatched: who registered it, the county dispatching it to the township. Returns 1
 * when the record goes on (dispatched), 0 when it stays, <0 on failure. */
static int start(writer *w, const char *code, int64_t *ret_day)
{
    ctx *x = w->x;
    rec *p = w->p;
    char note[160];
    snprintf(note, sizeof note, "已收到您的%s，编号 %s", kind_zh[p->kind], code);
    int staff = p->channel != CH_PORTAL;
    int rc = log_step(w, "registered", p->received, staff ? x->county_id : 0, staff ? x->county_name : "公众", NULL, note, 0);
    if (rc)
        return rc;
    if (p->target == T_REGISTERED)
        return 0;
    int64_t day = sh_rng_permille(&p->r, 400) ? workday_from(x, p->received) : wd_add(x, p->received, 1 + (int)sh_rng_below(&p->r, 2));
    if (!comes(w, p->received, &day, p->target != T_NATURAL))
        return 0;
    const town *t = &x->towns[w->town];
    snprintf(note, sizeof note, "转%s市场监管所办理", t->name);
    if ((rc = log_step(w, "dispatched", day, x->county_id, x->county_name, note, NULL, 0)) != 0)
        return rc;
    w->s.status = "dispatched";
    w->s.handler = t->official;
    *ret_day = day;
    return p->target == T_DISPATCHED || (p->target == T_OVERDUE && p->kind == K_COMPLAINT) ? 0 : 1;
}

static const char *handler_name(writer *w)
{
    const town *t = &w->x->towns[w->town];
    return t->official ? t->official_name : w->x->county_name;
}

static int64_t handler_id(writer *w)
{
    const town *t = &w->x->towns[w->town];
    return t->official ? t->official : w->x->county_id;
}

static int complaint_steps(writer *w, const char *code)
{
    ctx *x = w->x;
    rec *p = w->p;
    sh_rng *r = &p->r;
    set_due(w, wd_add(x, p->received, ACCEPT_WD), "accept", BASIS " 第十四条");
    int forced = p->target != T_NATURAL && p->target != T_OVERDUE;
    long fate = p->fate == 2 ? 800 + sh_rng_below(r, 200) : p->fate == 1 ? 600 + sh_rng_below(r, 200) : sh_rng_below(r, 600);
    if (forced)
        fate = 0;
    int64_t day = 0;
    int rc = start(w, code, &day);
    if (rc <= 0)
        return rc;
    const char *by = handler_name(w);
    int64_t me = handler_id(w);
    /* accepted or not within 7 working days */
    int64_t when = maybe_late(w, wd_add(x, day, 1 + (int)sh_rng_below(r, 4)), w->s.due, 150);
    if (!comes(w, day, &when, forced))
        return 0;
    if (fate >= 800) {
        long k = sh_rng_below(r, 100);
        int i = k < 30 ? 0 : k < 45 ? 1 : k < 60 ? 2 : k < 75 ? 3 : k < 88 ? 4 : k < 93 ? 5 : 6;
        const char *reason = reject_reasons[i][0], *label = reject_reasons[i][1], *note = reject_reasons[i][2];
        char pub[400];
        snprintf(pub, sizeof pub, "不予受理：%s%s%s", label, note ? "。" : "", note ? note : "");
        if ((rc = log_step(w, "rejected", when, me, by, note, pub, w->s.due)) != 0)
            return rc;
        w->s.outcome = "rejected";
        w->s.reject_reason = reason;
        w->s.outcome_note = note;
        close_on(w, when);
        return 0;
    }
    if ((rc = log_step(w, "accepted", when, me, by, NULL, "您的投诉已受理，将组织调解", w->s.due)) != 0)
        return rc;
    w->s.status = "accepted";
    w->s.accepted_on = when;
    w->s.mediation_due = wd_add(x, when, MEDIATE_WD);
    set_due(w, w->s.mediation_due, "mediate", BASIS " 第二十一条");
    if (p->target == T_ACCEPTED)
        return 0;
    int64_t accepted = when;
    int terminate_now = fate >= 600 && sh_rng_permille(r, 400); /* a party refuses mediation */
    const char *note;
    if (!terminate_now) {
        day = wd_add(x, accepted, 1 + (int)sh_rng_below(r, 5));
        if (!comes(w, accepted, &day, forced))
            return 0;
        /* a few mediated by the consumer association for the bureau (steps.c do_mediate with delegate) */
        int delegated = sh_rng_permille(r, 200);
        if ((rc = log_step(w, "mediating", day, me, by, delegated ? "委托消费者协会调解" : NULL,
                           delegated ? "双方同意调解，已委托消费者协会调解" : "双方同意调解，调解进行中", 0)) != 0)
            return rc;
        w->s.status = "mediating";
        int sessions = (int)sh_rng_below(r, 3);
        for (int i = 0; i < sessions; i++) {
            int64_t next = wd_add(x, day, 2 + (int)sh_rng_below(r, 6));
            if (next >= w->s.mediation_due || !comes(w, day, &next, 0))
                break;
            const char *sn = PICK_A(r, session_notes);
            if ((rc = log_step(w, "session", next, me, by, sn, NULL, 0)) != 0)
                return rc;
            day = next;
        }
        if (p->target == T_MEDIATING)
            return 0;
        if (fate < 600) {
            when = maybe_late(w, wd_add(x, day, 2 + (int)sh_rng_below(r, 15)), w->s.mediation_due, 80);
            if (!comes(w, day, &when, 0))
                return 0;
            note = PICK_A(r, agreed_notes);
            char pub[400];
            snprintf(pub, sizeof pub, "调解达成协议：%s", note);
            if ((rc = log_step(w, "agreed", when, me, by, note, pub, w->s.mediation_due)) != 0)
                return rc;
            w->s.outcome = "agreed";
            w->s.outcome_note = note;
            close_on(w, when);
            return 0;
        }
        when = wd_add(x, day, 5 + (int)sh_rng_below(r, 20));
        if (when > w->s.mediation_due)
            when = w->s.mediation_due;
        note = "经多次调解，双方未能就赔偿金额达成一致意见，终止调解";
    } else {
        day = accepted;
        when = wd_add(x, accepted, 1 + (int)sh_rng_below(r, 4));
        note = "被投诉人不同意调解，终止调解";
    }
    if (!comes(w, day, &when, 0))
        return 0;
    /* terminated: both parties told within 7 working days */
    if ((rc = log_step(w, "terminated", when, me, by, note, NULL, 0)) != 0)
        return rc;
    w->s.status = "terminated";
    w->s.outcome = "terminated";
    w->s.outcome_note = note;
    set_due(w, wd_add(x, when, TELL_WD), "tell", BASIS " 第二十一条");
    day = when;
    when = maybe_late(w, wd_add(x, day, 1 + (int)sh_rng_below(r, 4)), w->s.due, 150);
    if (!comes(w, day, &when, 0))
        return 0;
    const char *tell = sh_rng_permille(r, 500) ? "已告知投诉人可依法申请仲裁或向人民法院提起诉讼" : NULL;
    char pub[400];
    snprintf(pub, sizeof pub, "终止调解%s%s", tell ? "：" : "", tell ? tell : "");
    if ((rc = log_step(w, "told", when, me, by, tell, pub, w->s.due)) != 0)
        return rc;
    close_on(w, when);
    return 0;
}

/* A report or an opinion: verified within 15 working days of receipt (+15 once), then decided or
 * concluded. */
static int verify_steps(writer *w, const char *code, int real_name)
{
    ctx *x = w->x;
    rec *p = w->p;
    sh_rng *r = &p->r;
    set_due(w, wd_add(x, p->received, VERIFY_WD), "verify", BASIS_CASE);
    int forced = p->target != T_NATURAL && p->target != T_OVERDUE;
    int64_t day = 0;
    int rc = start(w, code, &day);
    if (rc <= 0)
        return rc;
    const char *by = handler_name(w);
    int64_t me = handler_id(w);
    int64_t when = sh_rng_permille(r, 500) ? day : wd_add(x, day, 1 + (int)sh_rng_below(r, 2));
    if (!comes(w, day, &when, forced))
        return 0;
    if ((rc = log_step(w, "verifying", when, me, by, NULL, "正在核查", 0)) != 0)
        return rc;
    w->s.status = "verifying";
    if (p->target == T_VERIFYING || p->target == T_OVERDUE)
        return 0;
    day = when;
    if (p->target != T_DECIDED && sh_rng_permille(r, 120)) {
        when = wd_add(x, day, 4 + (int)sh_rng_below(r, 8));
        if (when > w->s.due)
            when = w->s.due;
        if (!comes(w, day, &when, 0))
            return 0;
        const char *note = "案情复杂，需进一步调取证据，经批准延长核查期限十五个工作日";
        if ((rc = log_step(w, "extended", when, me, by, note, NULL, w->s.due)) != 0)
            return rc;
        set_due(w, wd_add(x, w->s.due, VERIFY_WD), "verify", BASIS_CASE " 延长");
        w->s.verify_extended = 1;
        day = when;
    }
    when = maybe_late(w, wd_add(x, day, 3 + (int)sh_rng_below(r, 9)), w->s.due, 150);
    if (p->target == T_DECIDED) /* decided on the last working day, the reporter not told yet */
        when = x->today;
    if (!comes(w, day, &when, forced))
        return 0;
    if (p->kind == K_OPINION) {
        const char *note = PICK_A(r, opinion_notes);
        if ((rc = log_step(w, "concluded", when, me, by, note, NULL, w->s.due)) != 0)
            return rc;
        w->s.outcome = "handled";
        w->s.outcome_note = note;
        close_on(w, when);
        return 0;
    }
    int is_case = sh_rng_permille(r, 400);
    const char *note = is_case ? PICK_A(r, report_case_notes) : PICK_A(r, report_no_case_notes);
    if ((rc = log_step(w, is_case ? "case" : "no_case", when, me, by, note, NULL, w->s.due)) != 0)
        return rc;
    w->s.outcome = is_case ? "case" : "no_case";
    w->s.outcome_note = note;
    if (!real_name) {
        close_on(w, when);
        return 0;
    }
    /* a real-name reporter told within 5 working days */
    w->s.status = "decided";
    set_due(w, wd_add(x, when, TELL_REPORTER_WD), "tell", BASIS " 第三十一条");
    if (p->target == T_DECIDED)
        return 0;
    day = when;
    when = maybe_late(w, wd_add(x, day, 1 + (int)sh_rng_below(r, 3)), w->s.due, 150);
    if (!comes(w, day, &when, 0))
        return 0;
    char pub[400];
    snprintf(pub, sizeof pub, "经核查，%s", is_case ? "已立案查处" : "不予立案");
    if ((rc = log_step(w, "told", when, me, by, NULL, pub, w->s.due)) != 0)
        return rc;
    close_on(w, when);
    /* a reward for a report that became a case */
    if (is_case && sh_rng_permille(r, 600)) {
        day = when;
        when = wd_add(x, day, 5 + (int)sh_rng_below(r, 10));
        if (!comes(w, day, &when, 0))
            return 0;
        int64_t yuan = 200 + 100 * sh_rng_below(r, 19);
        const char *rn = "依据《市场监管领域重大违法行为举报奖励暂行办法》给予举报奖励";
        if ((rc = log_step(w, "reward", when, me, by, rn, NULL, 0)) != 0)
            return rc;
        w->s.reward_yuan = yuan;
        w->s.reward_note = rn;
    }
    return 0;
}

static void tracking_code(ctx *x, sh_rng *r, char out[11])
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    for (;;) {
        memcpy(out, "TS", 2);
        for (int i = 0; i < 8; i++)
            out[2 + i] = alphabet[sh_rng_below(r, (long)sizeof alphabet - 1)];
        out[10] = '\0';
        int dup = 0;
        for (long i = 0; i < x->ncodes && !dup; i++)
            dup = !strcmp(x->codes[i], out);
        if (!dup)
            break;
    }
    memcpy(x->codes[x->ncodes++], out, 11);
}

static int pick_category(sh_rng *r, int kind)
{
    long total = 0;
    for (int c = 0; c < NCAT; c++)
        total += cat_weight[c][kind];
    long v = sh_rng_below(r, total);
    for (int c = 0; c < NCAT; c++) {
        if (v < cat_weight[c][kind])
            return c;
        v -= cat_weight[c][kind];
    }
    return C_OTHER;
}

static void person_name(sh_rng *r, char out[32])
{
    const char *surname = PICK(r, demo_surnames);
    snprintf(out, 32, "%s%s", surname, PICK(r, demo_given));
}

static void mobile(sh_rng *r, char out[12])
{
    const char *prefix = PICK(r, demo_mobile_prefixes);
    snprintf(out, 12, "%s%08ld", prefix, sh_rng_below(r, 100000000L));
}

static int write_record(ctx *x, rec *p)
{
    sh_rng *r = &p->r;
    writer w = {.x = x, .p = p, .s = {.status = "registered"}};
    /* the respondent */
    char rname[201] = "", raddr[301] = "", division[13];
    int64_t entity = 0;
    int category = pick_category(r, p->kind);
    if (x->nbiz && (p->target != T_NATURAL || !p->off_registry)) {
        const biz *b = &x->biz[sh_rng_below(r, x->nbiz)];
        entity = b->id;
        w.town = b->town;
        sh_stmt *st = sh_db_prepare(x->db, "SELECT name, coalesce(address, '') FROM entities WHERE id = ?", x->err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, entity);
        int rc = sh_stmt_step(st, x->err);
        if (rc == SH_ROW) {
            snprintf(rname, sizeof rname, "%s", sh_col_text(st, 0));
            snprintf(raddr, sizeof raddr, "%s", sh_col_text(st, 1));
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
    } else {
        w.town = (int)sh_rng_below(r, x->ntowns);
        long h = sh_rng_below(r, N(hawkers));
        const char *tn = x->towns[w.town].name;
        snprintf(rname, sizeof rname, hawkers[h].name, tn);
        snprintf(raddr, sizeof raddr, hawkers[h].address, tn);
        if (p->kind != K_OPINION)
            category = hawkers[h].category;
    }
    snprintf(division, sizeof division, "%s", x->towns[w.town].code);
    const story *s = &stories[category][sh_rng_below(r, 3)];
    char occurred[11];
    day_text(p->received - sh_rng_below(r, 6), occurred);
    /* the person, or the source */
    char name[32] = "", phone[12] = "", address[200] = "", url[200] = "";
    const char *source = NULL;
    int real_name = p->kind != K_OPINION && !(p->kind == K_REPORT && sh_rng_permille(r, 333));
    if (p->kind == K_REPORT && p->target == T_DECIDED)
        real_name = 1;
    if (real_name) {
        person_name(r, name);
        mobile(r, phone);
        const town *t = &x->towns[sh_rng_below(r, x->ntowns)];
        const char *road = PICK(r, demo_roads);
        snprintf(address, sizeof address, "%s%s%ld号", t->name, road, 1 + sh_rng_below(r, 200));
    } else if (p->kind == K_OPINION) {
        long o = sh_rng_below(r, N(outlets));
        source = outlets[o].name;
        snprintf(url, sizeof url, "https://%s%ld", outlets[o].host, 1000000L + sh_rng_below(r, 9000000L));
    }
    char facts[600];
    if (p->kind == K_OPINION)
        snprintf(facts, sizeof facts, "网民在%s发布内容，反映%s：%s", source, rname, s->facts);
    else
        snprintf(facts, sizeof facts, "%s", s->facts);
    char code[11];
    tracking_code(x, r, code);

    int64_t created_by = p->channel != CH_PORTAL ? x->county_id : 0;
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO complaints(kind, channel, tracking_code, entity_id, respondent_name, respondent_address,"
                                " division_code, category, facts, request, occurred_on, person_name, person_phone, person_address,"
                                " notify_by, source_name, source_url, status, received_on, created_by, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?) RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    char received[11];
    day_text(p->received, received);
    sh_bind_text(st, 1, kind_names[p->kind]);
    sh_bind_text(st, 2, channel_names[p->channel]);
    sh_bind_text(st, 3, code);
    sh_bind_int64_or_null(st, 4, entity);
    sh_bind_text(st, 5, rname);
    sh_bind_text_or_null(st, 6, raddr);
    sh_bind_text(st, 7, division);
    sh_bind_text(st, 8, categories[category]);
    sh_bind_text(st, 9, facts);
    sh_bind_text_or_null(st, 10, p->kind == K_COMPLAINT ? s->request : NULL);
    sh_bind_text_or_null(st, 11, p->kind == K_OPINION ? NULL : occurred);
    sh_bind_text_or_null(st, 12, name);
    sh_bind_text_or_null(st, 13, phone);
    sh_bind_text_or_null(st, 14, address);
    sh_bind_text(st, 15, real_name ? "sms" : "none");
    sh_bind_text_or_null(st, 16, source);
    sh_bind_text_or_null(st, 17, url);
    sh_bind_text(st, 18, received);
    sh_bind_int64_or_null(st, 19, created_by);
    sh_bind_int64(st, 20, p->received_at);
    sh_bind_int64(st, 21, p->received_at);
    int rc = sh_stmt_insert_id(st, &w.id, x->err);
    if (rc)
        return rc;

    rc = p->kind == K_COMPLAINT ? complaint_steps(&w, code) : verify_steps(&w, code, real_name);
    if (rc == 0 && !w.s.closed_on && w.s.due && w.s.due < x->today)
        rc = escalate(&w, w.s.due); /* left overdue: escalated by the sweep, reminded before */
    /* an open deadline the sweep came near on a day before today (setting complaint_remind_days
     * working days ahead) has been reminded of */
    if (rc == 0 && !w.s.closed_on && w.s.due && w.s.reminded != w.s.due &&
        w.s.due <= wd_add(x, x->today - 1, sh_setting_int(x->db, "complaint_remind_days", 2)))
        w.s.reminded = w.s.due;
    if (rc == 0 && x->rc)
        rc = x->rc;
    if (rc)
        return rc;

    /* about 60 % of the closed complaints rated, within a few days of closing */
    int rating = 0;
    int64_t rated_at = 0;
    const char *comment = NULL;
    if (p->kind == K_COMPLAINT && w.s.closed_on && sh_rng_permille(r, 600)) {
        rated_at = sh_beijing_day_start_ms(w.s.closed_on + sh_rng_below(r, 4)) + (9 * 60 + sh_rng_below(r, 13 * 60)) * MIN_MS;
        if (rated_at <= w.s.last_at)
            rated_at = w.s.last_at + (30 + sh_rng_below(r, 120)) * MIN_MS;
        if (rated_at < x->cutoff) {
            long v = sh_rng_below(r, 100);
            int agreed = w.s.outcome && !strcmp(w.s.outcome, "agreed");
            rating = agreed ? (v < 55 ? 5 : v < 85 ? 4 : v < 95 ? 3 : 2) : (v < 20 ? 5 : v < 45 ? 4 : v < 75 ? 3 : v < 90 ? 2 : 1);
            comment = rating >= 4 ? PICK_A(r, rating_comments_good) : rating <= 2 ? PICK_A(r, rating_comments_bad) : NULL;
        } else {
            rated_at = 0;
        }
    }
    char due[11], accepted[11], mdue[11], closed[11];
    if (w.s.due)
        day_text(w.s.due, due);
    if (w.s.accepted_on)
        day_text(w.s.accepted_on, accepted);
    if (w.s.mediation_due)
        day_text(w.s.mediation_due, mdue);
    if (w.s.closed_on)
        day_text(w.s.closed_on, closed);
    st = sh_db_prepare(x->db,
                       "UPDATE complaints SET status = ?, due_on = ?, due_step = ?, due_basis = ?, accepted_on = ?, mediation_due = ?,"
                       " verify_extended = ?, outcome = ?, outcome_note = ?, reject_reason = ?, handler_id = ?, reward_yuan = ?,"
                       " reward_note = ?, rating = ?, rating_comment = ?, rated_at = ?, closed_on = ?, reminded_due = ?, escalated_due = ?,"
                       " updated_at = ? WHERE id = ?",
                       x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, w.s.status);
    sh_bind_text_or_null(st, 2, w.s.due ? due : NULL);
    sh_bind_text_or_null(st, 3, w.s.due_step);
    sh_bind_text_or_null(st, 4, w.s.due_basis);
    sh_bind_text_or_null(st, 5, w.s.accepted_on ? accepted : NULL);
    sh_bind_text_or_null(st, 6, w.s.mediation_due ? mdue : NULL);
    sh_bind_int64(st, 7, w.s.verify_extended);
    sh_bind_text_or_null(st, 8, w.s.outcome);
    sh_bind_text_or_null(st, 9, w.s.outcome_note);
    sh_bind_text_or_null(st, 10, w.s.reject_reason);
    sh_bind_int64_or_null(st, 11, w.s.handler);
    sh_bind_int64_or_null(st, 12, w.s.reward_yuan);
    sh_bind_text_or_null(st, 13, w.s.reward_note);
    sh_bind_int64_or_null(st, 14, rating);
    sh_bind_text_or_null(st, 15, comment);
    sh_bind_int64_or_null(st, 16, rated_at);
    sh_bind_text_or_null(st, 17, w.s.closed_on ? closed : NULL);
    char reminded[11], escalated[11];
    if (w.s.reminded)
        day_text(w.s.reminded, reminded);
    if (w.s.escalated)
        day_text(w.s.escalated, escalated);
    sh_bind_text_or_null(st, 18, w.s.reminded ? reminded : NULL);
    sh_bind_text_or_null(st, 19, w.s.escalated ? escalated : NULL);
    sh_bind_int64(st, 20, rated_at > w.s.last_at ? rated_at : w.s.last_at);
    sh_bind_int64(st, 21, w.id);
    if ((rc = sh_stmt_run(st, x->err)) < 0)
        return SH_EINTERNAL;
    return 0;
}

int sh_demo_complaints(sh_db *db, uint64_t seed, long *ret_records, sh_err *err)
{
    ctx *x = sh_xcalloc(1, sizeof *x);
    x->db = db;
    x->err = err;
    x->seed = seed;
    x->today = sh_beijing_days(sh_now_ms());
    x->cutoff = sh_beijing_day_start_ms(x->today);
    rec *p = NULL;
    long n = 0;
    int64_t active = 0;
    int rc = load_county(x);
    if (rc || !*x->county_code || !x->county_id || !x->ntowns)
        goto out;
    if ((rc = load_businesses(x, &active)) != 0)
        goto out;
    n = (long)(active / PER_BUSINESSES);
    if (active >= MIN_FOR_MIN && n < MIN_RECORDS)
        n = MIN_RECORDS;
    if (n == 0)
        goto out;
    p = sh_xcalloc((size_t)n, sizeof *p);
    x->codes = sh_xcalloc((size_t)n, sizeof *x->codes);
    for (long i = 0; i < n; i++) {
        rec *q = &p[i];
        sh_rng_init(&q->r, seed, STREAM_COMPLAINTS, (uint64_t)i);
        q->seq = i;
        long k = sh_rng_below(&q->r, 1000);
        q->kind = k < 700 ? K_COMPLAINT : k < 920 ? K_REPORT : K_OPINION;
        /* each kind present from a dozen records on */
        if (n >= MIN_RECORDS && i == n - 1)
            q->kind = K_OPINION;
        if (n >= MIN_RECORDS && i == n - 2)
            q->kind = K_REPORT;
        q->channel = pick_channel(&q->r, q->kind);
        q->off_registry = sh_rng_permille(&q->r, 100);
        set_received(x, q, x->today - 1 - sh_rng_below(&q->r, HISTORY_DAYS));
    }
    qsort(p, (size_t)n, sizeof *p, by_time);
    if (n >= MIN_RECORDS) {
        /* a few open at every stage, and two overdue on purpose (days ago: lo, hi) */
        hold(x, p, n, K_COMPLAINT, T_REGISTERED, 1, 3);
        hold(x, p, n, K_COMPLAINT, T_DISPATCHED, 1, 3);
        hold(x, p, n, K_COMPLAINT, T_ACCEPTED, 5, 20);
        hold(x, p, n, K_COMPLAINT, T_MEDIATING, 10, 40);
        hold(x, p, n, K_REPORT, T_VERIFYING, 3, 14);
        hold(x, p, n, K_REPORT, T_DECIDED, 10, 20);
        hold(x, p, n, K_COMPLAINT, T_OVERDUE, 25, 45);
        hold(x, p, n, K_REPORT, T_OVERDUE, 40, 70);
        qsort(p, (size_t)n, sizeof *p, by_time);
        /* the complaints' fates in proportion (agreed 6, terminated 2, rejected 2 in 10), from a drawn start */
        static const int fates[10] = {0, 0, 1, 0, 2, 0, 0, 1, 0, 2};
        sh_rng fr;
        sh_rng_init(&fr, seed, STREAM_COMPLAINTS, (uint64_t)n);
        long k = sh_rng_below(&fr, 10);
        for (long i = 0; i < n; i++)
            if (p[i].kind == K_COMPLAINT && p[i].target == T_NATURAL)
                p[i].fate = fates[k++ % 10];
        /* and at least one respondent off the registry: the oldest not held */
        for (long i = 0; i < n; i++)
            if (p[i].target == T_NATURAL) {
                p[i].off_registry = 1;
                break;
            }
    }
    if ((rc = x->rc) != 0)
        goto out;
    for (long i = 0; rc == 0 && i < n; i++)
        rc = write_record(x, &p[i]);
out:
    if (rc == 0 && ret_records)
        *ret_records = n;
    free(p);
    free(x->codes);
    free(x->biz);
    free(x);
    return rc;
}
