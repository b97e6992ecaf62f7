// 案件办理 · one case (#/case/:id): the party and facts, each open deadline with its countdown and basis,
// the benchmark's suggested range, the Food Safety Law Art 134 warning, the amount due today, the
// actions its status allows, the steps.
import { get, post, upload } from '../api.js';
import { h, mount } from '../dom.js';
import { CASE_DEADLINES, CASE_SOURCES, CASE_STATUSES, CASE_STEPS, PENALTIES, SERVICE_METHODS, actorName, label } from '../labels.js';
import { field, formError, platformToday, submitter } from './sample_common.js';
import { countdown } from './complaints.js';
import { caseDocuments } from './case_documents.js';
import { entityFlags } from './credit_flags.js';

const county = (u) => ['county', 'admin'].includes(u.role);

// [action, button, fields]; a field ending in ? is optional.
function actionsFor(c, user) {
  const A = [], s = c.status;
  if (s === 'clue' && county(user)) A.push(['file', '立案', ['note?']], ['not_file', '不予立案', ['note']]);
  if (s === 'clue' && county(user) && !c.verify_extended) A.push(['extend_verify', '延长核查期限', ['note']]);
  if (['filed', 'notified'].includes(s)) A.push(['pause', '中止计算期限', ['kind', 'from', 'to', 'note?']]);
  if (['filed', 'notified'].includes(s)) A.push(['preserve', '先行登记保存', ['items']], ['seize', '查封扣押', ['items']]);
  const open = (kind) => (c.measures || []).filter((m) => m.kind === kind && !m.ended_on);
  if (open('preservation').length) A.push(['preserve_decide', '登记保存处理决定', ['measure_id', 'outcome_preserve', 'note?']]);
  if (open('seizure').length) {
    if (county(user)) A.push(['seize_extend', '延长查封扣押', ['measure_id', 'note']]);
    A.push(['seize_end', '解除或处理查封扣押', ['measure_id', 'outcome_seize', 'note?']]);
  }
  if (['filed', 'notified'].includes(s) && county(user) && !c.decision_extension) A.push(['extend', '延长三十日', ['note']]);
  if (['filed', 'notified'].includes(s) && county(user) && c.decision_extension === 'approved') A.push(['collective', '集体讨论延长', ['due', 'note']]);
  if (s === 'filed') A.push(['review', '法制审核', ['note']], ['notify', '行政处罚告知', ['penalty', 'fine_yuan?', 'violation_code?', 'circumstance?', 'goods_value_yuan?', 'mitigated', 'note?']]);
  if (s === 'notified' && !c.hearing_requested_on) A.push(['hearing_request', '当事人要求听证', ['note?']]);
  if (c.hearing_requested_on && !c.hearing_held_on) A.push(['hearing_schedule', '安排听证', ['date', 'note?']]);
  if (c.hearing_on && !c.hearing_held_on) A.push(['hearing_held', '听证已举行', ['note']]);
  if (s === 'notified' && county(user)) A.push(['decide', '作出处罚决定', ['fine_yuan?', 'waived', 'note?']]);
  if (s === 'decided') A.push(['serve', '送达', ['method', 'served_on?']]);
  if (s === 'served' && c.fine_yuan > 0) A.push(['pay', '登记缴款', ['paid_on?', 'amount_yuan']]);
  if (s === 'served' && c.fine_yuan > 0 && !c.enforcement_applied_on && county(user)) A.push(['enforce', '申请人民法院强制执行', ['note']]);
  if ((s === 'paid' || (s === 'served' && (!c.fine_yuan || c.enforcement_applied_on))) && county(user)) A.push(['close', '结案', ['note?']]);
  if (s !== 'closed') A.push(['assign', '指定承办人', ['handler_id']]);
  if (county(user) && c.outcome === 'penalty' && !c.published_on) A.push(['publish', '公示', ['note?']]);
  if (county(user) && c.outcome === 'penalty') A.push(['overturn', '处罚决定被撤销', ['note']]);
  if (county(user) && c.published_on && !c.withdrawn_on && c.outcome === 'overturned') A.push(['withdraw', '撤下公示', ['note?']]);
  if (c.published_on && !c.withdrawn_on && !c.repaired_on && !c.repair_applied_on) A.push(['repair_apply', '登记信用修复申请', ['note']]);
  if (county(user) && c.repair_applied_on && !c.repaired_on) A.push(['repair_decide', '信用修复审核', ['approve', 'harm_removed', 'note']]);
  if (county(user) && c.outcome === 'penalty' && c.entity_id && !c.listing_notified_on) A.push(['list_notify', '告知拟列入严重违法失信名单', ['note?']]);
  if (county(user) && c.listing_notified_on && !c.listing_id) A.push(['list_decide', '列入严重违法失信名单', ['waived', 'note']]);
  if (county(user) && c.listing_id) A.push(['list_remove', '提前移出严重违法失信名单', ['note']]);
  return A;
}

