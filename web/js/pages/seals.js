// 食安封签 (#/seals): numbered takeaway seals. A county or township official issues a batch (prefix and
// number range) to a business found by name or credit code and reads the figures by township; the
// business (or an official) reports how many of a batch it has used, as a running total, or the very
// numbers it sealed orders with (5, 8, 10-12), which a diner's scan of the seal (#/seal/<code>, the QR code
// of /public/seals/<code>/qr.png printed on it) then shows.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { entityPicker } from './entity_picker.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const OFFICIALS = ['admin', 'county', 'township'];

function issueForm(done) {
  const { element: picker, entityId } = entityPicker();
  const prefix = h('input', { name: 'prefix', maxlength: 10, placeholder: '如 QH26' });
  const first = h('input', { name: 'first_no', inputmode: 'numeric' });
  const last = h('input', { name: 'last_no', inputmode: 'numeric' });
  const form = h('form', { class: 'card', id: 'seal-form' }, h('h3', {}, '发放封签'),
    h('div', { class: 'form-grid' }, field('经营者', picker, { required: true, name: 'entity_id', wide: true }), field('编号前缀', prefix, { required: true }),
      field('起始编号', first, { required: true }), field('终止编号', last, { required: true, hint: '一批不超过100000枚' })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'seal-save' }, '发放')));
  form.addEventListener('submit', submitter(form, async () => {
    await post('/seal-batches', { entity_id: Number(entityId.value) || 0, prefix: prefix.value.trim(), first_no: Number(first.value) || 0,
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

// "5, 8, 10-12" → [5, 8, 10, 11, 12]; null when a part is not a number or a range runs backwards.
function sealNumbers(text) {
  const out = [];
  for (const part of text.split(/[,，、\s]+/).filter(Boolean)) {
    const m = part.match(/^(\d+)(?:[-–~～](\d+))?$/);
    if (!m) return null;
    const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (b < a || b - a >= 1000) return null;
    for (let n = a; n <= b; n++) out.push(n);
  }
  return out;
}

function numbersForm(b, done) {
  const nos = h('input', { name: 'seal_nos', placeholder: `如 ${b.first_no}, ${b.first_no + 2}-${b.first_no + 4}`, size: 14 });
  const form = h('form', { class: 'seal-numbers' }, field('本次使用的编号', nos), formError(),
    h('button', { type: 'submit', class: 'seal-numbers-save' }, '报告编号'));
  form.addEventListener('submit', submitter(form, async () => {
    const list = sealNumbers(nos.value);
    await post(`/seal-batches/${b.id}/uses`, { seal_nos: list === null ? [nos.value] : list });
    done();
  }));
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
    h('p', { class: 'muted' }, '外卖食品使用食品安全封签，按编号发放；商家报告使用数量或逐个报告所用编号，消费者可在',
      h('a', { href: '#/seal', target: '_blank', id: 'seal-check-link' }, '食安封签查验'), '页面输入封签编号查验。'),
    box,
    h('div', { class: 'table-wrap' }, h('table', { id: 'seal-table' },
      h('thead', {}, h('tr', {}, ['经营者', '编号', '发放日期', '已使用', '逐个报告', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.length ? list.items.map((b) => h('tr', { dataset: { id: b.id } },
        h('td', {}, b.entity_name),
        h('td', { class: 'mono' }, h('a', { href: `#/seal/${b.prefix}-${b.first_no}`, target: '_blank' }, `${b.prefix}-${b.first_no}`), `–${b.last_no}`,
          h('br'), h('a', { href: `/api/v1/public/seals/${b.prefix}-${b.first_no}/qr.png`, target: '_blank', class: 'small seal-qr' }, '查验二维码')),
        h('td', {}, b.issued_on), h('td', {}, `${b.used} / ${b.size}`), h('td', {}, String(b.seals_reported)),
        h('td', {}, b.used < b.size ? [useForm(b, reload), numbersForm(b, reload)] : null)))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '暂无封签'))))),
    pagerFor(offset, list, (o) => renderSeals(container, user, o)),
    figs ? h('div', { class: 'card', id: 'seal-figures' }, h('h3', {}, '封签发放与使用'), h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['乡镇（街道）', '批次', '发放', '已使用'].map((x) => h('th', {}, x)))),
      h('tbody', {}, figs.townships.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.batches), h('td', {}, t.issued), h('td', {}, t.used))),
        h('tr', {}, h('td', {}, h('strong', {}, '合计')), h('td', {}, figs.total.batches), h('td', {}, figs.total.issued), h('td', {}, figs.total.used)))))) : null);
}
