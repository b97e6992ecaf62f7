// 检查任务: the inspections of the jurisdiction, or those assigned to me.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';
import { INSPECTION_KINDS, INSPECTION_RESULTS, INSPECTION_STATUSES, label } from '../labels.js';
import { exportButton } from '../export_csv.js';
import { markFlagged } from './credit_flags.js';
import { PAGE, pagerFor } from './sample_common.js';

export async function renderInspections(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const mine = params.get('mine') ?? (['inspector', 'sampler'].includes(user.role) ? '1' : '');
  const status = params.get('status') ?? 'assigned';
  const offset = Number(params.get('offset')) || 0;
  const r = await get(`/inspections${query({ mine, status, limit: PAGE, offset })}`);
  const tabs = [['assigned', '待检查'], ['completed', '已完成'], ['', '全部']].map(([s, t]) =>
    h('a', { class: `tab ${s === status ? 'active' : ''}`, href: `#/inspections${query({ mine, status: s })}` }, t));
  const business = user.role === 'business';
  mount(container,
    h('h2', {}, business ? '本单位检查结果' : mine ? '我的检查任务' : '检查任务'),
    business ? null : h('div', { class: 'tabs' }, tabs,
      user.role !== 'business' ? h('a', { class: 'tab', href: `#/inspections${query({ mine: mine ? '' : '1', status })}` }, mine ? '查看辖区全部' : '只看我的') : null),
    h('div', { class: 'toolbar' }, exportButton(`/inspections${query({ mine, status })}`, [['主体', (i) => i.entity_name], ['乡镇', (i) => i.township_name],
      ['检查类型', (i) => label(INSPECTION_KINDS, i.kind)], ['检查人员', (i) => i.inspectors.map((p) => p.name).join('、')], ['期限', (i) => i.due_date],
      ['状态', (i) => label(INSPECTION_STATUSES, i.status)], ['结果', (i) => (i.result ? label(INSPECTION_RESULTS, i.result) : '')]], '检查任务')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'inspection-table' },
      h('thead', {}, h('tr', {}, ['主体', '乡镇', '检查类型', '检查人员', '期限', '状态', '结果'].map((t) => h('th', {}, t)))),
      h('tbody', {}, r.items.length ? r.items.map((i) => h('tr', { class: 'row-link', dataset: { id: i.id, entity: i.entity_id }, onclick: () => { location.hash = `#/inspections/${i.id}`; } },
        h('td', {}, h('a', { href: `#/inspections/${i.id}` }, i.entity_name)),
        h('td', {}, i.township_name),
        h('td', {}, label(INSPECTION_KINDS, i.kind)),
        h('td', {}, i.inspectors.map((p) => p.name).join('、')),
        h('td', { class: 'nowrap' }, i.due_date || '',
          i.due_provisional ? h('span', { class: 'badge provisional', title: `${i.due_provisional_year}年国务院放假通知尚未导入，期限按法定节日暂算` }, '暂定') : null),
        h('td', {}, label(INSPECTION_STATUSES, i.status)),
        h('td', {}, i.result ? h('span', { class: `badge result-${i.result}` }, label(INSPECTION_RESULTS, i.result)) : '')))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, '暂无检查任务'))))),
    pagerFor(offset, r, (o) => { location.hash = `#/inspections${query({ mine, status, offset: o || undefined })}`; }));
  markFlagged(container.querySelector('#inspection-table tbody'));
}
