// 首页's to-do list (GET /me/todo), one card a section, each item with its countdown and the page to act
// on it. A business sees nothing else (the county's registry figures are not its work); an official sees
// their own tasks and their jurisdiction's first, the figures below.
import { get } from '../api.js';
import { h, mount } from '../dom.js';

// "还剩3天", "今日截止", "已逾期2天"; nothing without a due date.
export function countdown(daysLeft) {
  if (daysLeft === null || daysLeft === undefined) return null;
  if (daysLeft > 0) return h('span', { class: `countdown${daysLeft <= 3 ? ' soon' : ''}` }, `还剩${daysLeft}天`);
  if (daysLeft === 0) return h('span', { class: 'countdown soon' }, '今日截止');
  return h('span', { class: 'countdown overdue' }, `已逾期${-daysLeft}天`);
}

function item(i) {
  return h('li', { class: `todo-item${i.overdue ? ' overdue' : ''}`, dataset: { id: i.id } },
    h('div', { class: 'todo-head' }, h('a', { href: i.route }, i.title), countdown(i.days_left)),
    i.detail ? h('div', { class: 'muted todo-detail' }, i.detail) : null,
    i.due ? h('div', { class: 'muted todo-due' }, `截止日期：${i.due}`) : null);
}

function section(s) {
  const more = s.count > s.items.length ? `查看全部${s.count}项` : null;
  return h('section', { class: 'card todo-section', dataset: { key: s.key } },
    h('h3', {}, s.title, ' ', h('span', { class: 'badge open' }, s.count)),
    h('ul', { class: 'todo-list' }, s.items.map(item)),
    h('a', { class: 'todo-action', href: s.route }, more ? `${s.action}（${more}）` : s.action));
}

// The list's block: on a business's home alone, on an official's above the county's figures.
export function todoBlock(t) {
  return h('div', { id: 'todo' },
    h('h2', {}, '今日待办'),
    t.sections.length ? h('div', { class: 'todo-sections' }, t.sections.map(section)) : h('p', { class: 'card muted', id: 'todo-empty' }, '今日无待办事项'));
}

export async function renderTodo(container) {
  mount(container, todoBlock(await get('/me/todo')));
}