function control(name, c, rules) {
  const input = (type, extra = {}) => h('input', { name, type, ...extra });
  switch (name) {
    case 'kind': return ['事由', h('select', { name }, Object.entries({ testing: '检测、检验、检疫、鉴定', hearing: '听证', public_notice: '公告', other: '其他' })
      .map(([k, v]) => h('option', { value: k }, v)))];
    case 'from': return ['起始日期', input('date')];
    case 'to': case 'due': return [name === 'to' ? '结束日期' : '延长至', input('date')];
    case 'date': return ['听证日期（通知后七日以上）', input('date')];
    case 'penalty': return ['处罚种类', h('div', { class: 'checks', dataset: { name } }, Object.entries(PENALTIES).map(([k, v]) =>
      h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'penalty', value: k }), v)))];
    case 'fine_yuan': return ['罚款（元）', input('number', { min: 0, value: c.fine_yuan ?? '' })];
    case 'goods_value_yuan': return ['货值金额（元）', input('number', { min: 0 })];
    case 'amount_yuan': return ['缴款金额（元）', input('number', { min: 0, value: c.due_today?.total_yuan ?? '' })];
    case 'violation_code': return ['违法行为（裁量基准）', h('select', { name }, h('option', { value: '' }, '—'),
      rules.map((r) => h('option', { value: r.code }, `${r.violation}（${r.basis}）`)))];
    case 'circumstance': return ['情节', h('select', { name }, h('option', { value: '' }, '—'), h('option', { value: 'light' }, '从轻'),
      h('option', { value: 'general' }, '一般'), h('option', { value: 'heavy' }, '从重'))];
    case 'waived': return ['当事人放弃陈述申辩', input('checkbox')];
    case 'items': return ['物品（名称、数量、存放地点）', h('textarea', { name, rows: 2 })];
    case 'measure_id': return ['措施', h('select', { name }, (c.measures || []).filter((m) => !m.ended_on).map((m) =>
      h('option', { value: m.id }, `${m.kind === 'seizure' ? '查封扣押' : '登记保存'}：${m.items}（至${m.due_on}）`)))];
    case 'outcome_preserve': return ['处理决定', h('select', { name: 'outcome' }, Object.entries({ returned: '解除保存，退还', tested: '送检',
      seized: '转为查封扣押', confiscation: '依法没收' }).map(([k, v]) => h('option', { value: k }, v)))];
    case 'outcome_seize': return ['处理结果', h('select', { name: 'outcome' }, Object.entries({ released: '解除查封扣押', confiscation: '依法没收',
      destroyed: '依法销毁' }).map(([k, v]) => h('option', { value: k }, v)))];
    case 'approve': return ['准予修复', input('checkbox')];
    case 'harm_removed': return ['危害后果已经消除', input('checkbox')];
    case 'mitigated': return ['依法减轻处罚（行政处罚法第三十二条）', input('checkbox')];
    case 'method': return ['送达方式', h('select', { name }, Object.entries(SERVICE_METHODS).map(([k, v]) => h('option', { value: k }, v)))];
    case 'served_on': return ['送达日期', input('date')];
    case 'paid_on': return ['缴款日期', input('date')];
    case 'handler_id': return ['承办人（用户编号）', input('number', { min: 1 })];
    default: return ['说明', h('textarea', { name: 'note', rows: 2 })];
  }
}

function actionForm(c, [action, text, fields], rules, done) {
  const controls = fields.map((f) => [f, ...control(f.replace('?', ''), c, rules)]);
  const form = h('form', { class: 'card sample-form case-action', dataset: { action } }, h('h3', {}, text),
    h('div', { class: 'form-grid' }, controls.map(([f, l, el]) => field(l, el, { name: f.replace('?', ''), required: !f.endsWith('?') && el.type !== 'checkbox' }))),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '确定')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { action };
    for (const [, , el] of controls) {
      if (el.dataset?.name === 'penalty') body.penalty = [...el.querySelectorAll('input:checked')].map((x) => x.value);
      else if (el.type === 'checkbox') body[el.name] = el.checked;
      else if (el.value.trim() !== '') body[el.name] = el.type === 'number' || el.name === 'measure_id' ? Number(el.value) : el.value.trim();
    }
    await post(`/cases/${c.id}/steps`, body);
    done();
  }));
  return form;
}

// 证据: photos and scans, each shown with its SHA-256 (what a ledger will carry), added while the case is open.
function evidenceCard(c, reload) {
  const input = h('input', { type: 'file', accept: 'image/jpeg,image/png', id: 'evidence-file' });
  const error = h('p', { class: 'field-error' });
  input.addEventListener('change', async () => {
    error.textContent = '';
    try { if (input.files[0]) { await upload(`/cases/${c.id}/evidence`, input.files[0]); await reload(); } } catch (e) { error.textContent = e.message; }
  });
  return h('section', { class: 'card', id: 'case-evidence' }, h('h3', {}, '证据'),
    (c.evidence || []).map((x) => h('p', { class: 'small' }, h('a', { href: `/api/v1/attachments/${x.id}`, target: '_blank' }, `证据${x.id}`),
      h('span', { class: 'mono muted' }, ` SHA-256 ${x.sha256}`))),
    c.status !== 'closed' ? h('label', { class: 'inline' }, '添加证据照片：', input) : null, error);
}

