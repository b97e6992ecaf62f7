// 检查标准: the checklists in force, and one with its dimensions and items.
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { KINDS, label } from '../labels.js';

export async function renderChecklists(container, id) {
  const list = (await get('/checklists')).items;
  const detail = id ? (await get(`/checklists/${id}`)).checklist : null;
  mount(container,
    h('h2', {}, '检查标准'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'checklist-table' },
      h('thead', {}, h('tr', {}, ['标准', '版本', '适用主体', '维度', '检查项', '其中重点项'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((c) => h('tr', {},
        h('td', {}, h('a', { href: `#/checklists/${c.id}` }, c.name)), h('td', { class: 'num' }, `第${c.version}版`),
        h('td', {}, c.kinds.map((k) => label(KINDS, k)).join('、')), h('td', { class: 'num' }, c.dimensions),
        h('td', { class: 'num' }, c.items_count), h('td', { class: 'num' }, c.key_count)))))),
    detail ? h('div', { class: 'card', id: 'checklist-detail' }, h('h3', {}, `${detail.name}（第${detail.version}版）`),
      h('table', {}, h('thead', {}, h('tr', {}, ['序号', '维度', '检查内容', '类别', '依据', '佐证材料'].map((t) => h('th', {}, t)))),
        h('tbody', {}, detail.items.map((i) => h('tr', {}, h('td', { class: 'num' }, i.seq), h('td', {}, i.dimension), h('td', {}, i.content),
          h('td', {}, i.key ? h('span', { class: 'badge key' }, '重点') : '一般'), h('td', {}, i.basis || ''), h('td', {}, i.evidence || '')))))) : null);
}
