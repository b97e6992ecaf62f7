// 红黑榜 for the public (#/honour): the entries in force, red then black, each list paged with 加载更多.
import { get, query } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

const PAGE = 20;

// One list's section; fills itself page by page.
async function honourSection(kind, title) {
  const box = h('div', { class: 'honour-items' });
  const more = h('button', { type: 'button', class: 'hidden', id: `honour-${kind}-more` }, '加载更多');
  const count = h('span', { class: 'muted small' });
  let offset = 0;
  const load = async () => {
    const r = await get(`/public/honour-lists${query({ list_kind: kind, limit: PAGE, offset })}`);
    box.append(...r.items.map((x) => h('p', {}, h('strong', {}, x.subject_name), ` ${x.reason}（至${x.until_on}）`)));
    if (!r.total) box.append(h('p', { class: 'muted' }, '暂无'));
    offset += r.items.length;
    count.textContent = r.total ? `共 ${r.total} 条` : '';
    more.classList.toggle('hidden', offset >= r.total);
  };
  more.addEventListener('click', load);
  await load();
  return h('section', { class: `card honour-${kind}`, id: `honour-${kind}` }, h('h2', {}, title, ' ', count), box, more);
}

export async function renderHonour(container) {
  const [red, black] = await Promise.all([honourSection('red', '红榜'), honourSection('black', '黑榜')]);
  portalPage(container, '红黑榜', red, black);
}
