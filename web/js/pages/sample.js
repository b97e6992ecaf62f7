// 样品 (#/sample/:id): one sample from the task to the follow-up. What was to be sampled and by whom; the
// steps as a timeline, each with its deadline (done on, due, 逾期 in red, 暂定 while the year's holiday
// notice is missing); the 抽样单 and its photos; the results with the verdict of every item and the
// clause it rests on; re-test, objections, disposal and follow-up; then the steps this reader may take
// now (sample_actions.js). Every step answers with the whole sample, which is shown again.
import { get } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { SAMPLE_KINDS, SAMPLE_METHODS, VERDICTS, label } from '../labels.js';
import { DISPOSALS, FOLLOWUPS, GROUNDS, OBJECTIONS, RECORD_FIELDS, actionsFor, photoButton, recordForm } from './sample_actions.js';
import { OFFICIALS, WORKERS, analyteName, limitTables, platformToday, statusBadge, verdictBadge, verdictOf } from './sample_common.js';

const RETEST_STATUSES = { requested: '待决定', accepted: '已受理', refused: '不予受理', reported: '已出复检报告' };
const OBJECTION_STATUSES = { open: '待答复', upheld: '异议成立', dismissed: '异议不成立' };

function dl(rows) {
  return h('dl', { class: 'fields' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

const day = (ms) => (ms ? formatTime(ms).slice(0, 10) : null);

// The steps in order: [key, name, done on, note]; which appear depends on how far the sample went.
function steps(s) {
  const r = s.retest;
  const out = [['assigned', '下达抽样任务', day(s.created_at)]];
  if (s.status === 'refused') return [...out, ['refused', '被抽样单位拒绝抽样', s.sampled_on]];
  if (s.status === 'cancelled') return [...out, ['cancelled', '任务已取消', null]];
  out.push(['sampled', '现场抽样', s.sampled_on]);
  out.push(['delivery', '送达检验机构', s.delivered_on, s.lab_name]);
  if (s.method !== 'rapid' || s.received_on) out.push(['receive', '检验机构收样', s.received_on]);
  out.push(['report', '出具检验报告', s.reported_on, s.verdict ? label(VERDICTS, s.verdict) : null]);
  if (s.verdict === 'fail') {
    out.push(['notice', '送达不合格通知', s.notice_sent_on]);
    out.push(['notice_received', '企业确认收到通知', s.notice_received_on]);
    if (s.kind !== 'monitoring') out.push(['retest_request', '申请复检', r?.requested_on, r?.late ? '逾期申请' : null]);
    if (r) {
      out.push(['retest_decision', '复检受理决定', r.decided_on, r.status === 'requested' ? null : r.status === 'refused' ? '不予受理' : '受理']);
      if (r.lab_name || r.report_due) out.push(['retest_report', '复检报告', r.reported_on, r.verdict ? label(VERDICTS, r.verdict) : null]);
    }
    if (s.followup_due || s.followup_done_on) out.push(['followup', '核查处置', s.followup_done_on]);
  }
  if (s.published_at) out.push(['publish', '公布抽检信息', day(s.published_at)]);
  return out;
}

function timeline(s) {
  const deadlines = new Map(s.deadlines.map((d) => [d.step, d]));
  // the re-test request's deadline stays on the sample after the request is made
  if (!deadlines.has('retest_request') && s.retest_due) deadlines.set('retest_request', { due: s.retest_due, overdue: false, provisional: false });
  let current = false;
  return h('ol', { class: 'timeline', id: 'sample-timeline' }, steps(s).map(([key, name, doneOn, note]) => {
    const d = deadlines.get(key);
    const isCurrent = !doneOn && !current;
    if (isCurrent) current = true;
    const lateDone = d && doneOn && doneOn > d.due;
    return h('li', { class: `step ${doneOn ? 'done' : isCurrent ? 'current' : 'todo'}`, dataset: { step: key } },
      h('div', { class: 'step-name' }, h('strong', {}, name), note ? h('span', { class: 'muted small' }, ` · ${note}`) : null),
      h('div', { class: 'step-dates small' },
        doneOn ? h('span', { class: 'step-done' }, `${doneOn} 完成`) : h('span', { class: 'muted' }, isCurrent ? '待办' : '未开始'),
        d ? h('span', { class: `step-due ${d.overdue || lateDone ? 'late' : ''}` }, ` 期限 ${d.due}`) : null,
        d?.overdue ? h('span', { class: 'badge overdue' }, '逾期') : null,
        lateDone ? h('span', { class: 'badge overdue' }, '逾期完成') : null,
        d?.provisional ? h('span', { class: 'badge provisional', title: '该年度国务院放假通知尚未导入，期限按法定节日暂算' }, '暂定') : null));
  }));
}

function resultText(r) {
  const x = r.result || {};
  if (x.detected === false) return '未检出';
  if (Array.isArray(x.values)) return `${x.values.join('、')} ${x.unit || ''}`;
  return `${x.value ?? ''} ${x.unit || ''}`;
}

function resultsCard(s) {
  if (!s.results.length) return null;
  const rounds = [...new Set(s.results.map((r) => r.round))];
  return h('div', { class: 'card', id: 'sample-results' },
    h('div', { class: 'title-row' }, h('h3', {}, '检验结论'), h('span', { id: 'sample-verdict' }, verdictBadge(verdictOf(s))),
      s.final_verdict ? h('span', { class: 'muted small' }, '（最终结论）') : s.verdict === 'fail' && s.kind !== 'monitoring' ? h('span', { class: 'muted small' }, '（可申请复检）') : null),
    rounds.map((round) => h('div', { class: 'result-round', dataset: { round } },
      h('h4', {}, round === 1 ? `初检${s.lab_name ? `（${s.lab_name}）` : ''}` : `复检${s.retest?.lab_name ? `（${s.retest.lab_name}）` : ''}`),
      h('ul', { class: 'judge-list' }, s.results.filter((r) => r.round === round).map((r) => h('li', { class: `judge-item ${r.verdict}`, dataset: { analyte: r.analyte } },
        h('div', {}, h('strong', {}, r.analyte_name), `：${resultText(r)} `, verdictBadge(r.verdict)),
        h('div', { class: 'muted small basis' }, r.basis)))))));
}

function recordCard(s, user, today, done) {
  const photos = h('span', { class: 'thumbs', id: 'sample-photos' }, s.photos.map((p) => h('a', { href: `/api/v1/attachments/${p.id}`, target: '_blank' },
    h('img', { class: 'thumb', src: `/api/v1/attachments/${p.id}`, alt: '抽样照片' }))));
  const photoError = h('span', { class: 'field-error', id: 'photo-error' });
  const mayPhoto = WORKERS.includes(user.role) && ['assigned', 'sampled', 'refused'].includes(s.status);
  const photoRow = h('div', { class: 'item-tools sample-photos' }, h('span', { class: 'muted' }, '抽样照片：'), photos,
    mayPhoto ? photoButton(s, photos, photoError) : null, photoError,
    mayPhoto ? h('span', { class: 'muted small' }, '拍摄样品、标签、封样和签字的抽样单') : null);
  if (s.status === 'assigned') {
    if (!WORKERS.includes(user.role)) return [h('div', { class: 'card' }, h('p', { class: 'muted' }, '尚未抽样。'))];
    return [h('div', { class: 'card' }, photoRow), ...recordForm(s, today, done)];
  }
  if (s.status === 'refused') {
    return [h('div', { class: 'card', id: 'sample-record' }, h('h3', {}, '被抽样单位拒绝抽样'), h('p', {}, s.refusal_note), photoRow)];
  }
  return [h('div', { class: 'card', id: 'sample-record' }, h('h3', {}, '抽样单'),
    dl([...RECORD_FIELDS.map(([k, name]) => [name, s[k]]), ['抽样日期', s.sampled_on], ['备份样品保存至', s.backup_keep_until]]),
    photoRow)];
}

function historyCards(s, user) {
  const out = [];
  const r = s.retest;
  if (r) {
    out.push(h('div', { class: 'card', id: 'sample-retest' }, h('h3', {}, '复检'),
      dl([['申请日期', `${r.requested_on}${r.late ? '（逾期申请）' : ''}`], ['申请理由', r.reason], ['状态', label(RETEST_STATUSES, r.status)],
        ['决定期限', r.decide_due], ['决定日期', r.decided_on], ['不予受理理由', r.refusal_ground ? label(GROUNDS, r.refusal_ground) : null],
        ['说明', r.note], ['复检机构', r.lab_name], ['复检报告期限', r.report_due], ['复检结论', r.verdict ? label(VERDICTS, r.verdict) : null]])));
  }
  if (s.objections.length) {
    out.push(h('div', { class: 'card', id: 'sample-objections' }, h('h3', {}, '异议'),
      h('ul', {}, s.objections.map((o) => h('li', { class: 'objection', dataset: { id: o.id, status: o.status } },
        `${o.filed_on} ${label(OBJECTIONS, o.kind)}：${o.text} `, h('span', { class: 'badge' }, label(OBJECTION_STATUSES, o.status)),
        o.answer ? h('div', { class: 'muted small' }, `答复（${o.decided_on}）：${o.answer}`) : null)))));
  }
  if (s.disposals.length) {
    out.push(h('div', { class: 'card', id: 'sample-disposals' }, h('h3', {}, '处置'),
      h('ul', {}, s.disposals.map((d) => h('li', {}, `${d.done_on} ${label(DISPOSALS, d.action)} ${d.quantity} ${d.unit}${d.note ? `（${d.note}）` : ''}`)))));
  }
  if (s.followups.length) {
    const ref = (f) => {
      if (f.action === 'rectification' && f.ref_id) {
        const href = user.role === 'business' ? '#/rectifications?status=' : `#/rectifications?status=&entity=${s.entity_id}`;
        return h('a', { href, class: 'followup-link' }, `整改单 #${f.ref_id}`);
      }
      if (f.action === 'resample' && f.ref_id && user.role !== 'business') return h('a', { href: `#/sample/${f.ref_id}`, class: 'followup-link' }, '跟踪抽检任务');
      return null;
    };
    out.push(h('div', { class: 'card', id: 'sample-followups' }, h('h3', {}, '后处理'),
      h('ul', {}, s.followups.map((f) => h('li', { dataset: { action: f.action } }, `${day(f.created_at)} ${label(FOLLOWUPS, f.action)}`,
        f.target ? `：${f.target}` : '', f.note ? `（${f.note}）` : '', ' ', ref(f))))));
  }
  return out;
}

function show(container, s, t, user, today, actions, done) {
  const official = OFFICIALS.includes(user.role);
  const business = user.role === 'business';
  const summary = h('div', { class: 'card', id: 'sample-summary' }, h('h3', {}, '抽样任务'),
    dl([
      ['被抽样单位', official ? h('a', { href: `#/entities/${s.entity_id}` }, s.entity_name) : s.entity_name],
      ['地址', s.entity_address],
      ['抽检类型', `${label(SAMPLE_KINDS, s.kind)} · ${label(SAMPLE_METHODS, s.method)}`],
      ['食品类别', s.food_category_name],
      ['检验项目', s.analytes.map((a) => analyteName(t, a)).join('、')],
      ['抽样人员', business ? null : s.samplers.map((u) => u.name).join('、')],
      ['检验机构', s.lab_name],
    ]));
  const progress = h('div', { class: 'card' }, h('h3', {}, '办理进度'), timeline(s));
  const record = recordCard(s, user, today, done);
  // on site the 抽样单 comes first; afterwards the progress, the results, what to do next
  const onSite = s.status === 'assigned' && WORKERS.includes(user.role);
  mount(container,
    h('p', { class: 'small' }, h('a', { href: '#/samples', id: 'back-to-samples' }, business ? '← 抽检结果' : '← 返回列表')),
    h('div', { class: 'title-row' }, h('h2', { id: 'sample-title' }, s.product_name || s.food_category_name), statusBadge(s), verdictBadge(verdictOf(s)),
      h('span', { class: 'muted mono small', id: 'sample-code' }, s.code)),
    official && s.strict_supervision ? h('p', { class: 'warn', id: 'strict-supervision' },
      `该单位处于重点监管期（${s.strict_supervision.from_on} 至 ${s.strict_supervision.until_on}）：${s.strict_supervision.reason}`) : null,
    onSite ? [summary, record, progress] : h('div', { class: 'grid2 sample-top' }, summary, progress),
    resultsCard(s),
    actions.length ? h('div', { id: 'sample-actions' }, actions) : null,
    onSite ? null : record,
    historyCards(s, user));
}

export async function renderSample(container, id, user) {
  const [first, t, today] = await Promise.all([get(`/samples/${id}`), limitTables(), platformToday()]);
  const render = async (s) => {
    const actions = await actionsFor(s, user, t, today, render);
    show(container, s, t, user, today, actions, render);
    window.scrollTo(0, 0);
  };
  await render(first);
}
