// The public portal's shell: a phone-first page without sign-in, its title and the portal's
// navigation. Every public page (商户查询, 检查结果, 你点我检, 投诉举报, 进度查询) mounts through portalPage.
import { h, mount } from '../dom.js';

export const PORTAL_NAV = [
  ['#/shops', '商户查询'],
  ['#/public', '检查结果'],
  ['#/penalties', '处罚公示'],
  ['#/honour', '红黑榜'],
  ['#/propose', '你点我检'],
  ['#/complain', '投诉举报'],
  ['#/track', '进度查询'],
  ['#/workshop-apply', '小作坊登记'],
  ['#/famous-workshops', '名特优小作坊'],
];

// Mounts the page in container: the header with the navigation (the current page marked), the title,
// then content. Returns the <main> element.
export function portalPage(container, title, ...content) {
  const here = (location.hash || '#/').split('?')[0];
  const current = (href) => here === href || (href === '#/shops' && here.startsWith('#/shop/'));
  const main = h('main', { class: 'portal-main' }, h('h1', { class: 'portal-title' }, title), content);
  mount(container, h('div', { class: 'portal' },
    h('header', { class: 'portal-header' },
      h('div', { class: 'portal-brand' }, h('a', { href: '#/shops' }, '食安公众服务'), h('a', { href: '#/login', class: 'portal-login' }, '监管人员登录')),
      h('nav', { class: 'portal-nav' }, PORTAL_NAV.map(([href, text]) =>
        h('a', { href, class: current(href) ? 'active' : '', 'aria-current': current(href) ? 'page' : null }, text)))),
    main,
    h('footer', { class: 'portal-footer muted' }, '食品安全投诉举报请拨打 12315')));
  return main;
}

// The faces of the 食品安全监督检查结果 (as posted at the door): a face drawn in CSS and its words.
export const FACES = { good: ['笑脸', '符合'], fair: ['平脸', '基本符合'], poor: ['哭脸', '不符合'] };

export function faceBadge(face, size = 'small') {
  if (!face) return h('span', { class: `face face-none face-${size}`, title: '暂无检查结果' }, h('span', { class: 'face-text' }, '暂无'));
  const [name, words] = FACES[face];
  return h('span', { class: `face face-${face} face-${size}`, title: `${name}（${words}）`, role: 'img', 'aria-label': `${name}：${words}` },
    h('span', { class: 'eye left' }), h('span', { class: 'eye right' }), h('span', { class: 'mouth' }));
}
