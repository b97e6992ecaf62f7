// 新建整治验收 (county, administrator): a name, the standard the businesses are accepted against (验收标准),
// and the businesses — every one in operation that a filter matches (type, township), or the ones picked
// by name — sent as POST /campaigns. The API's errors show beside the field they name.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { KINDS } from '../labels.js';
import { entityPicker } from './entity_picker.js';
import { field, formError, submitter } from './sample_common.js';

const choice = (map, empty) => [h('option', { value: '' }, empty), ...Object.entries(map).map(([v, t]) => h('option', { value: v }, t))];

export async function campaignForm(onDone) {
  const [{ items: standards }, { items: towns }] = await Promise.all([get('/checklists'), get('/divisions')]);
  const name = h('input', { name: 'name', id: 'campaign-name', maxlength: 80, placeholder: '如：城区餐饮后厨专项整治' });
  const checklist = h('select', { name: 'checklist_id', id: 'campaign-checklist' }, h('option', { value: '' }, '请选择'),
    standards.map((c) => h('option', { value: c.id }, `${c.name}（第${c.version}版，${c.items_count}项）`)));
  const scope = h('select', { name: 'scope', id: 'campaign-scope' },
    h('option', { value: 'filter' }, '按条件：符合条件的全部在营主体'), h('option', { value: 'picked' }, '逐户选择'));
  const kind = h('select', { name: 'kind', id: 'campaign-kind' }, choice(KINDS, '全部类型'));
  const township = h('select', { name: 'township', id: 'campaign-township' }, choice(Object.fromEntries(towns.map((t) => [t.code, t.name])), '全部乡镇'));

  const chosen = new Map();
  const count = h('p', { class: 'muted', id: 'campaign-picked-count' }, '已选 0 户');
  const list = h('ul', { class: 'plain-list', id: 'campaign-picked' });
  const redraw = () => {
    count.textContent = `已选 ${chosen.size} 户`;
    mount(list, [...chosen.values()].map((e) => h('li', { dataset: { id: e.id } }, e.name, ' ',
      h('button', { type: 'button', class: 'link remove-picked', onclick: () => { chosen.delete(e.id); redraw(); } }, '移除'))));
  };
  const { element: picker } = entityPicker({ onPick: (e) => { chosen.set(e.id, e); redraw(); } });
  const byFilter = h('div', { class: 'form-grid' }, field('主体类型', kind), field('乡镇', township));
  const byPick = h('div', { hidden: true }, field('选择主体', picker, { name: 'entity_ids' }), count, list);
  scope.addEventListener('change', () => { byFilter.hidden = scope.value !== 'filter'; byPick.hidden = scope.value === 'filter'; });

  const form = h('form', { class: 'card', id: 'campaign-form' }, h('h3', {}, '新建整治验收'),
    h('div', { class: 'form-grid' }, field('整治名称', name, { required: true }), field('验收标准', checklist, { required: true }),
      field('验收主体', scope)),
    byFilter, byPick, formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'campaign-create' }, '创建'),
      h('button', { type: 'button', id: 'campaign-cancel', onclick: () => onDone(null) }, '取消')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { name: name.value.trim(), checklist_id: checklist.value ? Number(checklist.value) : undefined };
    if (scope.value === 'picked') body.entity_ids = [...chosen.keys()];
    else Object.assign(body, { kind: kind.value || undefined, township: township.value || undefined });
    onDone((await post('/campaigns', body)).id);
  }));
  return form;
}
