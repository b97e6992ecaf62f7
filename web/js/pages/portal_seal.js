// 食安封签查验 for the public (#/seal, #/seal/<code>): what a diner reaches from the number or QR code
// printed on a takeaway seal, on a phone and without signing in. The business that was issued the seal,
// its township, the batch's date and whether the seal was reported used — never a person; a number the
// platform never issued says so plainly.
import { get } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

function lookup(code = '') {
  const input = h('input', { name: 'code', id: 'seal-code', value: code, placeholder: '如 QH26-000123', autocomplete: 'off',
    autocapitalize: 'characters', required: true });
  return h('form', { class: 'card portal-form', id: 'seal-lookup', onsubmit: (ev) => {
    ev.preventDefault();
    location.hash = `#/seal/${encodeURIComponent(input.value.trim().toUpperCase())}`;
  } }, h('label', {}, '封签编号', input), h('button', { type: 'submit', class: 'primary' }, '查验'));
}

export async function renderSealCheck(container, code) {
  if (!code) {
    portalPage(container, '食安封签查验', h('p', { class: 'muted' }, '输入外卖封签上印制的编号，查验封签的发放商家和使用情况。'), lookup());
    return;
  }
  let s = null, problem = '';
  try { s = await get(`/public/seals/${encodeURIComponent(code)}`); } catch (e) { problem = e.status === 404 ? 'none' : e.message; }
  if (!s) {
    portalPage(container, '食安封签查验',
      h('div', { class: 'card verify-fail', id: 'seal-result', dataset: { issued: 'false' } },
        problem === 'none' ? [h('p', {}, h('strong', {}, `编号 ${code} 未发放。`)),
          h('p', {}, '这不是本平台发放给商家的食安封签，请谨慎食用，并可向平台投诉举报。')] : h('p', {}, problem)),
      lookup(code));
    return;
  }
  portalPage(container, '食安封签查验',
    h('div', { class: 'card', id: 'seal-result', dataset: { issued: 'true', used: String(s.used) } },
      h('p', { class: 'ok' }, '✔ 本平台发放的食安封签'),
      h('p', {}, '封签编号：', h('span', { class: 'mono' }, s.code)),
      h('p', {}, '发放商家：', s.shop_id ? h('a', { href: `#/shop/${s.shop_id}` }, s.business_name) : s.business_name),
      s.township ? h('p', {}, '所在乡镇：', s.township) : null,
      h('p', {}, '发放日期：', s.issued_on),
      h('p', { id: 'seal-used', class: s.used ? '' : 'warn' }, s.used ? `商家已报告使用（${s.used_on}）` : '商家尚未报告使用此封签'),
      h('p', { class: 'muted small' }, '收到外卖时请检查封签是否完好；封签破损或被撕开过，请联系商家或向平台投诉。')),
    lookup());
}
