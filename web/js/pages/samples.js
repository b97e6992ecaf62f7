// 抽样检验 · the list each role starts from (#/samples): a sampler's tasks as cards for the phone (我的任务,
// 已抽样 waiting to go to the lab, all); the county's or township's samples, filtered and paged, with
// counts by status and the form that assigns a task (下达抽样任务); a business's own results (抽检结果).
// A sample opens at #/sample/:id (sample.js).
import { exportButton } from '../export_csv.js';
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { entityPicker } from './entity_picker.js';
import { SAMPLE_KINDS, SAMPLE_METHODS, SAMPLE_STATUSES, VERDICTS, label } from '../labels.js';
import { OFFICIALS, PAGE, analyteName, analytesFor, depth, field, formError, limitTables, limitText, nextDue, platformToday, statusBadge, submitter, verdictBadge, verdictOf, pagerFor } from './sample_common.js';

function params(hash) { return new URLSearchParams(hash.split('?')[1] || ''); }

function dueLine(s, today) {
  const next = nextDue(s);
  if (!next || !next[1]) return null;
  const late = next[1] < today;
  return h('span', { class: `sample-due ${late ? 'late' : ''}` }, `${next[0]}期限 ${next[1]}`, late ? h('span', { class: 'badge overdue' }, '逾期') : null);
}

// ---- the sampler ----

const SAMPLER_TABS = [['tasks', '我的任务', { status: 'assigned' }], ['sampled', '已抽样', { status: 'sampled' }], ['all', '全部', {}]];

function taskCard(s, t, today) {
  const action = s.status === 'assigned' ? '填写抽样单' : s.status === 'sampled' ? '送检' : '查看';
  return h('div', { class: 'card sample-card', dataset: { id: s.id, status: s.status } },
    h('div', { class: 'title-row' }, h('strong', { class: 'sample-entity' }, s.entity_name), statusBadge(s), verdictBadge(verdictOf(s))),
    h('p', { class: 'muted small sample-address' }, s.entity_address || ''),
    h('p', { class: 'sample-what' }, `抽取：${s.product_name || s.food_category_name}`,
      h('span', { class: 'muted' }, ` · ${label(SAMPLE_KINDS, s.kind)}${s.method === 'rapid' ? ' · 快速检测' : ''}`)),
    h('p', { class: 'muted small' }, `检验项目：${s.analytes.map((a) => analyteName(t, a)).join('、')}`),
    h('div', { class: 'toolbar' }, h('span', { class: 'muted small mono' }, s.code), dueLine(s, today),
      h('a', { class: `button ${s.status === 'assigned' || s.status === 'sampled' ? 'primary-link' : ''} open-sample`, href: `#/sample/${s.id}` }, action)));
}

async function renderSamplerTasks(container, user, hash) {
  const p = params(hash);
  const tab = SAMPLER_TABS.find(([k]) => k === p.get('tab')) || SAMPLER_TABS[0];
  const offset = Number(p.get('offset')) || 0;
  const [t, today, data] = await Promise.all([limitTables(), platformToday(),
    get(`/samples${query({ mine: 1, ...tab[2], limit: PAGE, offset })}`)]);
  const go = (at) => { location.hash = `#/samples${query({ tab: tab[0], offset: at || undefined })}`; };
  mount(container,
    h('h2', {}, '抽样任务'),
    h('div', { class: 'tabs' }, SAMPLER_TABS.map(([k, text]) => h('a', { class: `tab ${k === tab[0] ? 'active' : ''}`, href: `#/samples?tab=${k}`, id: `tab-${k}` }, text))),
    tab[0] === 'sampled' ? h('p', { class: 'muted small' }, '抽样后应在5个工作日内将样品送达检验机构。') : null,
    h('div', { id: 'sample-list' }, data.items.length ? data.items.map((s) => taskCard(s, t, today))
      : h('p', { class: 'muted card', id: 'no-samples' }, tab[0] === 'tasks' ? '暂无待完成的抽样任务' : '暂无样品')),
    data.total > PAGE ? pagerFor(offset, data, go) : null);
}

// ---- the business ----

