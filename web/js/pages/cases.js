// 案件办理 · cases (#/cases): open ones first by their nearest deadline with its countdown, filters,
// pages; registering a clue or a penalty on the spot (当场处罚). A case opens at #/case/:id (case.js).
import { exportButton } from '../export_csv.js';
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { CASE_SOURCES, CASE_STATUSES, label } from '../labels.js';
import { PAGE, field, formError, platformToday, submitter, pagerFor } from './sample_common.js';
import { countdown } from './complaints.js';
import { markFlagged } from './credit_flags.js';

const params = (hash) => new URLSearchParams(hash.split('?')[1] || '');
const options = (map, blank) => [blank ? h('option', { value: '' }, blank) : null, ...Object.entries(map).map(([k, v]) => h('option', { value: k }, v))];

function openForm(box, user, hash) {
  const p = params(hash);
  const procedure = h('select', { name: 'procedure', id: 'case-procedure' }, h('option', { value: 'general' }, '普通程序（登记线索）'),
    h('option', { value: 'simple' }, '简易程序（当场处罚）'));
  const source = h('select', { name: 'source', id: 'case-source' }, options(CASE_SOURCES));
  source.value = p.get('source') || 'inspection';
  const entity = h('input', { name: 'entity_id', id: 'case-entity', type: 'number', min: 1, value: p.get('entity') || '', placeholder: '在档商户编号' });
  const partyKind = h('select', { name: 'party_kind', id: 'case-party-kind' }, h('option', { value: '' }, '按档案'), h('option', { value: 'organisation' }, '单位'),
    h('option', { value: 'individual' }, '个人'));
  const partyName = h('input', { name: 'party_name', placeholder: '不在档时填写' });
  const division = h('input', { name: 'division_code', value: user.division_code?.length === 12 ? user.division_code : '', placeholder: '区划代码' });
  const facts = h('textarea', { name: 'facts', id: 'case-facts', rows: 3, placeholder: '违法事实（至少10个字）' });
  const fine = h('input', { name: 'fine_yuan', id: 'case-fine', type: 'number', min: 0, placeholder: '当场处罚的罚款（元）' });
  const form = h('form', { class: 'card sample-form', id: 'case-open' }, h('h3', {}, '登记案件'),
    h('div', { class: 'form-grid' }, field('程序', procedure), field('案件来源', source, { required: true }), field('当事人（商户编号）', entity),
      field('当事人类型', partyKind), field('当事人名称', partyName), field('承办地区', division),
      field('违法事实', facts, { required: true, wide: true }), field('罚款（元）', fine, { hint: '当场处罚：个人不超过200元，单位不超过3000元' })),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary', id: 'case-submit' }, '登记')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { procedure: procedure.value, source: source.value, facts: facts.value.trim() };
    if (p.get('source_id')) body.source_id = Number(p.get('source_id'));
    if (entity.value) body.entity_id = Number(entity.value);
    else Object.assign(body, { party_name: partyName.value.trim(), division_code: division.value.trim() });
    if (partyKind.value) body.party_kind = partyKind.value;
    if (procedure.value === 'simple') Object.assign(body, { penalty: Number(fine.value) > 0 ? ['fine'] : ['warning'], fine_yuan: Number(fine.value) || 0 });
    location.hash = `#/case/${(await post('/cases', body)).case.id}`;
  }));
  mount(box, form);
}

export async function renderCases(container, user, hash) {
  const p = params(hash);
  const offset = Number(p.get('offset')) || 0;
  const filter = { status: p.get('status') || '', q: p.get('q') || '', overdue: p.get('overdue') || '' };
  const [today, data] = await Promise.all([platformToday(), get(`/cases${query({ ...filter, limit: PAGE, offset })}`)]);
  const go = (over) => { location.hash = `#/cases${query({ ...filter, ...over })}`; };
  const status = h('select', { id: 'case-filter-status', onchange: (e) => go({ status: e.target.value }) }, options(CASE_STATUSES, '全部状态'));
  status.value = filter.status;
  const q = h('input', { type: 'search', id: 'case-filter-q', value: filter.q, placeholder: '案号或当事人' });
  const formBox = h('div');
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '案件办理'),
      h('button', { type: 'button', id: 'case-new', onclick: () => openForm(formBox, user, hash) }, '登记案件')),
    formBox,
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); go({ q: q.value.trim() }); } }, status, q,
      h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'case-filter-overdue', checked: filter.overdue === '1',
        onchange: (e) => go({ overdue: e.target.checked ? '1' : '' }) }), '只看逾期'), h('button', { type: 'submit' }, '查询')),
    h('div', { class: 'toolbar' }, exportButton(`/cases${query(filter)}`, [['案号', (c) => c.case_no || `线索 ${c.clue_on}`], ['当事人', (c) => c.party_name],
      ['来源', (c) => label(CASE_SOURCES, c.source)], ['程序', (c) => (c.procedure === 'simple' ? '简易' : '普通')], ['状态', (c) => label(CASE_STATUSES, c.status)],
      ['罚款（元）', (c) => c.fine_yuan || ''], ['下一期限', (c) => c.next_due || '']], '案件')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'case-list' },
      h('thead', {}, h('tr', {}, ['案号', '当事人', '来源', '程序', '状态', '罚款', '期限'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.length ? data.items.map((c) => h('tr', { dataset: { id: c.id, entity: c.entity_id || '' } },
        h('td', { class: 'mono' }, h('a', { href: `#/case/${c.id}` }, c.case_no || `线索 ${c.clue_on}`)),
        h('td', {}, c.party_name), h('td', {}, label(CASE_SOURCES, c.source)), h('td', {}, c.procedure === 'simple' ? '简易' : '普通'),
        h('td', {}, h('span', { class: `badge case-status status-${c.status}` }, label(CASE_STATUSES, c.status))),
        h('td', {}, c.fine_yuan ? `${c.fine_yuan}元` : ''), h('td', {}, countdown(c.next_due, today, !c.next_due))))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted', id: 'no-cases' }, '暂无案件'))))),
    pagerFor(offset, data, (at) => go({ offset: at || undefined })));
  markFlagged(container.querySelector('#case-list tbody'));
  if (p.get('new')) openForm(formBox, user, hash);
}
