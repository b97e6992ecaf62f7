// 包保: my businesses and their visits; for planners, the businesses still without an official.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { KINDS, label } from '../labels.js';

const LEVELS = { county: '县级', township: '乡镇级', village: '村级' };

function visitForm(a, reload) {
  const findings = h('input', { class: 'findings', placeholder: '走访情况（如：未见异常）' });
  const problem = h('input', { class: 'problem', placeholder: '发现的问题（有则填写，将生成整改单）' });
  const msg = h('span', { class: 'field-error' });
  return h('form', { class: 'order-actions', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await post('/duty/visits', { entity_id: a.entity_id, findings: findings.value.trim(), problem: problem.value.trim() || undefined });
      reload();
    } catch (e) { msg.textContent = e.message; }
  } }, findings, problem, h('button', { type: 'submit', class: 'primary' }, '记录走访'), msg);
}

const STATUS = { open: '待整改', resolved: '已解决', active: '有效', retired: '停用', submitted: '已提交', verified: '已验收' };

// A business's 包保 file: officials by level with their pledges and the three lists.
async function showFile(id, where) {
  const f = await get(`/duty/entities/${id}`);
  const orders = f.rectifications.items || f.rectifications;
  const list = (title, items, text) => h('div', { class: 'duty-list' }, h('h4', {}, `${title}（${items.length}）`),
    h('ul', {}, items.map((i) => h('li', {}, text(i)))));
  where.querySelector('.duty-file')?.remove();
  where.append(h('div', { class: 'duty-file' },
    h('p', {}, f.officials.map((o) => `${label(LEVELS, o.level)}：${o.official}${o.pledge ? '（已签承诺书）' : '（未签承诺书）'}`).join('；')),
    list('问题清单', f.problems, (i) => `${i.text} · ${label(STATUS, i.status)}${i.order_id ? ` · 整改单#${i.order_id}` : ''}`),
    list('责任清单', f.responsibilities, (i) => `${label(LEVELS, i.level)}：${i.text}`),
    list('整改清单', orders, (o) => `${o.title} · ${label(STATUS, o.status)} · 期限 ${o.deadline}`)));
}

export async function renderDuty(container, user) {
  const planner = ['admin', 'county', 'township'].includes(user.role);
  const [mine, unassigned, officials] = await Promise.all([
    get(`/duty/assignments${query({ user: user.id })}`),
    planner ? get('/duty/unassigned') : null,
    planner ? get('/officials') : null]);
  const reload = () => renderDuty(container, user);
  const assignRow = (e) => {
    const who = h('select', { class: 'official' }, officials.items.map((o) => h('option', { value: o.id }, `${o.display_name}（${label(LEVELS, o.role)}）`)));
    const msg = h('span', { class: 'field-error' });
    return h('tr', { dataset: { id: e.id } }, h('td', {}, h('a', { href: `#/entities/${e.id}` }, e.name)), h('td', {}, label(KINDS, e.kind)),
      h('td', {}, e.township_name), h('td', {}, e.grade || ''),
      h('td', {}, who, h('button', { class: 'assign', onclick: async () => {
        try { await post('/duty/assignments', { entity_id: e.id, user_id: Number(who.value), pledge_signed: Number(who.value) === user.id }); reload(); } catch (err) { msg.textContent = err.message; }
      } }, '确定包保'), msg));
  };
  mount(container,
    h('h2', {}, '包保责任'),
    h('div', { class: 'card' }, h('h3', {}, `我包保的主体（${mine.items.length}户）`),
      mine.items.length ? mine.items.map((a) => h('div', { class: 'duty-row', dataset: { id: a.entity_id } },
        h('div', {}, h('a', { href: `#/entities/${a.entity_id}` }, a.entity_name), h('span', { class: 'muted' }, ` · ${label(LEVELS, a.level)} · 上次走访 ${a.last_visit || '无'}`)),
        a.pledge_signed ? h('span', { class: 'muted pledge-status' }, '承诺书已签署')
          : h('button', { class: 'sign-pledge', onclick: async () => { await post(`/duty/assignments/${a.assignment_id}/pledge`, {}); reload(); } }, '签署承诺书'),
        h('button', { class: 'show-lists', onclick: (ev) => showFile(a.entity_id, ev.target.parentNode) }, '三张清单'),
        visitForm(a, reload))) : h('p', { class: 'muted', id: 'no-duty' }, '暂无包保主体')),
    planner ? h('div', { class: 'card' }, h('h3', {}, `尚未落实包保的主体（${unassigned.items.length}户）`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'unassigned-table' },
        h('thead', {}, h('tr', {}, ['主体', '类型', '乡镇', '风险等级', '包保责任人'].map((t) => h('th', {}, t)))),
        h('tbody', {}, unassigned.items.slice(0, 100).map(assignRow))))) : null);
}
