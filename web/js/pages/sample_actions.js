// The steps one can take on a sample (sample.js shows them), each a small form that posts the step and
// hands the whole sample the API answers with back to the page: the 抽样单 (or the refusal) and its
// photos, 送检, 登记收样, results per analyte, the failure notice and its receipt, the re-test (asked,
// decided on one of the five grounds, its results), objections and their answers, disposal, the
// follow-up, publication. Which of them show depends on the sample's status and the reader's role; the
// API checks both again.
import { get, post, upload } from '../api.js';
import { h } from '../dom.js';
import { label } from '../labels.js';
import { OFFICIALS, UNITS, WORKERS, analytesFor, field, formError, submitter } from './sample_common.js';

// The 抽样单 (SAMR Order 15 annex): [field, label, input attributes, required].
export const RECORD_FIELDS = [
  ['product_name', '样品名称', {}, true], ['brand', '商标'], ['spec', '规格型号'], ['batch_no', '生产批号'],
  ['production_date', '生产日期', { type: 'date' }], ['shelf_life_days', '保质期（天）', { type: 'number', min: 1, max: 3650, step: 1 }],
  ['quantity', '库存数量'], ['unit_price', '单价（元）', { type: 'number', min: 0, step: 'any' }], ['declared_standard', '执行标准'],
  ['producer_name', '生产者名称'], ['producer_address', '生产者地址'], ['sample_qty', '抽样数量', { placeholder: '如 2桶' }, true],
  ['backup_qty', '备样数量', { placeholder: '如 1桶' }, true], ['seal_no', '封样编号', {}, true], ['business_signer', '被抽样单位签字人', {}, true],
];
export const GROUNDS = { microbial: '不合格项目为微生物指标', backup_expired: '备份样品超过保存期', late: '逾期提出复检申请',
  no_purpose: '复检无法实现目的（如样品已变质）', other: '其他法律法规规定的情形' };
export const DISPOSALS = { seal: '封存', stop_sale: '停止销售', recall: '召回', destroy: '销毁' };
export const FOLLOWUPS = { rectification: '责令整改', resample: '跟踪抽检', case: '移送立案', cross_area: '外地协查' };
export const OBJECTIONS = { process: '对抽样过程', judgement: '对检验结论' };

function card(title, id, ...body) {
  return h('div', { class: 'card sample-action', id }, h('h3', {}, title), ...body);
}

function dateInput(name, hint = '不填为今天') {
  return h('input', { type: 'date', name, placeholder: hint });
}

// A field's text, trimmed; line breaks become spaces (the API refuses control characters in text).
const text = (form, name) => form.querySelector(`[name="${name}"]`)?.value.replace(/\s*[\r\n]+\s*/g, ' ').trim() || undefined;

// ---- on site ----

export function photoButton(s, box, errorSpot) {
  return h('label', { class: 'photo-button' }, '拍照 / 上传照片',
    h('input', { type: 'file', accept: 'image/jpeg,image/png', capture: 'environment', id: 'sample-photo', onchange: async (ev) => {
      const file = ev.target.files[0];
      if (!file) return;
      errorSpot.textContent = '';
      try {
        const r = await upload(`/samples/${s.id}/photos`, file);
        box.append(h('a', { href: `/api/v1/attachments/${r.attachment.id}`, target: '_blank' },
          h('img', { class: 'thumb', src: `/api/v1/attachments/${r.attachment.id}`, alt: '抽样照片' })));
      } catch (e) { errorSpot.textContent = e.message; }
      ev.target.value = '';
    } }));
}

