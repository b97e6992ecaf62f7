// 商户查询: residents search the county's shops in operation by name or address, page by page.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';
import { FACES, faceBadge, portalPage } from './portal_shell.js';

const PAGE = 20;

export async function renderShops(container) {
  const q = h('input', { type: 'search', id: 'shops-q', name: 'q', placeholder: '输入商户名称或地址', maxlength: 50 });
  const place = h('select', { id: 'shops-division', name: 'division' }, h('option', { value: '' }, '全部乡镇'));
  const list = h('ul', { class: 'shop-list', id: 'shop-list' });
  const count = h('p', { class: 'muted', id: 'shops-total' });
  const error = h('p', { class: 'error hidden', role: 'alert' });
  const more = h('button', { class: 'hidden wide', id: 'shops-more', type: 'button' }, '加载更多');
  let offset = 0;
  const load = async (reset) => {
    if (reset) { offset = 0; mount(list); }
    error.classList.add('hidden');
    try {
      const r = await get(`/public/shops${query({ q: q.value.trim(), division: place.value, limit: PAGE, offset })}`);
      list.append(...r.items.map((s) => h('li', { class: 'shop-item', dataset: { id: s.id } },
        h('a', { href: `#/shop/${s.id}` },
          faceBadge(s.face),
          h('span', { class: 'shop-item-text' },
            h('strong', { class: 'shop-name' }, s.name),
            h('span', { class: 'muted' }, [s.kind_label, s.township].filter(Boolean).join(' · ')),
            h('span', { class: 'muted shop-address' }, s.address || ''),
            h('span', { class: 'shop-face-words' }, s.face ? `最近检查：${FACES[s.face][1]}` : '暂无检查结果'))))));
      offset += r.items.length;
      count.textContent = `共 ${r.total} 家在营商户`;
      if (reset && !r.items.length) list.append(h('li', { class: 'muted' }, '没有找到符合条件的商户'));
      more.classList.toggle('hidden', offset >= r.total);
    } catch (e) {
      error.textContent = e.message;
      error.classList.remove('hidden');
    }
  };
  more.addEventListener('click', () => load(false));
  portalPage(container, '商户食品安全档案查询',
    h('form', { class: 'portal-search', id: 'shops-form', onsubmit: (ev) => { ev.preventDefault(); load(true); } },
      q, place, h('button', { type: 'submit', class: 'primary' }, '查询')),
    error, count, list, more);
  get('/public/divisions').then((r) => place.append(...r.items.filter((d) => d.level === 2).map((d) => h('option', { value: d.code }, d.name))))
    .catch(() => {});
  await load(true);
}
