/* The credit steps of a case (steps_int.h): publication (公示) and its withdrawal, credit repair, the
 * serious-dishonesty list. */
#include "domain/enforcement/steps_int.h"

#include <string.h>

#include "domain/base/calendar.h"

/* Published (公示) for 3 months or 3 years (cs_publish_until); due 20 working days after the decision. */
int cs_do_publish(step_ctx *c, sh_err *err)
{
    if (strcmp(c->r->outcome, "penalty") || c->r->published_on[0] || c->r->overturned_on[0])
        return sh_fail(err, SH_EINVAL, "action", "只公示作出且未被撤销的处罚决定，且只公示一次 (a standing penalty decision is published once)");
    int rc = cs_county_only(c, "公示行政处罚信息", err);
    if (rc || (rc = cs_note(c, 0, err)) != 0)
        return rc;
    cs_publish_until(c->db, c->r->penalty, c->r->fine_yuan, c->today, c->buf);
    cs_set_text(c, "published_on", c->today);
    cs_set_text(c, "publish_until", c->buf);
    c->step = "published";
    c->log_due = c->r->publish_due;
    return 0;
}

/* The decision revoked (by review or a court): a published one comes down within 3 working days. */
int cs_do_overturn(step_ctx *c, sh_err *err)
{
    if (strcmp(c->r->outcome, "penalty") || c->r->overturned_on[0])
        return cs_wrong_status(c, err);
    int rc = cs_county_only(c, "登记处罚决定被撤销", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    cs_set_text(c, "overturned_on", c->today);
    cs_set_text(c, "outcome", "overturned");
    if (c->r->published_on[0] && !c->r->withdrawn_on[0]) {
        if ((rc = sh_workdays_add(c->db, c->today, CS_WITHDRAW_WD, c->buf, err)) != 0)
            return rc;
        cs_set_text(c, "withdraw_due", c->buf);
    }
    c->step = "overturned";
    return 0;
}

int cs_do_withdraw(step_ctx *c, sh_err *err)
{
    if (!c->r->published_on[0] || c->r->withdrawn_on[0])
        return sh_fail(err, SH_EINVAL, "action", "该处罚信息未公示或已撤下 (not published, or withdrawn already)");
    int rc = cs_county_only(c, "撤下公示信息", err);
    if (rc || (rc = cs_note(c, 0, err)) != 0)
        return rc;
    cs_set_text(c, "withdrawn_on", c->today);
    c->step = "withdrawn";
    c->log_due = c->r->withdraw_due;
    return 0;
}

/* Credit repair: the application registered, then decided by the county against the conditions. */
int cs_do_repair_apply(step_ctx *c, sh_err *err)
{
    if (!c->r->published_on[0] || c->r->withdrawn_on[0] || c->r->repaired_on[0] || c->r->repair_applied_on[0])
        return sh_fail(err, SH_EINVAL, "action", "只有公示中、尚未申请的处罚信息可以登记信用修复申请 (a published penalty, once)");
    int rc = cs_note(c, 1, err);
    cs_set_text(c, "repair_applied_on", c->today);
    c->step = "repair_applied";
    return rc;
}

int cs_do_repair_decide(step_ctx *c, sh_err *err)
{
    if (!c->r->repair_applied_on[0] || c->r->repaired_on[0])
        return sh_fail(err, SH_EINVAL, "action", "没有待审核的信用修复申请 (no application to decide)");
    int rc = cs_county_only(c, "信用修复审核", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    if (json_is_true(json_object_get(c->body, "approve"))) {
        if ((rc = cs_repair_check(c->db, c->r, c->today, json_is_true(json_object_get(c->body, "harm_removed")), err)) != 0)
            return rc;
        cs_set_text(c, "repaired_on", c->today);
        c->step = "repaired";
    } else {
        cs_set_text(c, "repair_refused_on", c->today);
        cs_set_text(c, "repair_applied_on", NULL); /* refused: a new application may follow */
        c->step = "repair_refused";
    }
    return 0;
}

/* 严重违法失信名单 (SAMR Order 44): told first, 5 working days to answer; listed for 3 years; removed
 * early from a year on (listing.c checks). */
int cs_do_list_notify(step_ctx *c, sh_err *err)
{
    if (c->r->listing_notified_on[0])
        return sh_fail(err, SH_EINVAL, "action", "已告知拟列入严重违法失信名单 (told already)");
    int rc = cs_county_only(c, "列入严重违法失信名单", err);
    if (rc || (rc = cs_listing_check(c->db, c->r, err)) != 0 || (rc = cs_note(c, 0, err)) != 0 ||
        (rc = sh_workdays_add(c->db, c->today, CS_REPRESENT_WD, c->buf, err)) != 0)
        return rc;
    cs_set_text(c, "listing_notified_on", c->today);
    cs_set_text(c, "listing_answer_due", c->buf);
    c->step = "listing_notified";
    return 0;
}

int cs_do_list_decide(step_ctx *c, sh_err *err)
{
    if (!c->r->listing_notified_on[0] || c->r->listing_id)
        return sh_fail(err, SH_EINVAL, "action", "须先告知当事人拟列入，且只列入一次 (tell the party first; list once)");
    int rc = cs_county_only(c, "列入严重违法失信名单", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    if (strcmp(c->today, c->r->listing_answer_due) <= 0 && !json_is_true(json_object_get(c->body, "waived")))
        return sh_fail(err, SH_EINVAL, "action", "当事人陈述申辩期限（%s）未满 (the party has until %s)", c->r->listing_answer_due,
                       c->r->listing_answer_due);
    int64_t id = 0;
    if ((rc = cs_listing_add(c->db, c->r, c->today, c->note, &id, err)) != 0)
        return rc;
    cs_set_int(c, "listing_id", id);
    c->step = "listed";
    c->log_due = NULL;
    return 0;
}

int cs_do_list_remove(step_ctx *c, sh_err *err)
{
    if (!c->r->listing_id)
        return sh_fail(err, SH_EINVAL, "action", "未列入严重违法失信名单 (not listed)");
    int rc = cs_county_only(c, "提前移出严重违法失信名单", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0 || (rc = cs_listing_remove(c->db, c->r, err)) != 0)
        return rc;
    c->step = "unlisted";
    return 0;
}

