// 检查结果公示: published inspection results for the public, no sign-in.
import { get, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { INSPECTION_KINDS, INSPECTION_RESULTS, label } from '../labels.js';
import { portalPage } from './portal_shell.js';

export async function renderPublic(container) {
  const q = h('input', { type: 'search', id: 'public-q', placeholder: '输入商户名称查询' });
  const tbody = h('tbody');
  const more = h('button', { class: 'hidden', id: 'public-more' }, '加载更多');
  let cursor = null;
  const load = async (reset) => {
    if (reset) { cursor = null; mount(tbody); }
    const r = await get(`/public/inspections${query({ q: q.value.trim(), cursor, limit: 30 })}`);
    tbody.append(...r.items.map((i) => h('tr', {},
      h('td', {}, i.entity_name), h('td', {}, i.address), h('td', {}, i.township_name),
      h('td', {}, label(INSPECTION_KINDS, i.kind)), h('td', { class: 'nowrap' }, formatTime(i.completed_at).slice(0, 10)),
      h('td', {}, h('span', { class: `badge result-${i.result}` }, label(INSPECTION_RESULTS, i.result))))));
    if (reset && !r.items.length) tbody.append(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '暂无公示结果')));
    cursor = r.next_cursor;
    more.classList.toggle('hidden', !cursor);
  };
  more.addEventListener('click', () => load(false));
  portalPage(container, '食品安全监督检查结果公示',
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); load(true); } }, q, h('button', { type: 'submit', class: 'primary' }, '查询')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'public-results' },
      h('thead', {}, h('tr', {}, ['商户名称', '地址', '乡镇', '检查类型', '检查日期', '检查结果'].map((t) => h('th', {}, t)))), tbody)),
    more);
  await load(true);
}
