// 红黑榜 for the public (#/honour): the entries in force, red first.
import { get } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

export async function renderHonour(container) {
  const { items } = await get('/public/honour-lists');
  const list = (kind, title) => h('section', { class: `card honour-${kind}`, id: `honour-${kind}` }, h('h2', {}, title),
    items.filter((x) => x.list_kind === kind).map((x) => h('p', {}, h('strong', {}, x.subject_name), ` ${x.reason}（至${x.until_on}）`)),
    items.some((x) => x.list_kind === kind) ? null : h('p', { class: 'muted' }, '暂无'));
  portalPage(container, '红黑榜', list('red', '红榜'), list('black', '黑榜'));
}
