// 追溯查询 for the public (#/trace/<code>): where a QR code on a label, a 食安封签 or a 承诺达标合格证 leads
// on a phone. The product, its maker and batch, the route the goods took (each step's business and
// township, never a person), the published tests of the batch, and each step's place in the public ledger.
import { get } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

const KIND = { lot: '批次', seal: '食安封签', certificate: '承诺达标合格证', product: '产品' };
const VERDICT = { pass: '合格', fail: '不合格' };

export async function renderPortalTrace(container, code) {
  let t = null;
  try { t = await get(`/public/trace/${encodeURIComponent(code)}`); } catch { t = null; }
  if (!t) {
    portalPage(container, '追溯查询', h('div', { class: 'card verify-fail', id: 'trace-result' },
      h('p', {}, h('strong', {}, '没有找到该追溯码。'), '请核对追溯码，或向商家、当地市场监管部门咨询。')));
    return;
  }
  const when = (s) => s.replace('T', ' ').slice(0, 16);
  const ledgerOf = Object.fromEntries(t.ledger.map((l) => [l.event_id, l.index]));
  portalPage(container, '追溯查询',
    h('section', { class: 'card', id: 'trace-result' },
      h('p', { class: 'muted small' }, `${KIND[t.kind] || t.kind} · 追溯码 ${t.code}`),
      h('h2', {}, t.product),
      h('p', {}, t.batch ? `批次：${t.batch}` : '', t.produced_on ? `　生产日期：${t.produced_on}` : ''),
      h('p', {}, `生产经营者：${t.maker.name}`, t.maker.township ? `（${t.maker.township}）` : ''),
      t.maker.licence_no ? h('p', { class: 'small' }, `许可证：${t.maker.licence_no}${t.maker.licence_valid_until ? `，有效期至${t.maker.licence_valid_until}` : ''}`) : null),
    h('section', { class: 'card', id: 'trace-route' }, h('h3', {}, '流向'),
      t.route.length ? h('ol', { class: 'trace-route' }, t.route.map((s) => h('li', {},
        h('strong', {}, s.step_label || s.step), ` ${s.business || ''}`, s.township ? h('span', { class: 'muted small' }, `（${s.township}）`) : null,
        h('div', { class: 'muted small' }, when(s.time))))) : h('p', { class: 'muted' }, '暂无流向记录')),
    h('section', { class: 'card', id: 'trace-tests' }, h('h3', {}, '本批次监督抽检'),
      t.tests.length ? t.tests.map((x) => h('p', {}, `${x.product_name} ${x.reported_on}：`, h('strong', { class: `verdict-${x.verdict}` }, VERDICT[x.verdict] || x.verdict)))
        : h('p', { class: 'muted' }, '本批次暂无公布的抽检结果')),
    h('section', { class: 'card', id: 'trace-ledger' }, h('h3', {}, '记录可核验'),
      t.ledger.length
        ? h('p', { class: 'small' }, `以上 ${t.ledger.length} 条记录已写入公开账本（共 ${t.ledger_size} 条），任何人可离线核验其未被改动：`,
          t.route.length ? h('span', {}, '第', Object.values(ledgerOf).join('、'), '条。') : null,
          h('a', { href: '/api/v1/ledger/checkpoint' }, '签名检查点'))
        : h('p', { class: 'muted small' }, '暂无写入公开账本的流向记录')));
}
