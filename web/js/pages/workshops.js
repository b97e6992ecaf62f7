// 小作坊登记 in the console (#/workshops, #/workshop/:id): the township's review queue and the county's
// issuance queue, running applications first with their countdown; an application with its products,
// documents and steps; the on-site review (通过 / 退回补正 / 不予登记, with reasons) and the issuance of
// the certificate (PDF). Made to work on a phone: cards, not wide tables.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, pagerFor } from './sample_common.js';
import { countdown, stepList, workshopFields } from './workshop_form.js';

const TABS = [['submitted', '待核查'], ['accepted', '待发证'], ['returned', '退回补正'], ['overdue', '已逾期'], ['', '全部']];

function card(a) {
  return h('li', { class: 'card ws-card', dataset: { id: a.id, status: a.status } },
    h('p', {}, h('a', { href: `#/workshop/${a.id}` }, h('strong', {}, a.name)), ` ${a.kind_label} · ${a.division_name}`),
    h('p', {}, a.status_label, ' ', countdown(a)),
    h('p', { class: 'muted' }, a.products.map((p) => p.name).join('、')));
}

// A registered workshop's own account: its applications, and a change, renewal or cancellation filed
// for itself (a change with the same form as the public's, prefilled).
async function renderMine(container, user) {
  const [data, products, catalogue, divisions] = await Promise.all([get('/workshop-applications?limit=50'),
    get(`/entities/${user.entity_id}/workshop-products`), get('/public/workshop-catalogue'), get('/public/divisions')]);
  const last = data.items.find((a) => a.status === 'issued') || data.items[0] || {};
  const running = data.items.some((a) => ['submitted', 'returned', 'accepted'].includes(a.status));
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'ws-mine-error' });
  const file = async (body) => {
    msg.textContent = '';
    try { await post('/workshop-applications', { entity_id: user.entity_id, ...body }); renderMine(container, user); } catch (e) { msg.textContent = e.message; }
  };
  const f = workshopFields(catalogue, divisions.items.filter((d) => d.level === 2),
    { ...last, note: '', products: products.items.map((p) => ({ code: p.catalogue_code, name: p.name })) });
  const change = h('form', { class: 'card portal-form', id: 'ws-change', onsubmit: async (ev) => {
    ev.preventDefault();
    f.clear();
    try { await post('/workshop-applications', { kind: 'change', entity_id: user.entity_id, ...f.values() }); renderMine(container, user); } catch (e) { f.showError(e); }
  } }, h('h3', {}, '申请变更登记'), f.form, h('button', { type: 'submit', class: 'primary' }, '提交变更申请'));
  mount(container, h('h2', {}, '我的小作坊登记'),
    h('ul', { class: 'plain-list', id: 'ws-list' }, data.items.length ? data.items.map(card) : h('li', { class: 'muted' }, '暂无申请')),
    running ? h('p', { class: 'muted' }, '有申请正在办理，办结后可再次申请。') : h('div', { class: 'toolbar' },
      h('button', { type: 'button', id: 'ws-renew', onclick: () => file({ kind: 'renew', note: prompt('延续说明（选填）') || undefined }) }, '申请延续'),
      h('button', { type: 'button', id: 'ws-cancel', onclick: () => { if (confirm('确定申请注销登记证？')) file({ kind: 'cancel', note: '经营者申请注销' }); } }, '申请注销')),
    msg, running ? null : change);
}

export async function renderWorkshops(container, user, hash) {
  if (user.role === 'business') return renderMine(container, user);
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const tab = params.has('tab') ? params.get('tab') : user.role === 'county' ? 'accepted' : 'submitted';
  const offset = Number(params.get('offset')) || 0;
  const filter = tab === 'overdue' ? { overdue: 1 } : tab ? { status: tab } : {};
  const data = await get(`/workshop-applications${query({ ...filter, limit: PAGE, offset })}`);
  const go = (t, o) => { location.hash = `#/workshops${query({ tab: t, offset: o || undefined })}`; };
  mount(container, h('div', { class: 'title-row' }, h('h2', {}, '小作坊登记'),
    h('a', { class: 'button', href: '#/workshop-apply', target: '_blank' }, '在线申请页')),
    h('div', { class: 'toolbar', id: 'ws-tabs' }, TABS.map(([t, text]) =>
      h('button', { type: 'button', class: t === tab ? 'primary' : '', onclick: () => go(t, 0) }, text))),
    h('ul', { class: 'plain-list', id: 'ws-list' }, data.items.length ? data.items.map(card) : h('li', { class: 'muted' }, '暂无申请')),
    pagerFor(offset, data, (o) => go(tab, o)));
}