export async function renderCase(container, id, user) {
  const [{ case: c }, today, rules] = await Promise.all([get(`/cases/${id}`), platformToday(), get('/discretion').then((r) => r.items)]);
  const reload = () => renderCase(container, id, user);
  const formBox = h('div', { id: 'case-action-form' });
  const row = (k, v) => (v === null || v === undefined || v === '' ? null : h('tr', {}, h('th', {}, k), h('td', {}, v)));
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, c.case_no || '案件线索'),
      h('span', { class: `badge case-status status-${c.status}`, id: 'case-status' }, label(CASE_STATUSES, c.status)),
      h('a', { class: 'button', href: '#/cases' }, '返回列表')),
    c.deadlines.map((d) => h('div', { class: `card complaint-deadline ${d.overdue ? 'late' : ''}`, dataset: { step: d.step } },
      h('strong', {}, `${label(CASE_DEADLINES, d.step)}期限：`), countdown(d.due_on, today, false), h('span', { class: 'muted small' }, ` 依据：${d.basis}`))),
    entityFlags(c.entity_id),
    c.art134?.flag ? h('p', { class: 'card warn', id: 'case-art134' }, `该当事人一年内已受到${c.art134.penalties_last_year}次行政处罚：依照食品安全法第一百三十四条，应责令停产停业，直至吊销许可证。`) : null,
    c.due_today ? h('p', { class: 'card', id: 'case-due-today' }, `应缴：罚款${c.due_today.fine_yuan}元，加处罚款${c.due_today.late_fee_yuan}元，合计${c.due_today.total_yuan}元`) : null,
    (c.measures || []).length ? h('div', { class: 'card', id: 'case-measures' }, h('strong', {}, '强制措施：'), c.measures.map((m) =>
      h('p', { class: 'small' }, `${m.kind === 'seizure' ? '查封扣押' : '先行登记保存'} ${m.items}，${m.decided_on}起${m.ended_on ? `，${m.ended_on}结束` : `，期限${m.due_on}`}`))) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'kv', id: 'case-fields' }, h('tbody', {},
      row('当事人', c.entity_id ? h('a', { href: `#/entities/${c.entity_id}` }, c.party_name) : c.party_name),
      row('统一社会信用代码/身份证号', c.party_code), row('住所', c.party_address), row('法定代表人', c.party_rep),
      row('案件来源', label(CASE_SOURCES, c.source)), row('程序', c.procedure === 'simple' ? '简易程序' : '普通程序'), row('违法事实', c.facts),
      row('处罚', c.penalty.length ? c.penalty.map((k) => label(PENALTIES, k)).join('、') : null), row('罚款', c.fine_yuan ? `${c.fine_yuan}元` : null),
      row('裁量建议', c.suggestion ? `${c.suggestion.lo}–${c.suggestion.hi}元（${c.suggestion.rule.basis}）` : null),
      row('送达', c.served_on ? `${c.served_on} ${label(SERVICE_METHODS, c.service_method)}` : null),
      row('缴款', c.paid_on ? `${c.paid_on}（加处罚款${c.late_fee_yuan}元）` : null),
      row('听证', c.hearing_requested_on ? `${c.hearing_requested_on}要求${c.hearing_on ? `，定于${c.hearing_on}` : ''}${c.hearing_held_on ? `，${c.hearing_held_on}已举行` : ''}` : null),
      row('严重违法失信名单', c.listing_id ? '已列入' : c.listing_notified_on ? `已告知拟列入（陈述申辩至${c.listing_answer_due}）` : null),
      row('公示', c.published_on ? `${c.published_on}至${c.publish_until}${c.withdrawn_on ? `（${c.withdrawn_on}撤下）` : ''}${c.repaired_on ? `（${c.repaired_on}信用修复）` : ''}` : null)))),
    h('div', { class: 'toolbar case-actions' }, actionsFor(c, user).map((a) =>
      h('button', { type: 'button', dataset: { action: a[0] }, onclick: () => mount(formBox, actionForm(c, a, rules, reload)) }, a[1]))),
    formBox,
    evidenceCard(c, reload),
    caseDocuments(c, user),
    h('h3', {}, '办案过程'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'case-steps' },
      h('thead', {}, h('tr', {}, ['日期', '环节', '办理人', '说明', '期限'].map((t) => h('th', {}, t)))),
      h('tbody', {}, c.steps.map((s) => h('tr', { dataset: { step: s.step } }, h('td', { class: 'nowrap' }, s.done_on),
        h('td', {}, label(CASE_STEPS, s.step)), h('td', {}, actorName(s.actor)), h('td', {}, s.note || ''),
        h('td', {}, s.due_on ? h('span', {}, s.due_on, s.late ? h('span', { class: 'badge overdue' }, '超期') : null) : '')))))));
}
