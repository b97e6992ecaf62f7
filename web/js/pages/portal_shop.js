// 商户档案: the public record of one shop, reached from the code at its door: the face of the latest
// inspection, the licence and its validity, inspections, rectifications, sampling results, the kitchen
// picture where the shop shows it, and buttons to complain or rate. Nothing personal is on it.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { INSPECTION_KINDS, INSPECTION_RESULTS, SAMPLE_KINDS, VERDICTS, label } from '../labels.js';
import { FACES, faceBadge, portalPage } from './portal_shell.js';

const LICENCE_STATES = { valid: '有效', expiring: '即将到期', expired: '已过期', none: '未登记有效期' };

function faceCard(s) {
  const words = s.face ? `${FACES[s.face.face][0]} · ${FACES[s.face.face][1]}` : '暂无检查结果';
  return h('section', { class: 'card shop-face', id: 'shop-face', dataset: { face: s.face?.face || 'none' } },
    faceBadge(s.face?.face, 'large'),
    h('div', {},
      h('p', { class: 'shop-face-words' }, '食品安全监督检查结果：', h('strong', {}, words)),
      s.face ? h('p', { class: 'muted' }, `检查日期 ${s.face.date}`) : null));
}

function licenceCard(s) {
  const l = s.licence;
  return h('section', { class: 'card' }, h('h2', {}, '证照信息'),
    h('dl', { class: 'fields', id: 'shop-licence' },
      h('dt', {}, '主体类型'), h('dd', {}, s.kind_label),
      h('dt', {}, '经营状态'), h('dd', {}, s.status_label),
      h('dt', {}, '地址'), h('dd', {}, [s.township, s.address].filter(Boolean).join(' ')),
      h('dt', {}, l.kind_label || '许可证'), h('dd', {}, l.number || '未登记'),
      h('dt', {}, '有效期至'), h('dd', {}, l.valid_until || '—', ' ',
        h('span', { class: `badge licence-${l.state}`, id: 'licence-state' }, LICENCE_STATES[l.state]))));
}

function inspectionsCard(s) {
  return h('section', { class: 'card' }, h('h2', {}, '最近监督检查'),
    s.inspections.length
      ? h('ul', { class: 'plain-list', id: 'shop-inspections' }, s.inspections.map((i) => h('li', {},
        h('span', { class: 'nowrap' }, i.date), ' ', label(INSPECTION_KINDS, i.kind), ' ',
        h('span', { class: `badge result-${i.result}` }, label(INSPECTION_RESULTS, i.result)))))
      : h('p', { class: 'muted' }, '暂无检查记录'),
    h('p', { id: 'shop-rectifications' }, `整改：已完成 ${s.rectifications.closed} 项`,
      s.rectifications.open ? `，整改中 ${s.rectifications.open} 项` : ''));
}

function samplesCard(s) {
  return h('section', { class: 'card' }, h('h2', {}, '抽检信息'),
    s.samples.length
      ? h('ul', { class: 'plain-list', id: 'shop-samples' }, s.samples.map((x) => h('li', {},
        h('span', { class: 'nowrap' }, x.reported_on), ' ', x.product_name, '（', x.food_category_name, '）',
        label(SAMPLE_KINDS, x.kind), ' ', h('span', { class: `badge result-${x.verdict}` }, label(VERDICTS, x.verdict)),
        x.failed_items.length ? h('span', { class: 'muted' }, ` 不合格项目：${x.failed_items.map((f) => f.analyte_name).join('、')}`) : null)))
      : h('p', { class: 'muted' }, '暂无公布的抽检结果'));
}

function cameraCard(s) {
  if (!s.camera) return null;
  return h('section', { class: 'card' }, h('h2', {}, '明厨亮灶'),
    h('img', { class: 'shop-camera', id: 'shop-camera', src: `/api/v1/public/shops/${s.id}/camera.jpg`, alt: '后厨最新画面' }),
    h('p', { class: 'muted' }, '后厨最新画面，由商户自愿公开'));
}