async function renderBusinessResults(container, user, hash) {
  const offset = Number(params(hash).get('offset')) || 0;
  const data = await get(`/samples${query({ limit: PAGE, offset })}`);
  const go = (at) => { location.hash = `#/samples${query({ offset: at || undefined })}`; };
  const todo = (s) => {
    if (s.notice_sent_on && !s.notice_received_on) return '请确认收到不合格通知';
    if (s.retest_due && !s.final_verdict && s.kind !== 'monitoring') return `如有异议，可于 ${s.retest_due} 前申请复检`;
    return null;
  };
  mount(container,
    h('h2', {}, '抽检结果'),
    h('p', { class: 'muted' }, '本单位被抽检的样品及其检验结论。不合格的，可在收到通知后申请复检、提出异议，并登记召回、销毁等处置情况。'),
    h('div', { id: 'sample-list' }, data.items.length ? data.items.map((s) => h('div', { class: 'card sample-card', dataset: { id: s.id, status: s.status } },
      h('div', { class: 'title-row' }, h('strong', {}, s.product_name || s.food_category_name), statusBadge(s), verdictBadge(verdictOf(s))),
      h('p', { class: 'muted small' }, `${s.code} · ${label(SAMPLE_KINDS, s.kind)} · 抽样日期 ${s.sampled_on || ''}`),
      todo(s) ? h('p', { class: 'warn small sample-todo' }, todo(s)) : null,
      h('div', { class: 'toolbar' }, h('span'), h('a', { class: 'button open-sample', href: `#/sample/${s.id}` }, '查看详情'))))
      : h('p', { class: 'muted card', id: 'no-samples' }, '暂无抽检记录')),
    data.total > PAGE ? pagerFor(offset, data, go) : null);
}

// ---- the county and townships ----

// 下达抽样任务: the business found by name, what to sample and test, at least two samplers.
async function createForm(box, t) {
  const staff = (await get('/officials?for=sampling')).items;
  const { element: picker, entityId } = entityPicker({ placeholder: '输入单位名称查找' });
  const kind = h('select', { name: 'kind', id: 'new-kind' }, Object.entries(SAMPLE_KINDS).map(([v, text]) => h('option', { value: v }, text)));
  const method = h('select', { name: 'method', id: 'new-method' }, Object.entries(SAMPLE_METHODS).map(([v, text]) => h('option', { value: v }, text)));
  const category = h('select', { name: 'food_category', id: 'new-category' }, h('option', { value: '' }, '请选择'),
    t.list.map((c) => h('option', { value: c.code }, `${'　'.repeat(depth(t, c.code))}${c.name}`)));
  const analytes = h('div', { class: 'checklist', id: 'new-analytes' }, h('span', { class: 'muted small' }, '先选择食品类别'));
  category.addEventListener('change', () => {
    const list = analytesFor(t, category.value);
    mount(analytes, list.length ? list.map((a) => h('label', { class: 'inline check' },
      h('input', { type: 'checkbox', name: 'analyte', value: a.code }), a.name, h('span', { class: 'muted small' }, `（${limitText(a.limit)}）`)))
      : h('span', { class: 'muted small' }, '该类别暂无限量标准'));
  });
  const samplers = h('div', { class: 'checklist', id: 'new-samplers' }, staff.length ? staff.map((u) => h('label', { class: 'inline check' },
    h('input', { type: 'checkbox', name: 'sampler', value: u.id }), u.display_name)) : h('span', { class: 'muted small' }, '辖区内没有抽样人员'));
  const form = h('form', { class: 'card', id: 'sample-create-form' },
    h('h3', {}, '下达抽样任务'),
    h('div', { class: 'form-grid' },
      field('被抽样单位', picker, { required: true, name: 'entity_id', wide: true }),
      field('抽检类型', kind, { required: true }),
      field('检验方式', method),
      field('食品类别', category, { required: true, wide: true }),
      field('检验项目', analytes, { required: true, name: 'analytes', wide: true }),
      field('抽样人员（至少2人）', samplers, { required: true, name: 'samplers', wide: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'create-sample' }, '下达任务')));
  form.addEventListener('submit', submitter(form, async () => {
    const s = await post('/samples', {
      entity_id: entityId.value ? Number(entityId.value) : undefined, kind: kind.value, method: method.value,
      food_category: category.value || undefined,
      analytes: [...analytes.querySelectorAll('input:checked')].map((i) => i.value),
      samplers: [...samplers.querySelectorAll('input:checked')].map((i) => Number(i.value)),
    });
    location.hash = `#/sample/${s.id}`;
  }));
  mount(box, form);
}

const COUNTED = ['assigned', 'sampled', 'delivered', 'received', 'reported', 'refused'];

