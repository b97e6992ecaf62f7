// 首页 of a business: its to-do list (GET /me/todo), one card a section, each item with its countdown and
// the page to act on it. The county's registry figures are not a business's work: not shown here.
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

export async function renderTodo(container) {
  const t = await get('/me/todo');
  mount(container, h('div', { id: 'todo' },
    h('h2', {}, '今日待办'),
    t.sections.length ? t.sections.map(section) : h('p', { class: 'card muted', id: 'todo-empty' }, '今日无待办事项')));
}
