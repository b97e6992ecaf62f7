// 示范创建 (#/demonstration, #/demonstration/{id}, #/demonstration-tasks, #/demonstration-task/{id}): the county's
// creation campaigns; one campaign with its 一票否决 items at the top, the figures (done, overdue, total), its
// tasks, dispatch meetings (each decision a task) and model units, and the county's forms; the task list
// (overdue ones from the to-do list) and one task with its progress notes and the owner's report.
import { get, patch, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const KINDS = [['street', '示范街区'], ['canteen', '示范食堂'], ['market', '示范市场'], ['other', '其他示范单位']];
const UNIT_STATUS = [['building', '创建中'], ['accepted', '已验收'], ['named', '已命名']];
const params = (hash) => new URLSearchParams((hash || '').split('?')[1] || '');

function campaignForm(done) {
  const name = h('input', { name: 'name', maxlength: 100, placeholder: '如：国家食品安全示范城市创建' });
  const from = h('input', { type: 'date', name: 'starts_on' });
  const until = h('input', { type: 'date', name: 'ends_on' });
  const form = h('form', { class: 'card', id: 'campaign-form' }, h('h3', {}, '新建创建活动'),
    h('div', { class: 'form-grid' }, field('创建名称', name, { required: true, wide: true }), field('启动日期', from, { hint: '不填为今天' }),
      field('验收日期', until)),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'campaign-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const r = await post('/demonstration/campaigns', { name: name.value.trim(), starts_on: from.value || undefined, ends_on: until.value || undefined });
    done(r.id);
  }));
  return form;
}

export async function renderDemonstrations(container, user, offset = 0) {
  const list = await get(`/demonstration/campaigns${query({ limit: PAGE, offset })}`);
  const box = h('div', { id: 'campaign-form-box' });
  const county = ['admin', 'county'].includes(user.role);
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '示范创建'),
      h('span', {}, h('a', { href: '#/demonstration-tasks' }, '我的创建任务'), ' ',
        county ? h('button', { type: 'button', class: 'primary', id: 'campaign-new', onclick: () => mount(box, campaignForm((id) => { location.hash = `#/demonstration/${id}`; })) }, '新建创建活动') : null)),
    box,
    h('div', { class: 'table-wrap' }, h('table', { id: 'campaign-table' },
      h('thead', {}, h('tr', {}, ['创建活动', '周期', '状态'].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.length ? list.items.map((c) => h('tr', { dataset: { id: c.id } },
        h('td', {}, h('a', { href: `#/demonstration/${c.id}` }, c.name)),
        h('td', { class: 'nowrap' }, `${c.starts_on} 至 ${c.ends_on || '—'}`),
        h('td', {}, c.vetoed ? h('span', { class: 'badge fail' }, '一票否决') : h('span', { class: 'badge' }, '创建中')))) :
        h('tr', {}, h('td', { colspan: 3, class: 'muted' }, '暂无创建活动'))))),
    pagerFor(offset, list, (o) => renderDemonstrations(container, user, o)));
}

// The fields of a task (a decision of a meeting has the same).
function taskFields(prefix = '') {
  const el = {
    title: h('input', { name: `${prefix}title`, maxlength: 200 }),
    owner_department: h('input', { name: `${prefix}owner_department`, maxlength: 100, placeholder: '如：县市场监管局' }),
    owner_division: h('input', { name: `${prefix}owner_division`, inputmode: 'numeric', placeholder: '乡镇区划代码，不填为县本级' }),
    due_on: h('input', { type: 'date', name: `${prefix}due_on` }),
    due_workdays: h('input', { name: `${prefix}due_workdays`, inputmode: 'numeric', placeholder: '或填工作日数' }),
  };
  const grid = [field('任务名称', el.title, { required: true, wide: true }), field('责任单位', el.owner_department, { required: true }),
    field('责任乡镇', el.owner_division), field('完成期限', el.due_on), field('期限（工作日）', el.due_workdays, { hint: '节假日不计' })];
  const body = () => ({ title: el.title.value.trim(), owner_department: el.owner_department.value.trim(), owner_division: el.owner_division.value.trim() || undefined,
    due_on: el.due_on.value || undefined, due_workdays: el.due_workdays.value ? Number(el.due_workdays.value) : undefined });
  return { grid, body };
}

