// 提升改造 (#/upgrade-plans, #/upgrade-plan/:id): the upgrade plans of parks, clusters and model units.
// The list (all, or those with a step past its day, as the to-do list links); a plan with its steps
// (done, overdue, days left), each marked done with a note, and the acceptance of its workshops level
// by level once the county starts it (the levels are recorded on the campaign's page, 整治验收). A
// place's page shows its plans and the form to make one (planForm). Cards, so it works on a phone.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const EDITORS = ['admin', 'county', 'township'];
const STAGES = ['未开始', '自查', '初验', '现场验收', '县级复核'];

const badge = (p) => h('span', { class: `badge ${p.status === 'accepted' ? 'active' : p.overdue ? 'suspended' : ''}` },
  p.overdue && p.status === 'in_progress' ? '步骤逾期' : p.status_label);

function planCard(p) {
  return h('li', { class: 'card', dataset: { id: p.id } },
    h('a', { href: `#/upgrade-plan/${p.id}` }, h('strong', {}, p.name)), ' ', badge(p),
    h('p', { class: 'muted small' }, `${p.place_name}（${p.place_kind_label}）· ${p.division_name} · 步骤 ${p.steps_done}/${p.steps_total}`,
      p.next_due ? ` · 最近期限 ${p.next_due}` : ''));
}

// The plans of one place (its page) or of the jurisdiction; page by page.
export function planList(container, filter, offset = 0) {
  return get(`/upgrade-plans${query({ ...filter, limit: PAGE, offset })}`).then((data) => mount(container,
    h('ul', { class: 'plain-list', id: 'upgrade-list' }, data.items.length ? data.items.map(planCard) : h('li', { class: 'muted' }, '暂无提升改造计划')),
    pagerFor(offset, data, (o) => planList(container, filter, o))));
}

export async function renderUpgradePlans(container, user, hash) {
  const overdue = new URLSearchParams(hash.split('?')[1] || '').get('overdue') === '1';
  const box = h('div');
  mount(container, h('h2', {}, '提升改造'),
    h('div', { class: 'toolbar' }, h('a', { class: `button ${overdue ? '' : 'primary'}`, href: '#/upgrade-plans' }, '全部'),
      h('a', { class: `button ${overdue ? 'primary' : ''}`, href: '#/upgrade-plans?overdue=1' }, '步骤逾期')),
    user.role === 'business' ? null : h('p', { class: 'muted small' }, '在“园区与示范单元”中打开园区，制定它的提升改造计划'), box);
  await planList(box, { overdue: overdue ? 1 : undefined });
}

// One step's inputs: title, who carries it out, and its deadline as a date or working days.
function stepRow(i) {
  const title = h('input', { name: 'title', maxlength: 100 });
  const owner = h('input', { name: 'owner_note', maxlength: 100, placeholder: '如：园区管委会' });
  const mode = h('select', { name: 'due_mode' }, h('option', { value: 'days' }, '工作日数'), h('option', { value: 'date' }, '日期'));
  const days = h('input', { name: 'due_workdays', type: 'number', min: 1, max: 500, inputmode: 'numeric' });
  const date = h('input', { name: 'due_on', type: 'date', hidden: true });
  mode.addEventListener('change', () => { days.hidden = mode.value !== 'days'; date.hidden = mode.value === 'days'; });
  const row = h('fieldset', { class: 'card upgrade-step' }, h('legend', {}, `步骤 ${i + 1}`),
    h('div', { class: 'form-grid' }, field('步骤名称', title, { required: true, name: `steps[${i}].title` }),
      field('责任人', owner, { name: `steps[${i}].owner_note` }),
      field('完成期限', h('span', { class: 'due-pick' }, mode, ' ', days, date), { required: true, name: `steps[${i}].due_workdays`,
        hint: '按节假日安排计算工作日，从计划开始日起算' }),
      h('span', { class: 'field-error', dataset: { for: `steps[${i}].due_on` } })));
  row.read = () => ({ title: title.value.trim(), owner_note: owner.value.trim() || undefined,
    ...(mode.value === 'days' ? { due_workdays: Number(days.value) || 0 } : { due_on: date.value }) });
  return row;
}

