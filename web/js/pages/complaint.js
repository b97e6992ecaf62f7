// 投诉举报 · one record (#/complaint/:id): what was said, by whom (a reporter only for its handler),
// the open step's deadline with its countdown and basis, the steps taken, the photos, and the actions
// its status allows.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { COMPLAINT_CHANNELS, COMPLAINT_OUTCOMES, COMPLAINT_STEPS, DUE_STEPS, actorName, label } from '../labels.js';
import { field, formError, platformToday, submitter } from './sample_common.js';
import { countdown } from './complaints.js';
import { entityFlags } from './credit_flags.js';

const REJECT_REASONS = {
  too_old: '争议发生超过三年', outside_competence: '不属于市场监管职责', not_competent: '本部门无处理权限',
  no_parties: '投诉人或被投诉人不明确', no_facts: '无具体请求和事实', duplicate: '重复投诉', other: '其他',
};

// The actions of a status: [action, button, fields] — fields: note (required?), extra controls.
function actionsFor(c, user) {
  const county = ['county', 'admin'].includes(user.role);
  const A = [];
  const s = c.status, kind = c.kind;
  if (county && ['registered', 'dispatched', 'disputed'].includes(s)) A.push(['dispatch', '分派', ['division_code', 'handler_id', 'note?']]);
  if (s === 'dispatched') A.push(['dispute', '管辖争议', ['note']]);
  if (kind === 'complaint' && ['registered', 'dispatched'].includes(s)) A.push(['accept', '受理', ['note?']], ['reject', '不予受理', ['reason', 'note?']]);
  if (kind === 'complaint' && s === 'accepted') A.push(['mediate', '双方同意，开始调解', ['consent', 'delegate', 'note?']]);
  if (kind === 'complaint' && s === 'mediating') A.push(['session', '调解记录', ['note']], ['agree', '达成协议', ['note']]);
  if (kind === 'complaint' && ['accepted', 'mediating'].includes(s)) A.push(['terminate', '终止调解', ['note']], ['clue', '发现违法线索', ['facts']]);
  if (['terminated', 'decided'].includes(s)) A.push(['tell', '已告知', ['note?']]);
  if (kind !== 'complaint' && ['registered', 'dispatched'].includes(s)) A.push(['verify', '开始核查', ['note?']]);
  if (s === 'verifying' && !c.verify_extended) A.push(['extend', '延长核查期限', ['note']]);
  if (kind === 'report' && s === 'verifying') A.push(['decide', '作出决定', ['outcome', 'note']]);
  if (kind === 'opinion' && s === 'verifying') A.push(['conclude', '处置完毕', ['note']]);
  if (kind === 'report' && c.outcome === 'case' && ['decided', 'closed'].includes(s)) A.push(['reward', '记录奖励', ['yuan', 'note?']]);
  if (s !== 'closed') A.push(['assign', '指定承办人', ['handler_id']]);
  return A;
}

function control(name) {
  switch (name) {
    case 'division_code': return ['承办单位（区划代码）', h('input', { name })];
    case 'handler_id': return ['承办人（用户编号）', h('input', { name, type: 'number', min: 1 })];
    case 'reason': return ['理由', h('select', { name }, Object.entries(REJECT_REASONS).map(([k, v]) => h('option', { value: k }, v)))];
    case 'consent': return ['双方同意调解', h('input', { name, type: 'checkbox' })];
    case 'delegate': return ['委托消费者协会调解', h('input', { name, type: 'checkbox' })];
    case 'outcome': return ['决定', h('select', { name }, h('option', { value: 'case' }, '立案'), h('option', { value: 'no_case' }, '不予立案'))];
    case 'yuan': return ['奖励金额（元）', h('input', { name, type: 'number', min: 1 })];
    case 'facts': return ['线索', h('textarea', { name, rows: 2 })];
    default: return ['说明', h('textarea', { name: 'note', rows: 2 })];
  }
}

function actionForm(c, [action, text, fields], done) {
  const controls = fields.map((f) => { const [label, el] = control(f.replace('?', '')); return [f, label, el]; });
  const form = h('form', { class: 'card sample-form complaint-action', dataset: { action } },
    h('h3', {}, text),
    h('div', { class: 'form-grid' }, controls.map(([f, l, el]) => field(l, el, { required: !f.endsWith('?') && el.type !== 'checkbox' }))),
    formError(),
    h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '确定')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { action };
    for (const [, , el] of controls) {
      if (el.type === 'checkbox') body[el.name] = el.checked;
      else if (el.value.trim() !== '') body[el.name] = el.type === 'number' ? Number(el.value) : el.value.trim();
    }
    await post(`/complaints/${c.id}/steps`, body);
    done();
  }));
  return form;
}

