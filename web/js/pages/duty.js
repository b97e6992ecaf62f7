// 包保: my businesses and their visits; for planners, the businesses still without an official.
import { get, patch, post, put, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { KINDS, label } from '../labels.js';
import { PAGE, pagerFor } from './sample_common.js';

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
const FIELD_ZH = { text: '内容', status: '状态', list: '清单', assignment_id: '包保责任人', order_id: '整改单', open_order: '开具整改单' };
const fieldMessage = (e) => (FIELD_ZH[e.field] ? `${FIELD_ZH[e.field]}：${e.message}` : e.message);

// Who and when of a list item: added by whom (the template when nobody), last changed by whom.
function whoWhen(i) {
  const added = `${i.created_by_name || '按模板生成'} ${formatTime(i.created_at)} 添加`;
  const changed = i.updated_by_name && i.updated_at !== i.created_at ? `；${i.updated_by_name} ${formatTime(i.updated_at)} 修改` : '';
  return h('span', { class: 'muted small who' }, `（${added}${changed}）`);
}

// One editable item: text, status, who/when; edit and close/reopen for those who may change it.
function itemRow(i, editable, reload) {
  const closed = i.status === 'resolved' || i.status === 'retired';
  const msg = h('span', { class: 'field-error' });
  const li = h('li', { class: `duty-item ${i.list}`, dataset: { id: i.id, status: i.status } });
  const change = async (body) => {
    try { await patch(`/duty/items/${i.id}`, body); await reload(); } catch (e) { msg.textContent = fieldMessage(e); }
  };
  const show = () => mount(li,
    i.level ? `${label(LEVELS, i.level)}${i.official ? `（${i.official}）` : ''}：` : '',
    h('span', { class: 'item-text' }, i.text), ' · ', h('span', { class: `badge ${i.status}` }, label(STATUS, i.status)),
    i.order_id ? [' · ', h('a', { href: '#/rectifications' }, `整改单#${i.order_id}`), i.order_status ? `（${label(STATUS, i.order_status)}）` : ''] : '',
    ' ', whoWhen(i),
    editable ? h('span', { class: 'item-tools' },
      h('button', { class: 'link edit-item', type: 'button', onclick: () => {
        const text = h('input', { class: 'item-edit', value: i.text, maxlength: 500 });
        mount(li, text, h('button', { class: 'link save-item', type: 'button', onclick: () => change({ text: text.value.trim() }) }, '保存'),
          h('button', { class: 'link', type: 'button', onclick: show }, '取消'), msg);
      } }, '编辑'),
      h('button', { class: `link ${closed ? 'reopen-item' : 'close-item'}`, type: 'button',
        onclick: () => change({ status: i.list === 'problem' ? (closed ? 'open' : 'resolved') : (closed ? 'active' : 'retired') }) },
      i.list === 'problem' ? (closed ? '重新打开' : '关闭（已解决）') : (closed ? '恢复' : '停用')), msg) : '');
  show();
  return li;
}

// A business's 包保 file: officials by level with their pledges and the three lists, editable by
// the officials (problems: any official; responsibilities: the county), read-only for the business.
async function showFile(id, where, user) {
  const f = await get(`/duty/entities/${id}`);
  const orders = f.rectifications.items || f.rectifications;
  const official = user.role !== 'business';
  const county = ['admin', 'county'].includes(user.role);
  const reload = () => showFile(id, where, user);
  const addForm = (list, placeholder, extra = []) => {
    const text = h('input', { class: 'new-item-text', placeholder, maxlength: 500 });
    const msg = h('span', { class: 'field-error' });
    return h('form', { class: `order-actions add-item add-${list}`, onsubmit: async (ev) => {
      ev.preventDefault();
      const body = { list: list === 'order' ? 'problem' : list, text: text.value.trim() };
      for (const x of extra) if (x.name) body[x.name] = x.type === 'checkbox' ? x.checked : Number(x.value);
      if (list === 'order') body.open_order = true;
      try { await post(`/duty/entities/${id}/items`, body); await reload(); } catch (e) { msg.textContent = fieldMessage(e); }
    } }, extra.map((x) => (x.type === 'checkbox' ? h('label', { class: 'inline' }, x, '同时开具整改单') : x)), text,
    h('button', { type: 'submit', class: 'primary' }, '添加'), msg);
  };
  const list = (title, cls, items, row, form) => h('div', { class: `duty-list ${cls}` }, h('h4', {}, `${title}（${items.length}）`),
    h('ul', {}, items.map(row)), form || '');
  const whose = county && f.officials.length
    ? h('select', { name: 'assignment_id', class: 'assignment' }, f.officials.map((o) => h('option', { value: o.assignment_id }, `${label(LEVELS, o.level)}：${o.official}`)))
    : null;
  const file = h('div', { class: 'duty-file', dataset: { entity: id } },
    h('p', { class: 'officials' }, f.officials.length
      ? f.officials.map((o) => `${label(LEVELS, o.level)}：${o.official}${o.pledge ? `（${formatTime(o.pledge.signed_at).slice(0, 10)} 已签承诺书）` : '（未签承诺书）'}`).join('；')
      : '尚未落实包保责任人'),
    list('问题清单', 'problems', f.problems, (i) => itemRow(i, official, reload),
      official ? addForm('problem', '新增问题（如：冷藏柜内生熟混放）', [h('input', { type: 'checkbox', name: 'open_order', class: 'open-order' })]) : null),
    list('责任清单', 'responsibilities', f.responsibilities, (i) => itemRow(i, county, reload),
      whose ? addForm('responsibility', '新增责任事项', [whose]) : null),
    list('整改清单', 'orders', orders, (o) => h('li', { class: 'duty-order', dataset: { id: o.id } },
      h('a', { href: '#/rectifications' }, o.title), ' · ', h('span', { class: `badge ${o.status}` }, label(STATUS, o.status)), ` · 期限 ${o.deadline}`,
      o.status !== 'verified' ? h('span', { class: 'muted small' }, official ? '（在“整改”中验收后关闭）' : '（请在“整改”中提交整改情况）') : ''),
    official ? addForm('order', '新增整改事项（将生成整改单，10个工作日）') : null));
  const old = where.querySelector('.duty-file');
  if (old) old.replaceWith(file); else where.append(file);
}

// 责任清单模板: the county's standard duty items per level that new assignments start from.
async function templatesCard(card) {
  const t = await get('/duty/templates');
  const areas = Object.fromEntries(Object.keys(LEVELS).map((l) => [l, h('textarea', { name: l, rows: 4, class: 'template', style: 'width: 100%' }, t.levels[l].join('\n'))]));
  const msg = h('span', { class: 'field-error', id: 'template-error' });
  mount(card, h('h3', {}, '责任清单模板'),
    h('p', { class: 'muted' }, '新落实的包保责任人从本级模板生成责任清单，每行一项；修改只影响之后的包保安排。',
      t.updated_at ? `最近由 ${t.updated_by_name || '系统'} 于 ${formatTime(t.updated_at)} 修改。` : ''),
    h('form', { id: 'template-form', onsubmit: async (ev) => {
      ev.preventDefault();
      const body = Object.fromEntries(Object.entries(areas).map(([l, a]) => [l, a.value.split('\n').map((x) => x.trim()).filter(Boolean)]));
      try { await put('/duty/templates', body); await templatesCard(card); } catch (e) {
        const [lvl, n] = (e.field || '').split(/[[\]]/);
        msg.textContent = LEVELS[lvl] ? `${LEVELS[lvl]}${n ? `第${Number(n) + 1}项` : ''}：${e.message}` : e.message;
      }
    } }, Object.entries(areas).map(([l, a]) => h('label', { class: 'template-level' }, LEVELS[l], a)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '保存模板'), msg)));
}