export function recordForm(s, today, done) {
  const form = h('form', { class: 'card sample-action', id: 'record-form' },
    h('h3', {}, '抽样单'),
    h('p', { class: 'muted small' }, `抽样人员：${s.samplers.map((u) => u.name).join('、')}（不少于2人，现场出示执法证件）`),
    h('div', { class: 'form-grid' }, RECORD_FIELDS.map(([name, text1, attrs = {}, required]) =>
      field(text1, h('input', { name, ...attrs, ...(attrs.type === 'date' ? { max: today } : {}) }), { required }))),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'record-submit' }, '提交抽样单')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = {};
    for (const [name, , attrs = {}] of RECORD_FIELDS) {
      const v = text(form, name);
      if (v === undefined) continue;
      body[name] = attrs.type === 'number' ? Number(v) : v;
    }
    done(await post(`/samples/${s.id}/record`, body));
  }));
  // 被抽样单位拒绝抽样: recorded with what happened, instead of the 抽样单
  const refusal = h('form', { class: 'card sample-action hidden', id: 'refusal-form' },
    h('h3', {}, '被抽样单位拒绝抽样'),
    field('拒绝抽样的经过', h('textarea', { name: 'refusal_note', rows: 3, maxlength: 500, placeholder: '拒绝人、时间、经过；现场已告知拒绝抽样的法律后果' }), { required: true }),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'refusal-submit' }, '确认拒绝抽样')));
  refusal.addEventListener('submit', submitter(refusal, async () => {
    done(await post(`/samples/${s.id}/record`, { refused: true, refusal_note: text(refusal, 'refusal_note') || '' }));
  }));
  const toggle = h('button', { type: 'button', class: 'link', id: 'refuse-toggle', onclick: () => {
    refusal.classList.toggle('hidden');
    if (!refusal.classList.contains('hidden')) refusal.scrollIntoView({ block: 'nearest' });
  } }, '被抽样单位拒绝抽样？');
  return [form, h('p', { class: 'small' }, toggle), refusal];
}

async function deliverForm(s, done) {
  const labs = (await get('/labs?limit=200')).items.filter((l) => l.active && (s.method === 'rapid' || !l.rapid));
  const lab = h('select', { name: 'lab_id', id: 'deliver-lab' }, h('option', { value: '' }, '请选择检验机构'),
    labs.map((l) => h('option', { value: l.id }, `${l.name}${l.rapid ? '（快检）' : ''}`)));
  const form = h('form', { id: 'deliver-form' },
    h('div', { class: 'form-grid' }, field('检验机构', lab, { required: true }), field('送检日期', dateInput('delivered_on'), { hint: '不填为今天' })),
    labs.length ? null : h('p', { class: 'muted small' }, '尚未登记可承担检验的机构，请县局在“检验机构”中登记。'),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'deliver-submit' }, '送检')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/deliver`, { lab_id: lab.value ? Number(lab.value) : undefined, delivered_on: text(form, 'delivered_on') }));
  }));
  return card('送检', 'deliver-card', h('p', { class: 'muted small' }, `请于 ${s.delivery_due || ''} 前将样品送达检验机构（抽样后5个工作日内）。`), form);
}

function receiveForm(s, done) {
  const form = h('form', { id: 'receive-form' },
    h('div', { class: 'form-grid' }, field('收样日期', dateInput('received_on'), { hint: '不填为今天；检验报告应在收样后20个工作日内出具' })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'receive-submit' }, '登记收样')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/receive`, { received_on: text(form, 'received_on') }));
  }));
  return card('登记收样', 'receive-card', h('p', { class: 'muted small' }, `检验机构：${s.lab_name || ''}`), form);
}