export async function renderComplaint(container, id, user) {
  const [{ complaint: c }, today] = await Promise.all([get(`/complaints/${id}`), platformToday()]);
  const reload = () => renderComplaint(container, id, user);
  const formBox = h('div', { id: 'complaint-action-form' });
  const person = c.person_hidden ? h('span', { class: 'muted', id: 'person-hidden' }, '举报人信息保密，仅承办人可见')
    : c.person ? `${c.person.name || ''} ${c.person.phone || ''} ${c.person.address || ''}` : h('span', { class: 'muted' }, c.kind === 'opinion' ? '—' : '匿名');
  const d = c.deadline;
  const row = (k, v) => v === null || v === undefined || v === '' ? null : h('tr', {}, h('th', {}, k), h('td', {}, v));
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, `${c.kind_label} ${c.tracking_code}`),
      h('span', { class: `badge complaint-status status-${c.status}`, id: 'complaint-status' }, c.status_label),
      h('a', { class: 'button', href: '#/complaints' }, '返回列表')),
    d ? h('div', { class: `card complaint-deadline ${d.overdue ? 'late' : ''}`, id: 'complaint-deadline' },
      h('strong', {}, `${label(DUE_STEPS, d.step)}期限：`), countdown(d.due_on, today, false),
      h('span', { class: 'muted small' }, ` 剩余${Math.max(0, d.workdays_left)}个工作日 · 依据：${d.basis || ''}`),
      d.provisional ? h('span', { class: 'badge provisional' }, `暂定（${d.provisional_year}年放假安排未公布）`) : null) : null,
    entityFlags(c.entity_id),
    h('div', { class: 'table-wrap' }, h('table', { class: 'kv', id: 'complaint-fields' }, h('tbody', {},
      row('对象', c.entity_id ? h('a', { href: `#/entities/${c.entity_id}` }, c.respondent_name) : c.respondent_name),
      row('对象地址', c.respondent_address), row('承办', `${c.division_name}${c.handler_name ? ' · ' + c.handler_name : ''}`),
      row('来源', label(COMPLAINT_CHANNELS, c.channel)), row('类别', c.category_label), row('收到日期', c.received_on),
      row('发生日期', c.occurred_on), row('事实和理由', c.facts), row('投诉请求', c.request), row(c.kind === 'report' ? '举报人' : '投诉人', person),
      row('舆情来源', c.source_name), row('链接', c.source_url ? h('a', { href: c.source_url, target: '_blank', rel: 'noopener' }, c.source_url) : null),
      row('结果', c.outcome ? `${label(COMPLAINT_OUTCOMES, c.outcome)}${c.outcome_note ? '：' + c.outcome_note : ''}` : null),
      row('奖励', c.reward_yuan ? `${c.reward_yuan}元 ${c.reward_note || ''}` : null),
      row('满意度', c.rating ? `${'★'.repeat(c.rating)}${c.rating_comment ? ' ' + c.rating_comment : ''}` : null),
      row('关联', c.twin_id ? h('a', { href: `#/complaint/${c.twin_id}` }, '查看关联的投诉/举报') : null)))),
    c.photos.length ? h('div', { class: 'photos' }, c.photos.map((p) => h('a', { href: `/api/v1/attachments/${p.id}`, target: '_blank' },
      h('img', { src: `/api/v1/attachments/${p.id}`, alt: '照片', class: 'thumb' })))) : null,
    h('div', { class: 'toolbar complaint-actions' }, actionsFor(c, user).map((a) =>
      h('button', { type: 'button', dataset: { action: a[0] }, onclick: () => mount(formBox, actionForm(c, a, reload)) }, a[1])),
      c.kind === 'report' && c.outcome === 'case'
        ? h('a', { class: 'button', id: 'open-case', href: `#/cases?new=1&source=report&source_id=${c.id}${c.entity_id ? `&entity=${c.entity_id}` : ''}` }, '登记案件') : null),
    formBox,
    h('h3', {}, '办理过程'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'complaint-steps' },
      h('thead', {}, h('tr', {}, ['日期', '环节', '办理人', '说明', '期限'].map((t) => h('th', {}, t)))),
      h('tbody', {}, c.steps.map((s) => h('tr', { dataset: { step: s.step } }, h('td', { class: 'nowrap' }, s.done_on),
        h('td', {}, label(COMPLAINT_STEPS, s.step)), h('td', {}, actorName(s.actor)), h('td', {}, s.note || s.public_note || ''),
        h('td', {}, s.due_on ? h('span', {}, s.due_on, s.late ? h('span', { class: 'badge overdue' }, '超期') : null) : '')))))));
}
