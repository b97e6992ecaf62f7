// 品牌授权 (#/brands): the marks on file (区域公用品牌, 地理标志产品, 有机产品, 绿色食品) with their
// suspension rules, and the authorisations to use them. The county registers marks, grants, suspends,
// reinstates (with a reason) and revokes; a final failed sample or a decided penalty suspends an
// authorisation by itself, and the page says so. Other officials read those of their jurisdiction; a
// business sees its own.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const KINDS = [['regional', '区域公用品牌'], ['gi', '地理标志产品'], ['organic', '有机产品'], ['green', '绿色食品']];
const COUNTY = ['admin', 'county'];
const SOURCE = { sample: '抽检不合格', case: '行政处罚', official: '县局' };

function markForm(done) {
  const kind = h('select', { name: 'kind' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const inputs = Object.fromEntries(['name', 'holder', 'cert_no', 'products'].map((n) => [n, h('input', { name: n, maxlength: n === 'products' ? 500 : 100 })]));
  const onSample = h('input', { type: 'checkbox', name: 'suspend_on_sample', checked: true });
  const onCase = h('input', { type: 'checkbox', name: 'suspend_on_case', checked: true });
  const form = h('form', { class: 'card', id: 'mark-form' }, h('h3', {}, '登记品牌标志'),
    h('div', { class: 'form-grid' }, field('类别', kind, { required: true }), field('标志名称', inputs.name, { required: true }),
      field('权利人或发证机构', inputs.holder, { required: true }), field('证书或登记编号', inputs.cert_no),
      field('适用产品', inputs.products, { required: true, wide: true }),
      h('label', { class: 'inline' }, onSample, '抽检不合格（最终结论）时自动暂停授权'),
      h('label', { class: 'inline' }, onCase, '受到行政处罚时自动暂停授权')),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'mark-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { kind: kind.value, suspend_on_sample: onSample.checked, suspend_on_case: onCase.checked };
    for (const [n, el] of Object.entries(inputs)) if (el.value.trim()) body[n] = el.value.trim();
    await post('/brand-marks', body);
    done();
  }));
  return form;
}

function grantForm(marks, done) {
  const mark = h('select', { name: 'mark_id' }, marks.map((m) => h('option', { value: m.id }, `${m.name}（${m.kind_label}）`)));
  const entity = h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '主体档案编号' });
  const products = h('input', { name: 'products', maxlength: 300 });
  const from = h('input', { type: 'date', name: 'valid_from' });
  const until = h('input', { type: 'date', name: 'valid_until' });
  const form = h('form', { class: 'card', id: 'grant-form' }, h('h3', {}, '授予使用授权'),
    h('div', { class: 'form-grid' }, field('品牌标志', mark, { required: true }), field('经营者编号', entity, { required: true }),
      field('授权产品', products, { required: true }), field('起始日期', from, { hint: '不填为今天' }), field('截止日期', until, { required: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'grant-save' }, '授权')));
  form.addEventListener('submit', submitter(form, async () => {
    await post('/brand-auths', { mark_id: Number(mark.value), entity_id: Number(entity.value) || 0, products: products.value.trim(),
      valid_from: from.value || undefined, valid_until: until.value });
    done();
  }));
  return form;
}

// Suspend, reinstate or revoke with a reason, inline under the row.
function changeForm(a, action, label, done) {
  const reason = h('input', { name: 'reason', maxlength: 500, placeholder: '理由（必填）' });
  const form = h('form', { class: 'inline-form', id: `auth-${action}-${a.id}` }, field(`${label}理由`, reason, { required: true }),
    formError(), h('button', { type: 'submit', class: 'primary' }, label));
  form.addEventListener('submit', submitter(form, async () => { await post(`/brand-auths/${a.id}/${action}`, { reason: reason.value.trim() }); done(); }));
  return form;
}

