// 名特优小作坊 for the public (#/famous-workshops): the workshops recognised and valid today, newest first,
// paged with 加载更多; each opens its shop page.
import { get, query } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

const PAGE = 20;

export async function renderPortalFamous(container) {
  const box = h('ul', { class: 'plain-list', id: 'famous-list' });
  const more = h('button', { type: 'button', class: 'hidden', id: 'famous-more' }, '加载更多');
  const count = h('p', { class: 'muted small' });
  let offset = 0;
  const load = async () => {
    const r = await get(`/public/famous-workshops${query({ limit: PAGE, offset })}`);
    box.append(...r.items.map((x) => h('li', {}, h('a', { href: `#/shop/${x.entity_id}` }, h('strong', {}, x.name)),
      h('div', { class: 'muted small' }, `${x.division_name || ''} ${x.address || ''}`), h('div', { class: 'small' }, `认定有效期 ${x.recognised_on} 至 ${x.valid_until}`))));
    if (!r.total) box.append(h('li', { class: 'muted' }, '暂无'));
    offset += r.items.length;
    count.textContent = r.total ? `共 ${r.total} 家` : '';
    more.classList.toggle('hidden', offset >= r.total);
  };
  more.addEventListener('click', load);
  await load();
  portalPage(container, '名特优小作坊', h('section', { class: 'card' }, h('p', { class: 'muted' }, '经县市场监管局认定的名特优食品小作坊；抽检不合格或受到行政处罚的，认定即行撤销。'),
    count, box, more));
}