function taskForm(c, done) {
  const f = taskFields();
  const form = h('form', { class: 'card', id: 'task-form' }, h('h3', {}, '新增创建任务'), h('div', { class: 'form-grid' }, f.grid), formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'task-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => { await post(`/demonstration/campaigns/${c.id}/tasks`, f.body()); done(); }));
  return form;
}

function meetingForm(c, done) {
  const title = h('input', { name: 'title', maxlength: 200, placeholder: '如：创建工作第三次调度会' });
  const held = h('input', { type: 'date', name: 'held_on' });
  const attendees = h('textarea', { name: 'attendees', rows: 2, maxlength: 1000 });
  const decisions = [];
  const list = h('div', { id: 'decisions' });
  const addDecision = () => {
    const f = taskFields(`d${decisions.length}-`);
    decisions.push(f);
    list.append(h('fieldset', { class: 'form-grid' }, h('legend', {}, `议定事项 ${decisions.length}`), f.grid));
  };
  addDecision();
  const form = h('form', { class: 'card', id: 'meeting-form' }, h('h3', {}, '记录调度会'),
    h('div', { class: 'form-grid' }, field('会议名称', title, { required: true, wide: true }), field('会议日期', held, { hint: '不填为今天' }),
      field('参会人员', attendees, { required: true, wide: true })),
    list, h('p', {}, h('button', { type: 'button', id: 'decision-add', onclick: addDecision }, '增加议定事项')),
    h('p', { class: 'muted small' }, '每个议定事项生成一项创建任务；工作日期限从会议日期起算。'),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'meeting-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/demonstration/campaigns/${c.id}/meetings`, { title: title.value.trim(), held_on: held.value || undefined, attendees: attendees.value.trim(),
      decisions: decisions.map((d) => d.body()) });
    done();
  }));
  return form;
}

function vetoForm(c, done) {
  const kind = h('select', { name: 'kind' }, [['incident', '重大食品安全事故'], ['other', '其他否决事项']].map(([v, t]) => h('option', { value: v }, t)));
  const on = h('input', { type: 'date', name: 'occurred_on' });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 1000 });
  const form = h('form', { class: 'card', id: 'veto-form' }, h('h3', {}, '记录一票否决事项'),
    h('div', { class: 'form-grid' }, field('类别', kind, { required: true }), field('发生日期', on, { required: true }), field('事项说明', description, { required: true, wide: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'veto-save' }, '记录')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/demonstration/campaigns/${c.id}/vetoes`, { kind: kind.value, occurred_on: on.value, description: description.value.trim() });
    done();
  }));
  return form;
}

function unitForm(c, done) {
  const kind = h('select', { name: 'kind' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const name = h('input', { name: 'name', maxlength: 100 });
  const division = h('input', { name: 'division_code', inputmode: 'numeric', placeholder: '乡镇区划代码' });
  const form = h('form', { class: 'card', id: 'unit-form' }, h('h3', {}, '新增示范单位'),
    h('div', { class: 'form-grid' }, field('类别', kind, { required: true }), field('名称', name, { required: true }), field('所在乡镇', division, { required: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'unit-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/demonstration/campaigns/${c.id}/units`, { kind: kind.value, name: name.value.trim(), division_code: division.value.trim() });
    done();
  }));
  return form;
}

function tasksTable(items) {
  return h('div', { class: 'table-wrap' }, h('table', { id: 'task-table' },
    h('thead', {}, h('tr', {}, ['任务', '责任单位', '期限', '进度', '状态'].map((x) => h('th', {}, x)))),
    h('tbody', {}, items.length ? items.map((t) => h('tr', { dataset: { id: t.id, overdue: String(t.overdue) } },
      h('td', {}, h('a', { href: `#/demonstration-task/${t.id}` }, t.title)),
      h('td', {}, t.owner_department, h('div', { class: 'muted small' }, t.owner_division_name || '')),
      h('td', { class: 'nowrap' }, t.due_on, t.due_rule ? h('div', { class: 'muted small' }, t.due_rule) : null),
      h('td', {}, `${t.progress}%`),
      h('td', {}, h('span', { class: `badge ${t.overdue ? 'fail' : t.status === 'done' ? 'pass' : ''}` }, t.status_label)))) :
      h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '暂无任务')))));
}