function reviewForm(a, reload) {
  const decision = h('select', { id: 'ws-decision' }, [['accept', '现场核查通过'], ['return', '退回补正'], ['refuse', '不予登记']]
    .map(([v, t]) => h('option', { value: v }, t)));
  const note = h('textarea', { id: 'ws-note', rows: 3, maxlength: 500, placeholder: '核查意见（退回或不予登记须写明理由）' });
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'ws-review-error' });
  return h('form', { class: 'card portal-form', id: 'ws-review', onsubmit: async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      await post(`/workshop-applications/${a.id}/review`, { decision: decision.value, note: note.value.trim() || undefined });
      reload();
    } catch (e) { msg.textContent = e.message; }
  } }, h('h3', {}, '现场核查'), decision, note, h('button', { type: 'submit', class: 'primary' }, '提交核查结论'), msg);
}

function issueForm(a, reload) {
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const label = a.kind === 'cancel' ? '办结注销' : '核发登记证';
  return h('div', { class: 'card portal-form', id: 'ws-issue' }, h('h3', {}, label),
    h('button', { type: 'button', class: 'primary', id: 'ws-issue-button', onclick: async () => {
      msg.textContent = '';
      try { await post(`/workshop-applications/${a.id}/issue`, {}); reload(); } catch (e) { msg.textContent = e.message; }
    } }, label), msg);
}

export async function renderWorkshop(container, id, user) {
  const a = await get(`/workshop-applications/${id}`);
  const reload = () => renderWorkshop(container, id, user);
  const reviewer = ['admin', 'county', 'township'].includes(user.role);
  const issuer = ['admin', 'county'].includes(user.role);
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, `${a.name}（${a.kind_label}）`), h('a', { class: 'button', href: '#/workshops' }, '返回列表')),
    h('div', { class: 'card', id: 'ws-detail', dataset: { status: a.status } },
      h('p', {}, '状态：', h('strong', { id: 'ws-status' }, a.status_label), ' ', countdown(a)),
      h('p', {}, `经营者：${a.operator} · ${a.phone}`), h('p', {}, `地址：${a.division_name} ${a.address}`),
      a.uscc ? h('p', {}, `统一社会信用代码：${a.uscc}`) : null,
      h('p', {}, '产品：', a.products.map((p) => `${p.name}（${p.catalogue_name || p.code}）`).join('、')),
      a.note ? h('p', {}, `申请说明：${a.note}`) : null,
      a.review_note ? h('p', {}, `核查意见：${a.review_note}`) : null,
      a.cert ? h('p', {}, '登记证：', h('strong', {}, a.cert.cert_no), `，有效期至${a.cert.valid_until} `,
        h('a', { href: `/api/v1/workshop-certs/${a.cert.id}/pdf`, id: 'ws-pdf', target: '_blank' }, '打印登记证（PDF）')) : null,
      a.entity_id ? h('p', {}, h('a', { href: `#/entities/${a.entity_id}` }, '主体档案')) : null),
    h('div', { class: 'card' }, h('h3', {}, `申请材料（${a.attachments.length}）`),
      h('div', { class: 'ws-files' }, a.attachments.map((f) => h('a', { href: `/api/v1/attachments/${f.id}`, target: '_blank' },
        h('img', { src: `/api/v1/attachments/${f.id}`, alt: '申请材料', loading: 'lazy', class: 'ws-thumb' }))))),
    a.status === 'submitted' && reviewer ? reviewForm(a, reload) : null,
    a.status === 'accepted' && issuer ? issueForm(a, reload) : null,
    h('div', { class: 'card' }, h('h3', {}, '办理过程'), stepList(a.steps)));
}