// One row per analyte of the sample: the value (several, comma-separated, for a microbial plan) and
// its unit, or 未检出.
function resultRows(s, t) {
  const limits = new Map(analytesFor(t, s.food_category).map((a) => [a.code, a]));
  return s.analytes.map((code, i) => {
    const a = limits.get(code);
    const lim = a?.limit;
    const units = [...UNITS];
    if (lim?.unit && !units.includes(lim.unit)) units.push(lim.unit);
    const value = h('input', { class: 'value', inputmode: 'decimal', name: `results[${i}].value`,
      placeholder: lim?.kind === 'microbial' ? `${lim.n}个检测值，逗号分隔` : '检测值' });
    const unit = h('select', { class: 'unit', name: `results[${i}].unit` }, units.map((u) => h('option', { value: u, selected: u === (lim?.unit || 'mg/kg') }, u)));
    const nd = h('input', { type: 'checkbox', class: 'not-detected' });
    nd.addEventListener('change', () => { value.disabled = nd.checked; unit.disabled = nd.checked; });
    const row = h('div', { class: 'result-row', dataset: { analyte: code } },
      h('div', { class: 'result-name' }, h('strong', {}, a?.name || code), lim ? h('span', { class: 'muted small' }, ` 限量 ${lim.kind === 'not_detected' ? '不得检出' : `${lim.kind === 'microbial' ? `m=${lim.m}` : lim.value} ${lim.unit}`}`) : null),
      h('div', { class: 'result-inputs' }, value, unit, h('label', { class: 'inline small' }, nd, '未检出')),
      h('span', { class: 'field-error', dataset: { for: `results[${i}]` } }));
    row.read = () => {
      if (nd.checked) return { analyte: code, detected: false };
      const parts = value.value.split(/[,，、\s]+/).filter(Boolean).map(Number);
      if (parts.length > 1) return { analyte: code, values: parts, unit: unit.value };
      return { analyte: code, value: parts.length ? parts[0] : undefined, unit: unit.value };
    };
    return row;
  });
}

function reportForm(s, t, done, retest) {
  const rows = resultRows(s, t);
  const form = h('form', { id: retest ? 'retest-report-form' : 'report-form' },
    h('div', { class: 'result-rows' }, rows),
    h('span', { class: 'field-error', dataset: { for: 'results' } }),
    h('div', { class: 'form-grid' }, field('报告日期', dateInput('reported_on'), { hint: '不填为今天' })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: retest ? 'retest-report-submit' : 'report-submit' }, retest ? '录入复检结果' : '录入检验结果')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/${retest ? 'retest/report' : 'report'}`, { results: rows.map((r) => r.read()), reported_on: text(form, 'reported_on') }));
  }));
  return retest
    ? card('录入复检结果', 'retest-report-card', h('p', { class: 'muted small' }, `复检机构：${s.retest.lab_name || ''}；复检结论为最终结论。`), form)
    : card('录入检验结果', 'report-card', h('p', { class: 'muted small' }, '逐项录入检测值和单位，未检出的勾选“未检出”；系统按食品类别的限量逐项判定并注明依据。'), form);
}

// ---- after a failure ----

function noticeForm(s, done) {
  const form = h('form', { id: 'notice-form' },
    h('div', { class: 'form-grid' },
      field('送达日期', dateInput('sent_on'), { hint: '不填为今天' }),
      field('企业签收日期', dateInput('received_on'), { hint: '当场或电子送达并已签收时填写' })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'notice-submit' }, '送达不合格通知')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/notice`, { sent_on: text(form, 'sent_on'), received_on: text(form, 'received_on') }));
  }));
  return card('送达不合格通知', 'notice-card', h('p', { class: 'muted small' }, `应于 ${s.notice_due || ''} 前送达被抽样单位（检验报告出具后2个工作日内）。`), form);
}

function confirmNotice(s, done) {
  const form = h('form', { id: 'notice-confirm-form' }, formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'confirm-notice' }, '确认收到通知')));
  form.addEventListener('submit', submitter(form, async () => { done(await post(`/samples/${s.id}/notice`, {})); }));
  return card('不合格检验结论通知', 'notice-confirm-card',
    h('p', {}, `监管部门已于 ${s.notice_sent_on} 送达不合格检验结论通知。确认收到后，可在7个工作日内申请复检。`), form);
}