async function renderManagement(container, user, hash) {
  const p = params(hash);
  const f = { status: p.get('status') || '', verdict: p.get('verdict') || '', overdue: p.get('overdue') === '1' ? 1 : '', q: p.get('q') || '' };
  const offset = Number(p.get('offset')) || 0;
  const count = (extra) => get(`/samples${query({ ...extra, limit: 1 })}`).then((r) => r.total);
  const [t, today, data, counts] = await Promise.all([limitTables(), platformToday(), get(`/samples${query({ ...f, limit: PAGE, offset })}`),
    Promise.all([count({}), ...COUNTED.map((s) => count({ status: s })), count({ overdue: 1 }), count({ verdict: 'fail' })])]);
  const to = (x) => `#/samples${query({ ...x })}`;
  const chips = [['', '全部', {}, counts[0]], ...COUNTED.map((s, i) => [s, label(SAMPLE_STATUSES, s), { status: s }, counts[i + 1]]),
    ['overdue', '逾期', { overdue: 1 }, counts[COUNTED.length + 1]], ['fail', '不合格', { verdict: 'fail' }, counts[COUNTED.length + 2]]];
  const current = f.overdue ? 'overdue' : f.verdict === 'fail' && !f.status ? 'fail' : f.status;
  const status = h('select', { name: 'status', id: 'filter-status' }, h('option', { value: '' }, '全部状态'),
    Object.entries(SAMPLE_STATUSES).map(([v, text]) => h('option', { value: v, selected: v === f.status }, text)));
  const verdict = h('select', { name: 'verdict', id: 'filter-verdict' }, h('option', { value: '' }, '全部结论'),
    Object.entries(VERDICTS).map(([v, text]) => h('option', { value: v, selected: v === f.verdict }, text)));
  const overdue = h('input', { type: 'checkbox', id: 'filter-overdue', checked: !!f.overdue });
  const q = h('input', { type: 'search', id: 'filter-q', placeholder: '编号 / 样品名称 / 单位名称', value: f.q });
  const apply = (ev) => {
    ev?.preventDefault();
    location.hash = to({ status: status.value, verdict: verdict.value, overdue: overdue.checked ? 1 : '', q: q.value.trim() });
  };
  const createBox = h('div', { id: 'create-box' });
  const go = (at) => { location.hash = to({ ...f, offset: at || undefined }); };
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '样品管理'),
      h('button', { type: 'button', class: 'primary', id: 'new-sample', onclick: async (ev) => {
        ev.target.disabled = true;
        try { await createForm(createBox, t); } finally { ev.target.disabled = false; }
      } }, '下达抽样任务')),
    createBox,
    h('div', { class: 'tabs sample-counts', id: 'sample-counts' }, chips.map(([k, text, x, n]) =>
      h('a', { class: `tab ${k === current ? 'active' : ''}`, href: to(x), dataset: { key: k || 'all' } }, `${text} ${n}`))),
    h('form', { class: 'filters', id: 'sample-filters', onsubmit: apply }, q, status, verdict,
      h('label', { class: 'inline' }, overdue, '仅逾期'), h('button', { type: 'submit', class: 'primary', id: 'filter-button' }, '查询')),
    h('div', { class: 'toolbar' }, exportButton(`/samples${query(f)}`, [['编号', (s) => s.code], ['被抽样单位', (s) => s.entity_name],
      ['样品', (s) => s.product_name || ''], ['食品类别', (s) => s.food_category_name], ['类型', (s) => label(SAMPLE_KINDS, s.kind)],
      ['状态', (s) => label(SAMPLE_STATUSES, s.status)], ['结论', (s) => { const v = verdictOf(s); return v ? label(VERDICTS, v) : ''; }]], '样品')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'sample-table' },
      h('thead', {}, h('tr', {}, ['编号', '被抽样单位', '样品 / 食品类别', '类型', '状态', '结论', '期限'].map((x) => h('th', {}, x)))),
      h('tbody', {}, data.items.length ? data.items.map((s) => h('tr', { class: 'row-link', dataset: { id: s.id }, onclick: () => { location.hash = `#/sample/${s.id}`; } },
        h('td', { class: 'mono nowrap' }, h('a', { href: `#/sample/${s.id}` }, s.code)),
        h('td', {}, s.entity_name),
        h('td', {}, s.product_name ? `${s.product_name}（${s.food_category_name}）` : s.food_category_name),
        h('td', { class: 'nowrap' }, label(SAMPLE_KINDS, s.kind)),
        h('td', {}, statusBadge(s)),
        h('td', {}, verdictBadge(verdictOf(s))),
        h('td', { class: 'nowrap' }, dueLine(s, today))))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted', id: 'no-samples' }, '没有符合条件的样品'))))),
    pagerFor(offset, data, go));
}

export async function renderSamples(container, user, hash) {
  if (user.role === 'sampler') return renderSamplerTasks(container, user, hash);
  if (user.role === 'business') return renderBusinessResults(container, user, hash);
  if (OFFICIALS.includes(user.role)) return renderManagement(container, user, hash);
  mount(container, h('h2', {}, '抽样检验'), h('p', { class: 'muted card' }, '抽样检验由县局、乡镇所和抽样人员办理。'));
  return null;
}