export async function renderDuty(container, user, offset = 0, mineOffset = 0) {
  if (user.role === 'business') {
    const card = h('div', { class: 'card', id: 'my-duty' }, h('h3', {}, '本单位的包保责任人与三张清单'));
    mount(container, h('h2', {}, '包保责任'), card);
    await showFile(user.entity_id, card, user);
    return;
  }
  const planner = ['admin', 'county', 'township'].includes(user.role);
  const [mine, unassigned, officials] = await Promise.all([
    get(`/duty/assignments${query({ user: user.id, limit: PAGE, offset: mineOffset })}`),
    planner ? get(`/duty/unassigned${query({ limit: PAGE, offset })}`) : null,
    planner ? get('/officials') : null]);
  const reload = () => renderDuty(container, user, offset, mineOffset);
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
    // the server pages both lists, the latest assignment first: a business just taken on is on the first page
    h('div', { class: 'card' }, h('h3', {}, `我包保的主体（${mine.total}${mine.total_more ? '+' : ''}户）`),
      mine.total ? h('div', { id: 'my-duty-list' }, mine.items.map((a) => h('div', { class: 'duty-row', dataset: { id: a.entity_id } },
        h('div', {}, h('a', { href: `#/entities/${a.entity_id}` }, a.entity_name), h('span', { class: 'muted' }, ` · ${label(LEVELS, a.level)} · 上次走访 ${a.last_visit || '无'}`)),
        a.pledge_signed ? h('span', { class: 'muted pledge-status' }, '承诺书已签署')
          : h('button', { class: 'sign-pledge', onclick: async () => { await post(`/duty/assignments/${a.assignment_id}/pledge`, {}); reload(); } }, '签署承诺书'),
        h('button', { class: 'show-lists', onclick: (ev) => showFile(a.entity_id, ev.target.parentNode, user) }, '三张清单'),
        visitForm(a, reload))),
      pagerFor(mineOffset, mine, (o) => renderDuty(container, user, offset, o))) : h('p', { class: 'muted', id: 'no-duty' }, '暂无包保主体')),
    // the server pages this list: a county has thousands, and the heading counts them all
    planner ? h('div', { class: 'card', id: 'unassigned-list' }, h('h3', {}, `尚未落实包保的主体（${unassigned.total}户）`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'unassigned-table' },
        h('thead', {}, h('tr', {}, ['主体', '类型', '乡镇', '风险等级', '包保责任人'].map((t) => h('th', {}, t)))),
        h('tbody', {}, unassigned.items.map(assignRow)))),
      pagerFor(offset, unassigned, (o) => renderDuty(container, user, o, mineOffset))) : null,
    ['admin', 'county'].includes(user.role) ? h('div', { class: 'card', id: 'duty-templates' }) : null);
  const templates = container.querySelector('#duty-templates');
  if (templates) await templatesCard(templates);
}
