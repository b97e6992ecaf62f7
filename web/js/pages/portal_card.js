// 门口二维码: the printable A5 card a shop posts at its door; scanning the code opens its public record.
import { get } from '../api.js';
import { h, mount } from '../dom.js';

export async function renderShopCard(container, id) {
  const s = await get(`/public/shops/${id}`);
  mount(container, h('div', { class: 'shop-card-page' },
    h('div', { class: 'no-print shop-card-tools' },
      h('button', { type: 'button', class: 'primary', id: 'card-print', onclick: () => window.print() }, '打印（A5）'),
      h('a', { href: `#/shop/${s.id}` }, '查看公开档案')),
    h('article', { class: 'shop-card', id: 'shop-card' },
      h('p', { class: 'shop-card-head' }, '食品安全信息公示'),
      h('h1', { class: 'shop-card-name' }, s.name),
      h('p', { class: 'shop-card-licence' }, `${s.licence.kind_label || '许可证'}：${s.licence.number || '未登记'}`),
      h('img', { class: 'shop-card-qr', id: 'card-qr', src: `/api/v1/public/shops/${s.id}/qr.png`, alt: '商户食品安全档案二维码' }),
      h('p', { class: 'shop-card-hint' }, '扫码查看食品安全档案 · 投诉举报 · 评价'),
      h('p', { class: 'shop-card-url muted mono' }, s.page_url))));
}