function retestRequest(s, today, done) {
  const form = h('form', { id: 'retest-form' },
    field('申请理由', h('textarea', { name: 'reason', rows: 3, maxlength: 1000, placeholder: '对检验结论有异议的理由' }), { required: true }),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'retest-submit' }, '申请复检')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/retest`, { reason: text(form, 'reason') || '' }));
  }));
  const late = s.retest_due && today > s.retest_due;
  return card('申请复检', 'retest-card',
    h('p', { class: late ? 'warn small' : 'muted small' }, '申请期限：', h('strong', { id: 'retest-due' }, s.retest_due || ''),
      late ? '（已超过期限，申请将记为逾期，监管部门可不予受理）' : '（收到通知之日起7个工作日内；复检由另一家检验机构使用备份样品进行）'),
    form);
}

function retestDecide(s, done) {
  const r = s.retest;
  const ground = h('select', { name: 'ground', id: 'retest-ground' }, h('option', { value: '' }, '请选择不予受理的理由'),
    Object.entries(GROUNDS).map(([v, t]) => h('option', { value: v }, t)));
  const form = h('form', { id: 'retest-decide-form' },
    h('div', { class: 'form-grid' }, field('不予受理的理由', ground), field('说明', h('textarea', { name: 'note', rows: 2, maxlength: 500, placeholder: '不予受理时必填' }))),
    formError(),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'retest-accept' }, '受理复检'),
      h('button', { type: 'button', class: 'reject', id: 'retest-refuse' }, '不予受理')));
  form.querySelector('#retest-accept').addEventListener('click', submitter(form, async () => {
    done(await post(`/samples/${s.id}/retest/decide`, { accept: true, note: text(form, 'note') }));
  }));
  form.querySelector('#retest-refuse').addEventListener('click', submitter(form, async () => {
    done(await post(`/samples/${s.id}/retest/decide`, { accept: false, ground: ground.value || undefined, note: text(form, 'note') }));
  }));
  form.addEventListener('submit', (ev) => ev.preventDefault());
  return card('复检受理', 'retest-decide-card',
    h('p', {}, `企业于 ${r.requested_on} 申请复检${r.late ? '（逾期申请）' : ''}：${r.reason}`),
    h('p', { class: 'muted small' }, `应于 ${r.decide_due} 前作出决定；受理的，从本次检验机构以外的机构中随机确定复检机构。`), form);
}

function objectionForm(s, done) {
  const kinds = Object.entries(OBJECTIONS).filter(([k]) => k === 'process' || s.notice_sent_on);
  const form = h('form', { id: 'objection-form' },
    h('div', { class: 'form-grid' },
      field('异议类型', h('select', { name: 'kind' }, kinds.map(([v, t]) => h('option', { value: v }, t))), { required: true }),
      field('异议内容', h('textarea', { name: 'text', rows: 3, maxlength: 2000 }), { required: true, wide: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'objection-submit' }, '提出异议')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/objections`, { kind: text(form, 'kind'), text: text(form, 'text') || '' }));
  }));
  return card('提出异议', 'objection-card', h('p', { class: 'muted small' }, '对抽样过程有异议的，在抽样之日起7个工作日内提出；对检验结论有异议的，在收到不合格通知之日起7个工作日内提出。'), form);
}

function answerForm(s, o, done) {
  const form = h('form', { class: 'objection-answer-form', dataset: { id: o.id } },
    h('div', { class: 'form-grid' },
      field('答复结论', h('select', { name: 'upheld' }, h('option', { value: 'false' }, '异议不成立'), h('option', { value: 'true' }, '异议成立'))),
      field('答复意见', h('textarea', { name: 'answer', rows: 2, maxlength: 2000 }), { required: true, wide: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '答复异议')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await post(`/samples/${s.id}/objections/${o.id}/decide`, { upheld: text(form, 'upheld') === 'true', answer: text(form, 'answer') || '' }));
  }));
  return card(`答复异议（${label(OBJECTIONS, o.kind)}）`, `answer-card-${o.id}`, h('p', {}, `${o.filed_on} 提出：${o.text}`), form);
}

