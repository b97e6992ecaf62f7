// 检验机构 (#/labs): the testing laboratories on file, with their CMA certificate number and scope; a rapid-
// test station is marked so (it never takes a lab test or a re-test). The county keeps the file (add,
// edit, 停用 / 启用); every other official reads it to know where samples go.
import { get, patch, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { field, formError, submitter } from './sample_common.js';

const EDITORS = ['admin', 'county'];
const FIELDS = [['name', '机构名称', true], ['cma_no', '资质认定证书编号', true], ['scope', '资质认定范围', true, true],
  ['contact', '联系人'], ['phone', '联系电话'], ['address', '地址', false, true]];

function labForm(lab, done, cancel) {
  const inputs = Object.fromEntries(FIELDS.map(([name, , , wide]) => [name, wide && name === 'scope'
    ? h('textarea', { name, rows: 2, maxlength: 2000 }, lab?.[name] || '')
    : h('input', { name, value: lab?.[name] || '', maxlength: name === 'address' ? 200 : 100 })]));
  const rapid = h('input', { type: 'checkbox', name: 'rapid', checked: !!lab?.rapid });
  const form = h('form', { class: 'card lab-form', id: lab ? `lab-edit-${lab.id}` : 'lab-new-form' },
    h('h3', {}, lab ? `修改：${lab.name}` : '登记检验机构'),
    h('div', { class: 'form-grid' }, FIELDS.map(([name, text, required, wide]) => field(text, inputs[name], { required, wide })),
      h('label', { class: 'inline' }, rapid, '快检机构（只承担快速检测）')),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: lab ? 'lab-save' : 'lab-create' }, '保存'),
      h('button', { type: 'button', onclick: cancel }, '取消')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { rapid: rapid.checked };
    for (const [name] of FIELDS) {
      const v = inputs[name].value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
      if (v || lab) body[name] = v;
    }
    await (lab ? patch(`/labs/${lab.id}`, body) : post('/labs', body));
    done();
  }));
  return form;
}

export async function renderLabs(container, user) {
  const editor = EDITORS.includes(user.role);
  const data = await get(`/labs${query({ all: editor ? 1 : undefined, limit: 200 })}`);
  const reload = () => renderLabs(container, user);
  const formBox = h('div', { id: 'lab-form-box' });
  const msg = h('p', { class: 'field-error', id: 'lab-error' });
  const edit = (lab) => { mount(formBox, labForm(lab, reload, () => mount(formBox))); formBox.scrollIntoView({ block: 'nearest' }); };
  const toggle = async (lab) => {
    msg.textContent = '';
    try { await patch(`/labs/${lab.id}`, { active: !lab.active }); reload(); } catch (e) { msg.textContent = e.message; }
  };
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '检验机构'),
      editor ? h('button', { type: 'button', class: 'primary', id: 'lab-new', onclick: () => edit(null) }, '登记检验机构') : null),
    h('p', { class: 'muted' }, editor ? '样品送检和复检只能选择在用的检验机构；复检从初检机构以外的在用机构中随机确定，快检机构不承担实验室检验和复检。'
      : '在用的检验机构，由县局维护。'),
    formBox, msg,
    h('div', { class: 'table-wrap' }, h('table', { id: 'lab-table' },
      h('thead', {}, h('tr', {}, ['机构名称', '资质认定证书编号', '资质认定范围', '联系人', '状态', editor ? '' : null].filter((x) => x !== null).map((x) => h('th', {}, x)))),
      h('tbody', {}, data.items.length ? data.items.map((l) => h('tr', { dataset: { id: l.id, active: l.active } },
        h('td', {}, l.name, l.rapid ? h('span', { class: 'badge' }, '快检') : null, l.address ? h('div', { class: 'muted small' }, l.address) : null),
        h('td', { class: 'mono' }, l.cma_no),
        h('td', { class: 'small' }, l.scope),
        h('td', { class: 'small' }, [l.contact, l.phone].filter(Boolean).join(' ')),
        h('td', { class: 'nowrap' }, h('span', { class: `badge ${l.active ? 'active' : 'closed'}` }, l.active ? '在用' : '已停用')),
        editor ? h('td', { class: 'nowrap' },
          h('button', { type: 'button', class: 'link lab-edit', onclick: () => edit(l) }, '修改'),
          h('button', { type: 'button', class: 'link lab-toggle', onclick: () => toggle(l) }, l.active ? '停用' : '启用')) : null))
        : h('tr', {}, h('td', { colspan: editor ? 6 : 5, class: 'muted', id: 'no-labs' }, '尚未登记检验机构'))))));
}