function ratingCard(s) {
  const summary = h('p', { id: 'rating-summary' });
  const msg = h('p', { class: 'field-error', id: 'rating-error', role: 'alert' });
  const show = (r) => { summary.textContent = r.count ? `平均 ${r.average.toFixed(1)} 分（${r.count} 人评价）` : '暂无评价'; };
  show(s.rating);
  const buttons = [1, 2, 3, 4, 5].map((n) => h('button', { type: 'button', class: 'star', dataset: { score: n }, 'aria-label': `${n} 分`,
    onclick: async () => {
      msg.textContent = '';
      try {
        show((await post(`/public/shops/${s.id}/ratings`, { score: n })).rating);
        buttons.forEach((b, i) => b.classList.toggle('on', i < n));
        msg.textContent = '感谢您的评价';
        msg.className = 'ok';
      } catch (e) { msg.className = 'field-error'; msg.textContent = e.message; }
    } }, '★'));
  return h('section', { class: 'card', id: 'shop-rating' }, h('h2', {}, '我要评价'), h('div', { class: 'stars' }, buttons), summary, msg);
}

// Joint-punishment flags (严重违法失信名单, 黑榜) first, where nobody can miss them; a red-list mention after.
// liability insurance in force today (食品安全责任保险)
function insuranceCard(s) {
  if (!s.insurance?.length) return null;
  return h('section', { class: 'card', id: 'shop-insurance' }, h('h2', {}, '食品安全责任保险'),
    h('ul', { class: 'plain-list' }, s.insurance.map((p) => h('li', {}, h('strong', {}, p.insurer),
      `：保单号 ${p.policy_no}，累计赔偿限额 ${(p.coverage_yuan / 10000).toLocaleString('zh-CN')} 万元（${p.kinds_label.join('、')}），保险期间至${p.ends_on}`))));
}

// a 名特优 recognition valid today (revoked by a later failed sample or penalty, so never shown then)
function famousCard(s) {
  if (!s.famous) return null;
  return h('section', { class: 'card', id: 'shop-famous' }, h('h2', {}, '名特优小作坊'),
    h('p', {}, `经县市场监管局认定，有效期 ${s.famous.recognised_on} 至 ${s.famous.valid_until}`));
}

// the brand marks it may use today (区域公用品牌, 地理标志, 有机, 绿色食品); a suspended one is not shown
function marksCard(s) {
  if (!s.marks?.length) return null;
  return h('section', { class: 'card', id: 'shop-marks' }, h('h2', {}, '品牌与认证'),
    h('ul', { class: 'plain-list' }, s.marks.map((m) => h('li', {}, h('strong', {}, m.mark), `（${m.kind_label}）${m.products}，有效期至${m.valid_until}`))));
}

function creditCard(s) {
  const flags = s.credit?.flags || [], red = s.credit?.red || [];
  if (!flags.length && !red.length) return null;
  return h('section', { class: `card shop-credit ${flags.length ? 'flagged' : 'honoured'}`, id: 'shop-credit' },
    flags.map((f) => h('p', { class: 'credit-flag' }, h('strong', {}, `${f.label}：`), f.reason, f.until ? `（至${f.until}）` : '')),
    red.map((r) => h('p', { class: 'credit-red' }, h('strong', {}, '红榜：'), r.reason)));
}

export async function renderShop(container, id) {
  let s;
  try {
    s = await get(`/public/shops/${id}`);
  } catch (e) {
    portalPage(container, '商户档案', h('p', { class: 'error' }, e.message), h('a', { href: '#/shops' }, '返回商户查询'));
    return;
  }
  portalPage(container, s.name,
    creditCard(s),
    faceCard(s),
    h('div', { class: 'portal-actions' },
      h('a', { class: 'button primary', id: 'shop-complain', href: `#/complain?entity=${s.id}` }, '我要投诉'),
      h('a', { class: 'button', href: '#shop-rating', onclick: (ev) => { ev.preventDefault(); document.getElementById('shop-rating').scrollIntoView(); } }, '我要评价')),
    licenceCard(s), famousCard(s), marksCard(s), insuranceCard(s), inspectionsCard(s), samplesCard(s), cameraCard(s), ratingCard(s));
  mount(container.querySelector('.portal-title'), s.name, ' ', h('small', { class: 'muted' }, s.kind_label));
}