// The form that makes a plan for place (its page, county or township).
export async function planForm(place, done) {
  const checklists = (await get('/checklists')).items;
  const name = h('input', { name: 'name', maxlength: 60 });
  const goal = h('textarea', { name: 'goal', rows: 3, maxlength: 1000 });
  const checklist = h('select', { name: 'checklist_id' }, checklists.map((c) => h('option', { value: c.id }, c.name)));
  const starts = h('input', { name: 'starts_on', type: 'date' });
  const steps = h('div', { id: 'upgrade-steps' });
  const rows = [];
  const addStep = () => { const r = stepRow(rows.length); rows.push(r); steps.append(r); };
  addStep();
  const form = h('form', { class: 'card', id: 'upgrade-form' }, h('h3', {}, `为${place.name}制定提升改造计划`),
    h('div', { class: 'form-grid' }, field('计划名称', name, { required: true }), field('验收标准', checklist, { required: true }),
      field('开始日期', starts, { hint: '不填为今天' }), field('改造目标', goal, { required: true, wide: true })),
    steps, h('span', { class: 'field-error', dataset: { for: 'steps' } }),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'button', id: 'upgrade-add-step', onclick: addStep }, '添加步骤'),
      h('button', { type: 'submit', class: 'primary', id: 'upgrade-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const p = await post(`/workshop-places/${place.id}/upgrade-plans`, { name: name.value.trim(), goal: goal.value.trim(),
      checklist_id: Number(checklist.value), starts_on: starts.value || undefined, steps: rows.map((r) => r.read()) });
    done(p);
  }));
  return form;
}

function stepItem(s, plan, editor, again) {
  const state = s.done_on ? h('span', { class: 'badge active' }, '已完成') : s.overdue ? h('span', { class: 'badge suspended' }, `逾期${-s.days_left}天`)
    : h('span', { class: 'badge' }, `剩${s.days_left}天`);
  let act = null;
  if (editor && !s.done_on) {
    const note = h('input', { name: 'note', maxlength: 500, placeholder: '完成情况' });
    act = h('form', { class: 'inline-form step-done' }, field('完成情况', note, { name: 'note' }), formError(),
      h('button', { type: 'submit', class: 'primary' }, '标记完成'));
    act.addEventListener('submit', submitter(act, async () => { await post(`/upgrade-plans/${plan.id}/steps/${s.id}/done`, { note: note.value.trim() }); again(); }));
  }
  return h('li', { class: 'card', dataset: { id: s.id } }, h('strong', {}, s.title), ' ', state,
    h('p', { class: 'muted small' }, `期限 ${s.due_on}`, s.due_workdays ? `（开始后${s.due_workdays}个工作日${s.due_provisional ? '，节假日安排未公布，暂定' : ''}）` : '',
      s.owner_note ? ` · 责任人：${s.owner_note}` : ''),
    s.done_on ? h('p', { class: 'small' }, `${s.done_on} ${s.done_by || ''}：${s.done_note}`) : null, act);
}

function acceptance(p) {
  const a = p.acceptance;
  if (!a) return h('p', { class: 'muted' }, '全部步骤完成后，由县局启动验收（自查、初验、现场验收、县级复核）');
  return h('div', { id: 'upgrade-acceptance' },
    h('p', {}, `入驻小作坊 ${a.totals.businesses} 家，县级复核通过 ${a.totals.county_review} 家 · `, h('a', { href: `#/campaigns/${p.campaign_id}` }, '去记录验收')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['小作坊', '已通过', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, a.entities.map((e) => h('tr', { dataset: { id: e.id } }, h('td', {}, e.name), h('td', {}, `${e.stage}/4 ${STAGES[e.stage]}`),
        h('td', {}, e.failed_level && e.failed_level > e.stage ? h('span', { class: 'badge suspended' }, '未通过') : null)))))));
}

export async function renderUpgradePlan(container, id, user) {
  const p = await get(`/upgrade-plans/${id}`);
  const editor = EDITORS.includes(user.role);
  const again = () => renderUpgradePlan(container, id, user);
  const msg = formError();
  const start = ['admin', 'county'].includes(user.role) && p.status === 'in_progress' && p.steps_done === p.steps_total
    ? h('button', { type: 'button', class: 'primary', id: 'upgrade-start', onclick: async () => {
      try { await post(`/upgrade-plans/${id}/acceptance`, {}); again(); } catch (e) { msg.textContent = e.message; }
    } }, '启动验收') : null;
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, p.name), h('a', { class: 'button', href: user.role === 'business' ? '#/upgrade-plans' : `#/workshop-place/${p.place_id}` }, '返回')),
    h('div', { class: 'card', id: 'upgrade-detail' }, h('p', {}, badge(p), ` ${p.place_name}（${p.place_kind_label}）· ${p.division_name}`),
      h('p', {}, `目标：${p.goal}`), h('p', { class: 'muted small' }, `验收标准：${p.checklist_name} · 开始日期 ${p.starts_on}`)),
    h('h3', {}, `改造步骤（已完成 ${p.steps_done}/${p.steps_total}${p.steps_overdue ? `，逾期 ${p.steps_overdue}` : ''}）`),
    h('ul', { class: 'plain-list', id: 'upgrade-steps-list' }, p.steps.map((s) => stepItem(s, p, editor, again))),
    h('h3', {}, '验收'), acceptance(p), start, msg);
}
