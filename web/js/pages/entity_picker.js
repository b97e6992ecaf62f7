// A business found by name or credit code (the registry's q search), for the forms that act on one
// business: a search box, up to ten businesses in operation to choose from, the one chosen shown by name.
// entityId is the hidden input that holds the chosen id ('' until one is chosen). onPick: a form that
// gathers several businesses is told of each one chosen and lists them itself.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';

export function entityPicker({ placeholder = '输入单位名称或统一社会信用代码查找', onPick = null } = {}) {
  const entityId = h('input', { type: 'hidden', name: 'entity_id' });
  const picked = h('span', { class: 'muted', id: 'picked-entity' }, '未选择');
  const q = h('input', { type: 'search', name: 'entity_q', id: 'entity-search', placeholder });
  const found = h('div', { class: 'entity-choices', id: 'entity-choices' });
  const search = async () => {
    const r = await get(`/entities${query({ q: q.value.trim(), status: 'active', limit: 10 })}`);
    mount(found, r.items.length ? r.items.map((e) => h('button', { type: 'button', class: 'link entity-choice', dataset: { id: e.id }, onclick: () => {
      entityId.value = e.id;
      mount(picked, h('strong', {}, e.name), h('span', { class: 'muted small' }, ` ${e.address || ''}`));
      mount(found);
      onPick?.(e);
    } }, e.name)) : h('span', { class: 'muted small' }, '没有找到在营的单位'));
  };
  q.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); search(); } });
  const element = h('div', { class: 'entity-picker' }, h('div', { class: 'filters' }, q,
    h('button', { type: 'button', id: 'entity-search-button', onclick: search }, '查找')), found, onPick ? null : picked, entityId);
  return { element, entityId };
}
