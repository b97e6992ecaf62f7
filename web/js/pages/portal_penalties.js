// 行政处罚公示 for the public (#/penalties): the penalties published and still shown, newest first, paged.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PENALTIES, label } from '../labels.js';
import { portalPage } from './portal_shell.js';

export async function renderPenalties(container) {
  const list = h('tbody');
  const more = h('button', { type: 'button', class: 'hidden', id: 'penalties-more' }, '加载更多');
  let offset = 0;
  const load = async () => {
    const r = await get(`/public/penalties${query({ limit: 20, offset })}`);
    list.append(...r.items.map((p) => h('tr', {}, h('td', {}, p.party_name), h('td', { class: 'mono' }, p.case_no),
      h('td', {}, p.penalty.map((k) => label(PENALTIES, k)).join('、'), p.fine_yuan ? `（罚款${p.fine_yuan}元）` : ''),
      h('td', { class: 'nowrap' }, p.decided_on))));
    if (!offset && !r.items.length) list.append(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, '暂无公示的行政处罚')));
    offset += r.items.length;
    more.classList.toggle('hidden', r.items.length < 20);
  };
  more.addEventListener('click', load);
  portalPage(container, '行政处罚公示',
    h('p', { class: 'muted small' }, '依据《市场监督管理行政处罚信息公示规定》公示；警告和小额罚款公示三个月，其他公示三年。'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'penalty-list' },
      h('thead', {}, h('tr', {}, ['当事人', '决定书文号', '处罚内容', '决定日期'].map((t) => h('th', {}, t)))), list)), more);
  await load();
}