export async function renderDemonstration(container, id, user, offset = 0) {
  const [c, tasks, meetings, units] = await Promise.all([get(`/demonstration/campaigns/${id}`),
    get(`/demonstration/tasks${query({ campaign_id: id, limit: PAGE, offset })}`), get(`/demonstration/campaigns/${id}/meetings?limit=20`),
    get(`/demonstration/campaigns/${id}/units?limit=100`)]);
  const reload = () => renderDemonstration(container, id, user, offset);
  const box = h('div', { id: 'demonstration-form-box' });
  const open = (form) => () => mount(box, form(c, reload));
  const f = c.figures;
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, c.name), h('a', { href: '#/demonstration' }, '返回列表')),
    c.vetoed ? h('div', { class: 'card alert', id: 'veto-banner' }, h('h3', {}, '一票否决'),
      h('ul', {}, c.vetoes.map((v) => h('li', {}, `${v.occurred_on} ${v.kind_label}：${v.description}`)))) : null,
    h('div', { class: 'card', id: 'campaign-figures' },
      h('p', {}, `创建周期：${c.starts_on} 至 ${c.ends_on || '—'}`),
      h('p', {}, h('strong', {}, `任务 ${f.total} 项`), `　已完成 ${f.done}　推进中 ${f.open}　`, h('span', { class: f.overdue ? 'field-error' : '' }, `逾期 ${f.overdue}`))),
    c.editable ? h('div', { class: 'toolbar', id: 'campaign-actions' },
      h('button', { type: 'button', id: 'task-new', onclick: open(taskForm) }, '新增任务'), ' ',
      h('button', { type: 'button', id: 'meeting-new', onclick: open(meetingForm) }, '记录调度会'), ' ',
      h('button', { type: 'button', id: 'unit-new', onclick: open(unitForm) }, '新增示范单位'), ' ',
      h('button', { type: 'button', id: 'veto-new', onclick: open(vetoForm) }, '一票否决事项')) : null,
    box,
    h('h3', {}, '创建任务'), tasksTable(tasks.items), pagerFor(offset, tasks, (o) => renderDemonstration(container, id, user, o)),
    h('h3', {}, '调度会'),
    h('ul', { class: 'plain-list', id: 'meeting-list' }, meetings.items.length ? meetings.items.map((m) => h('li', {},
      h('a', { href: `#/demonstration-tasks?meeting_id=${m.id}` }, `${m.held_on} ${m.title}`), h('div', { class: 'muted small' }, `参会：${m.attendees}；议定事项 ${m.decisions} 项`)))
      : h('li', { class: 'muted' }, '暂无调度会')),
    h('h3', {}, '示范街区和食堂'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'unit-table' },
      h('thead', {}, h('tr', {}, ['名称', '类别', '所在乡镇', '状态'].map((x) => h('th', {}, x)))),
      h('tbody', {}, units.items.length ? units.items.map((u) => h('tr', { dataset: { id: u.id } }, h('td', {}, u.name), h('td', {}, u.kind_label),
        h('td', {}, u.division_name || ''),
        h('td', {}, c.editable ? h('select', { class: 'unit-status', onchange: async (e) => { await patch(`/demonstration/units/${u.id}`, { status: e.target.value }); reload(); } },
          UNIT_STATUS.map(([v, t]) => h('option', { value: v, selected: v === u.status }, t))) : u.status_label))) :
        h('tr', {}, h('td', { colspan: 4, class: 'muted' }, '暂无示范单位'))))));
}

export async function renderDemonstrationTasks(container, user, hash, offset = 0) {
  const p = params(hash);
  const overdue = p.get('overdue') === '1';
  const list = await get(`/demonstration/tasks${query({ overdue: overdue ? 1 : undefined, meeting_id: p.get('meeting_id') || undefined, limit: PAGE, offset })}`);
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, overdue ? '逾期的创建任务' : '创建任务'), h('a', { href: '#/demonstration' }, '创建活动')),
    h('div', { class: 'toolbar' }, h('a', { href: '#/demonstration-tasks', class: overdue ? '' : 'active' }, '全部'), ' ',
      h('a', { href: '#/demonstration-tasks?overdue=1', class: overdue ? 'active' : '' }, '已逾期')),
    tasksTable(list.items), pagerFor(offset, list, (o) => renderDemonstrationTasks(container, user, hash, o)));
}

export async function renderDemonstrationTask(container, id, user) {
  const t = await get(`/demonstration/tasks/${id}`);
  const reload = () => renderDemonstrationTask(container, id, user);
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 1000 });
  const progress = h('input', { name: 'progress', inputmode: 'numeric', value: String(t.progress) });
  const done = h('input', { type: 'checkbox', name: 'done' });
  const form = h('form', { class: 'card', id: 'progress-form' }, h('h3', {}, '填报进展'),
    h('div', { class: 'form-grid' }, field('进展情况', note, { required: true, wide: true }), field('完成进度（%）', progress),
      h('label', { class: 'inline' }, done, '已全部完成')),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'progress-save' }, '提交')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/demonstration/tasks/${id}/progress`, { note: note.value.trim(), progress: progress.value === '' ? undefined : Number(progress.value), done: done.checked });
    reload();
  }));
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, t.title), h('a', { href: `#/demonstration/${t.campaign_id}` }, t.campaign_name)),
    h('div', { class: 'card', id: 'task-summary' },
      h('p', {}, h('span', { class: `badge ${t.overdue ? 'fail' : t.status === 'done' ? 'pass' : ''}` }, t.status_label), `　进度 ${t.progress}%`),
      h('p', {}, `责任单位：${t.owner_department}${t.owner_division_name ? `（${t.owner_division_name}）` : ''}${t.owner_user_name ? `，责任人 ${t.owner_user_name}` : ''}`),
      h('p', {}, `完成期限：${t.due_on}${t.due_rule ? `（${t.due_rule}）` : ''}${t.done_on ? `，${t.done_on} 完成` : ''}`)),
    t.status === 'open' && user.role !== 'business' ? form : null,
    h('div', { class: 'card' }, h('h3', {}, '进展记录'), h('ol', { class: 'small', id: 'task-notes' },
      t.notes.length ? t.notes.map((n) => h('li', {}, `${n.at} ${n.by || ''}（${n.progress}%）：${n.note}`)) : h('li', { class: 'muted' }, '暂无进展记录'))));
}
