// The fields of a workshop's registration, shared by the public form (portal_workshop.js) and the
// console: name, operator, phone, township, address, the products (a category of the province's
// catalogue and a name each), a note. Errors stand next to their field ("products[1].name" next to
// that product's name), in Chinese.
import { h, mount } from '../dom.js';

const FIELDS = [
  ['name', '作坊名称', 60], ['operator', '经营者姓名', 30], ['phone', '联系电话', 20], ['division_code', '所在乡镇（街道）'],
  ['address', '生产加工场所地址', 120], ['note', '申请说明（选填）', 500],
];

// catalogue: {catalogue, negative}; townships: [{code, name}]; initial: an application to correct (or null).
// Returns {form, values(), showError(e), clear()}.
export function workshopFields(catalogue, townships, initial = null) {
  const inputs = {}, errors = {};
  const err = (key) => (errors[key] = h('span', { class: 'field-error', dataset: { for: key } }));
  const rows = FIELDS.map(([f, text, max]) => {
    let input;
    if (f === 'division_code') input = h('select', { name: f, id: `ws-${f}` }, h('option', { value: '' }, '请选择'),
      townships.map((d) => h('option', { value: d.code, selected: initial?.division_code === d.code }, d.name)));
    else if (f === 'note') input = h('textarea', { name: f, id: `ws-${f}`, rows: 3, maxlength: max });
    else input = h('input', { name: f, id: `ws-${f}`, maxlength: max, type: f === 'phone' ? 'tel' : 'text', inputmode: f === 'phone' ? 'tel' : null });
    if (initial && f !== 'division_code' && initial[f]) input.value = initial[f];
    inputs[f] = input;
    return h('label', { class: 'portal-field' }, text, input, err(f));
  });
  const list = h('ol', { class: 'ws-products', id: 'ws-products' });
  const products = [];
  const renumber = () => products.forEach((p, i) => {
    p.code.id = `ws-product-${i}-code`;
    p.name.id = `ws-product-${i}-name`;
    p.codeErr.dataset.for = `products[${i}].code`;
    p.nameErr.dataset.for = `products[${i}].name`;
  });
  const addProduct = (value = {}) => {
    const code = h('select', { 'aria-label': '目录类别' }, h('option', { value: '' }, '目录类别'),
      catalogue.catalogue.map((c) => h('option', { value: c.code, selected: value.code === c.code, title: c.examples }, `${c.code} ${c.name}`)));
    const name = h('input', { 'aria-label': '产品名称', placeholder: '产品名称，如：手工米粉', maxlength: 40, value: value.name || '' });
    const p = { code, name, codeErr: h('span', { class: 'field-error' }), nameErr: h('span', { class: 'field-error' }) };
    const remove = h('button', { type: 'button', class: 'link', onclick: () => {
      products.splice(products.indexOf(p), 1);
      p.li.remove();
      renumber();
    } }, '删除');
    p.li = h('li', { class: 'ws-product' }, code, p.codeErr, name, p.nameErr, remove);
    products.push(p);
    list.append(p.li);
    renumber();
  };
  (initial?.products?.length ? initial.products : [{}]).forEach(addProduct);
  const general = h('p', { class: 'field-error', role: 'alert', id: 'ws-error' });
  const productsErr = err('products');
  const negative = h('details', { class: 'muted' }, h('summary', {}, '负面清单（小作坊不得生产）'),
    h('ul', {}, catalogue.negative.map((n) => h('li', {}, `${n.code} ${n.name}（${n.source}）`))));
  const form = h('div', { class: 'ws-fields' }, rows,
    h('fieldset', { class: 'portal-field' }, h('legend', {}, '生产加工的食品（须在本省目录内）'), list, productsErr,
      h('button', { type: 'button', id: 'ws-add-product', onclick: () => addProduct() }, '＋ 添加产品'), negative),
    general);
  return {
    form,
    values() {
      const body = {};
      for (const [f] of FIELDS) if (inputs[f].value.trim()) body[f] = inputs[f].value.trim();
      body.products = products.map((p) => ({ code: p.code.value, name: p.name.value.trim() }));
      return body;
    },
    clear() {
      for (const e of [...Object.values(errors), general, ...products.flatMap((p) => [p.codeErr, p.nameErr])]) e.textContent = '';
    },
    showError(e) {
      const m = /^products\[(\d+)\]\.(code|name)$/.exec(e.field || '');
      const at = m && products[Number(m[1])] ? products[Number(m[1])][m[2] === 'code' ? 'codeErr' : 'nameErr'] : errors[e.field];
      (at || general).textContent = e.message;
      (at || general).scrollIntoView?.({ block: 'center' });
    },
  };
}

// The steps of an application, oldest first.
const ACTIONS = { submit: '提交申请', resubmit: '补正后重新提交', accept: '现场核查通过', return: '退回补正', refuse: '不予登记', issue: '县局办结' };
export function stepList(steps) {
  return h('ol', { class: 'plain-list ws-steps' }, steps.map((s) => h('li', {},
    `${new Date(s.at + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ')} ${ACTIONS[s.action] || s.action}`,
    s.by ? `（${s.by}）` : '', s.note ? `：${s.note}` : '', s.late ? h('span', { class: 'field-error' }, ' 超期办理') : null)));
}

// "还剩3个工作日到期" / "已逾期2天" for the running deadline.
export function countdown(a) {
  if (!a.due) return null;
  const text = a.overdue ? `已逾期${-a.days_left}天（${a.due}）` : `${a.due}前办理（还剩${a.days_left}天）`;
  return h('span', { class: a.overdue ? 'field-error countdown' : 'countdown' }, text, a.due_provisional ? '（暂定）' : '');
}

export function mountAttachments(target, files) {
  mount(target, files.length ? `已上传材料 ${files.length} 份` : '尚未上传材料');
}