const STATUSES = [['', '全部状态'], ['active', '有效'], ['suspended', '已暂停'], ['revoked', '已撤销']];
const ACTION = { granted: '授予', suspended: '暂停', reinstated: '恢复', revoked: '撤销' };

// The authorisation's history, under its row: who or what suspended it, and why.
async function showEvents(a, slot) {
  const full = await get(`/brand-auths/${a.id}`);
  mount(slot, h('ol', { class: 'small auth-events' }, full.events.map((e) => h('li', {},
    `${e.at} ${ACTION[e.action] || e.action}（${SOURCE[e.source_kind] || e.source_kind}${e.source_id ? ` ${e.source_id}` : ''}${e.by ? `，${e.by}` : ''}）：${e.reason}`))));
}

export async function renderBrands(container, user, offset = 0, status = '') {
  const county = COUNTY.includes(user.role);
  const [marks, auths] = await Promise.all([get('/brand-marks?limit=200'), get(`/brand-auths${query({ limit: PAGE, offset, status: status || undefined })}`)]);
  const reload = () => renderBrands(container, user, offset, status);
  const filter = h('select', { id: 'auth-status', onchange: () => renderBrands(container, user, 0, filter.value) },
    STATUSES.map(([v, t]) => h('option', { value: v, selected: v === status }, t)));
  const box = h('div', { id: 'brand-form-box' });
  const rows = auths.items.map((a) => {
    const slot = h('div');
    const act = (action, label) => h('button', { type: 'button', class: `link auth-${action}`, onclick: () => mount(slot, changeForm(a, action, label, reload)) }, label);
    return h('tr', { dataset: { id: a.id, status: a.status } },
      h('td', {}, a.mark, h('div', { class: 'muted small' }, a.kind_label)),
      h('td', {}, a.entity_name),
      h('td', {}, a.products),
      h('td', { class: 'nowrap' }, `${a.valid_from} 至 ${a.valid_until}`),
      h('td', {}, h('span', { class: `badge ${a.status}` }, a.status_label), a.status_reason ? h('div', { class: 'muted small' }, a.status_reason) : null),
      h('td', {}, h('button', { type: 'button', class: 'link auth-events-open', onclick: () => showEvents(a, slot) }, '记录'),
        county ? [a.status === 'active' ? act('suspend', '暂停') : null, a.status === 'suspended' ? act('reinstate', '恢复') : null,
          a.status !== 'revoked' ? act('revoke', '撤销') : null] : null, slot));
  });
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, user.role === 'business' ? '我的品牌授权' : '品牌授权'),
      county ? h('span', {}, h('button', { type: 'button', id: 'mark-new', onclick: () => mount(box, markForm(reload)) }, '登记标志'), ' ',
        h('button', { type: 'button', class: 'primary', id: 'grant-new', onclick: () => mount(box, grantForm(marks.items, reload)) }, '授予授权')) : null),
    h('p', { class: 'muted' }, '经营者的抽检结论为最终不合格（风险监测除外），或受到行政处罚，按标志的规则自动暂停其使用授权；县局核实后可说明理由予以恢复。'),
    box,
    h('div', { class: 'toolbar' }, filter),
    h('div', { class: 'table-wrap' }, h('table', { id: 'auth-table' },
      h('thead', {}, h('tr', {}, ['标志', '经营者', '授权产品', '授权期限', '状态', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '暂无授权'))))),
    pagerFor(offset, auths, (o) => renderBrands(container, user, o, status)),
    user.role === 'business' ? null : h('div', { class: 'card', id: 'mark-list' }, h('h3', {}, '品牌标志'),
      h('ul', {}, marks.items.map((m) => h('li', {}, `${m.name}（${m.kind_label}，${m.holder}）：${m.products}`,
        h('span', { class: 'muted small' }, `　${[m.suspend_on_sample ? '抽检不合格暂停' : null, m.suspend_on_case ? '行政处罚暂停' : null].filter(Boolean).join('、') || '不自动暂停'}`))))));
}