function disposalForm(s, business, done) {
  const actions = business ? ['recall', 'destroy', 'stop_sale'] : ['seal', 'stop_sale', 'recall', 'destroy'];
  const form = h('form', { id: 'disposal-form' },
    h('div', { class: 'form-grid' },
      field('处置方式', h('select', { name: 'action' }, actions.map((a) => h('option', { value: a }, DISPOSALS[a]))), { required: true }),
      field('数量', h('input', { name: 'quantity', type: 'number', min: 0, step: 'any' }), { required: true }),
      field('单位', h('input', { name: 'unit', maxlength: 10, placeholder: '如 kg、袋、箱' }), { required: true }),
      field('处置日期', dateInput('done_on'), { hint: '不填为今天' }),
      field('说明', h('input', { name: 'note', maxlength: 500, placeholder: business ? '如 已通知下游3家经销商' : '' }), { wide: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'disposal-submit' }, '登记')));
  form.addEventListener('submit', submitter(form, async () => {
    const q = text(form, 'quantity');
    done(await post(`/samples/${s.id}/disposals`, { action: text(form, 'action'), quantity: q === undefined ? undefined : Number(q),
      unit: text(form, 'unit') || '', done_on: text(form, 'done_on'), note: text(form, 'note') }));
  }));
  return card(business ? '登记召回/销毁' : '登记处置', 'disposal-card', form);
}

async function followupForm(s, done) {
  const staff = (await get('/officials?for=sampling')).items;
  const action = h('select', { name: 'action', id: 'followup-action' }, Object.entries(FOLLOWUPS).map(([v, t]) => h('option', { value: v }, t)));
  const requirement = field('整改要求', h('textarea', { name: 'requirement', rows: 2, maxlength: 1000, placeholder: '不填为：查明不合格原因，采取下架、召回等措施，提交整改报告' }), { wide: true });
  const samplers = field('抽样人员（至少2人）', h('div', { class: 'checklist' }, staff.map((u) => h('label', { class: 'inline check' },
    h('input', { type: 'checkbox', name: 'sampler', value: u.id }), u.display_name))), { name: 'samplers', wide: true, required: true });
  const target = field('承办 / 协查单位', h('input', { name: 'target', maxlength: 100 }), { required: true });
  const note = field('说明', h('input', { name: 'note', maxlength: 1000 }), { wide: true });
  const show = () => {
    const a = action.value;
    requirement.classList.toggle('hidden', a !== 'rectification');
    samplers.classList.toggle('hidden', a !== 'resample');
    target.classList.toggle('hidden', a !== 'case' && a !== 'cross_area');
    note.classList.toggle('hidden', a === 'rectification' || a === 'resample');
  };
  action.addEventListener('change', show);
  const form = h('form', { id: 'followup-form' },
    h('div', { class: 'form-grid' }, field('措施', action, { required: true }), requirement, samplers, target, note),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'followup-submit' }, '办理')));
  show();
  form.addEventListener('submit', submitter(form, async () => {
    const a = action.value;
    const body = { action: a };
    if (a === 'rectification') body.requirement = text(form, 'requirement');
    if (a === 'resample') body.samplers = [...form.querySelectorAll('input[name=sampler]:checked')].map((i) => Number(i.value));
    if (a === 'case' || a === 'cross_area') Object.assign(body, { target: text(form, 'target') || '', note: text(form, 'note') });
    done(await post(`/samples/${s.id}/followups`, body));
  }));
  return card('后处理', 'followup-card',
    h('p', { class: 'muted small' }, `不合格的，应于 ${s.followup_due || ''} 前完成核查处置：责令整改、跟踪抽检，涉嫌违法的移送立案，生产者在外地的发函协查。`), form);
}

