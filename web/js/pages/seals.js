// 食安封签 (#/seals): numbered takeaway seals. A county or township official issues a batch (prefix and
// number range) to a business in scope and reads the figures by township; the business (or an official)
// reports how many of a batch it has used, as a running total, on the phone.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, pager, submitter } from './sample_common.js';

const OFFICIALS = ['admin', 'county', 'township'];

function issueForm(done) {
  const entity = h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '主体档案编号' });
  const prefix = h('input', { name: 'prefix', maxlength: 10, placeholder: '如 QH26' });
  const first = h('input', { name: 'first_no', inputmode: 'numeric' });
  const last = h('input', { name: 'last_no', inputmode: 'numeric' });
  const form = h('form', { class: 'card', id: 'seal-form' }, h('h3', {}, '发放封签'),
    h('div', { class: 'form-grid' }, field('经营者编号', entity, { required: true }), field('编号前缀', prefix, { required: true }),
      field('起始编号', first, { required: true }), field('终止编号', last, { required: true, hint: '一批不超过100000枚' })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'seal-save' }, '发放')));
  form.addEventListener('submit', submitter(form, async () => {
    await post('/seal-batches', { entity_id: Number(entity.value) || 0, prefix: prefix.value.trim(), first_no: Number(first.value) || 0,
      last_no: Number(last.value) || 0 });
    done();
  }));
  return form;
}

function useForm(b, done) {
  const used = h('input', { name: 'used', inputmode: 'numeric', value: String(b.used), size: 6 });
  const form = h('form', { class: 'seal-use' }, field('已使用（累计）', used), formError(),
    h('button', { type: 'submit', class: 'seal-use-save' }, '报告'));
  form.addEventListener('submit', submitter(form, async () => { await post(`/seal-batches/${b.id}/use`, { used: Number(used.value) }); done(); }));
  return form;
}

export async function renderSeals(container, user, offset = 0) {
  const official = OFFICIALS.includes(user.role);
  const [list, figs] = await Promise.all([get(`/seal-batches${query({ limit: PAGE, offset })}`), official ? get('/seal-batches/figures') : null]);
  const reload = () => renderSeals(container, user, offset);
  const box = h('div', { id: 'seal-box' });
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '食安封签'),
      official ? h('button', { type: 'button', class: 'primary', id: 'seal-new', onclick: () => mount(box, issueForm(reload)) }, '发放封签') : null),
    h('p', { class: 'muted' }, '外卖食品使用食品安全封签，按编号发放、按批次报告使用数量。'),
    box,
    h('div', { class: 'table-wrap' }, h('table', { id: 'seal-table' },
      h('thead', {}, h('tr', {}, ['经营者', '编号', '发放日期', '已使用', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.length ? list.items.map((b) => h('tr', { dataset: { id: b.id } },
        h('td', {}, b.entity_name), h('td', { class: 'mono' }, `${b.prefix}${b.first_no}–${b.prefix}${b.last_no}`), h('td', {}, b.issued_on),
        h('td', {}, `${b.used} / ${b.size}`), h('td', {}, b.used < b.size ? useForm(b, reload) : null)))
        : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '暂无封签'))))),
    pager(offset, list.items.length, list.total, (o) => renderSeals(container, user, o)),
    figs ? h('div', { class: 'card', id: 'seal-figures' }, h('h3', {}, '封签发放与使用'), h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['乡镇（街道）', '批次', '发放', '已使用'].map((x) => h('th', {}, x)))),
      h('tbody', {}, figs.townships.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.batches), h('td', {}, t.issued), h('td', {}, t.used))),
        h('tr', {}, h('td', {}, h('strong', {}, '合计')), h('td', {}, figs.total.batches), h('td', {}, figs.total.issued), h('td', {}, figs.total.used)))))) : null);
}