function publishButton(s, done) {
  const form = h('form', { id: 'publish-form' }, formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'publish-submit' }, '公布抽检信息')));
  form.addEventListener('submit', submitter(form, async () => { done(await post(`/samples/${s.id}/publish`, {})); }));
  return card('公布', 'publish-card', h('p', { class: 'muted small' }, '在抽检信息公告中公布样品、被抽样单位、检验结论和不合格项目。'), form);
}

// A recall of the failed batch (食品召回管理办法): the list comes from the trace of the batch's code; a
// re-test does not hold it up.
function recallForm(s, ordered) {
  const level = h('select', { name: 'level', id: 'sample-recall-level' }, h('option', { value: 1 }, '一级（严重健康损害）'),
    h('option', { value: 2 }, '二级（一般健康损害）'), h('option', { value: 3 }, '三级（标签标识虚假）'));
  const form = h('form', { class: 'action-form', id: 'sample-recall' },
    field('召回级别', level, { required: true }),
    field('召回原因', h('input', { name: 'reason', value: `监督抽检${s.product_name || ''}不合格` }), { required: true }),
    formError(), h('button', { type: 'submit', class: 'primary' }, ordered ? '责令召回' : '启动召回'));
  form.addEventListener('submit', submitter(form, async () => {
    const r = await post('/recalls', { sample_id: s.id, level: Number(level.value), reason: text(form, 'reason') });
    location.hash = `#/recall/${r.recall.id}`;
  }));
  return card('召回', 'recall-card', h('p', { class: 'muted small' }, '按该批次的追溯码找出全部下游单位，逐一通知停售并确认。'), form);
}

// The steps open to this reader now, as cards (some need a list from the API first).
export async function actionsFor(s, user, t, today, done) {
  const role = user.role;
  const official = OFFICIALS.includes(role);
  const worker = WORKERS.includes(role);
  const failed = s.verdict === 'fail';
  const out = [];
  if (role === 'business') {
    if (failed && s.notice_sent_on && !s.notice_received_on) out.push(confirmNotice(s, done));
    if (failed && s.kind !== 'monitoring' && !s.retest && !s.final_verdict && s.notice_received_on) out.push(retestRequest(s, today, done));
    // on the sampling while it is fresh, on the verdict once told of a failure
    if (failed || ['sampled', 'delivered', 'received'].includes(s.status)) out.push(objectionForm(s, done));
    if (failed) out.push(disposalForm(s, true, done));
    if (failed) out.push(recallForm(s, false));
    return out;
  }
  if (worker && s.status === 'sampled') out.push(await deliverForm(s, done));
  if (official && s.status === 'delivered') out.push(receiveForm(s, done));
  if (official && (s.status === 'received' || (s.status === 'sampled' && s.method === 'rapid'))) out.push(reportForm(s, t, done, false));
  if (!official) return out;
  if (failed && s.status === 'reported' && !s.notice_sent_on) out.push(noticeForm(s, done));
  if (s.retest?.status === 'requested') out.push(retestDecide(s, done));
  if (s.retest?.status === 'accepted') out.push(reportForm(s, t, done, true));
  for (const o of s.objections.filter((x) => x.status === 'open')) out.push(answerForm(s, o, done));
  if (failed) out.push(disposalForm(s, false, done));
  if (failed && s.final_verdict !== 'pass') out.push(recallForm(s, true));
  if (failed && s.final_verdict !== 'pass') out.push(await followupForm(s, done));
  // a final failure is a case's source: opened in 案件办理 with the sample and the business filled in
  if (s.final_verdict === 'fail' && s.kind !== 'monitoring')
    out.push(card('立案查处', 'case-card', h('a', { class: 'button', id: 'open-case', href: `#/cases?new=1&source=sample&source_id=${s.id}&entity=${s.entity_id}` }, '登记案件')));
  if (s.status === 'reported' && !s.published_at) out.push(publishButton(s, done));
  return out;
}

