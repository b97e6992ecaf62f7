// 你点我检 (#/sampling-proposals): what residents proposed to have tested (a food, where it is sold, why),
// with their votes, most votes first, by status and paged. The county (and the administrator) adopts an
// open proposal as an item of a sampling plan (the plan, food category, township, month, batches and
// analytes the item needs; the answer is shown to the public); county and township officials decline
// one with an answer the public reads.
import { get, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { field, formError, limitTables, platformToday, submitter, PAGE, pagerFor } from './sample_common.js';
import { itemControls, planTownships } from './sampling_plan.js';
import { PLANNERS, PROPOSAL_STATUSES } from './sampling_plans.js';

const ANSWERERS = ['admin', 'county', 'township'];
const TABS = [['open', '待答复'], ['adopted', '已纳入计划'], ['declined', '不予采纳'], ['all', '全部']];
const statusOf = (key) => (key === 'all' ? undefined : key);

function params(hash) { return new URLSearchParams(hash.split('?')[1] || ''); }

const BADGE = { open: 'open', adopted: 'result-pass', declined: 'closed' };

// 纳入计划: the plan first; the item's fields follow the plan's townships.
async function adoptForm(box, proposal, done) {
  const [t, plans, today] = await Promise.all([limitTables(), get('/sampling/plans').then((r) => r.items), platformToday()]);
  if (!plans.length) {
    mount(box, h('p', { class: 'warn', id: 'adopt-no-plan' }, '尚无抽检计划，请先在“抽检计划”中制定计划。'));
    return;
  }
  const year = Number(today.slice(0, 4));
  const preferred = plans.find((p) => p.year === year) || plans[0];
  const plan = h('select', { name: 'plan_id', id: 'adopt-plan' }, plans.map((p) => h('option', { value: p.id, selected: p.id === preferred.id },
    `${p.name.includes(String(p.year)) ? '' : `${p.year}年 `}${p.name}（${p.division_name}）`)));
  const answer = h('textarea', { name: 'answer', id: 'adopt-answer', rows: 2, maxlength: 500, placeholder: '已纳入抽检计划' });
  const itemBox = h('div', { class: 'form-grid' });
  let controls = null;
  const preset = { township_code: proposal.division_code.length === 12 ? proposal.division_code : '', target: 1 };
  const showItem = async () => {
    const p = plans.find((x) => String(x.id) === plan.value);
    controls = itemControls(t, await planTownships(p), 'adopt', { ...preset, ...(controls ? keep(controls.body()) : {}) });
    mount(itemBox, controls.fields);
  };
  // what was chosen survives a change of plan (the township only where the new plan has it)
  const keep = (b) => ({ food_category: b.food_category || '', township_code: b.township_code || '', month: b.month, target: b.target ?? '', mode: b.mode, analytes: b.analytes });
  plan.addEventListener('change', showItem);
  await showItem();
  const form = h('form', { class: 'adopt-form', id: `adopt-form-${proposal.id}`, novalidate: true },
    h('h4', {}, `纳入抽检计划：${proposal.food}`),
    h('div', { class: 'form-grid' }, field('抽检计划', plan, { required: true, wide: true })),
    itemBox,
    h('div', { class: 'form-grid' }, field('答复（向公众公开）', answer, { wide: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'adopt-submit' }, '纳入计划'),
      h('button', { type: 'button', onclick: () => mount(box) }, '取消')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { plan_id: Number(plan.value), ...controls.body() };
    const a = answer.value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    if (a) body.answer = a;
    await post(`/sampling-proposals/${proposal.id}/adopt`, body);
    done();
  }));
  mount(box, form);
}

function declineForm(box, proposal, done) {
  const answer = h('textarea', { name: 'answer', id: 'decline-answer', rows: 2, maxlength: 500, placeholder: '例如：本月已抽检同类产品，结果合格' });
  const form = h('form', { class: 'decline-form', id: `decline-form-${proposal.id}`, novalidate: true },
    h('h4', {}, `不予采纳：${proposal.food}`),
    h('div', { class: 'form-grid' }, field('答复理由（向公众公开）', answer, { required: true, wide: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'decline-submit' }, '提交答复'),
      h('button', { type: 'button', onclick: () => mount(box) }, '取消')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/sampling-proposals/${proposal.id}/decline`, { answer: answer.value.replace(/\s*[\r\n]+\s*/g, ' ').trim() });
    done();
  }));
  mount(box, form);
  answer.focus();
}

function proposalCard(p, user, reload) {
  const box = h('div', { class: 'proposal-action' });
  const open = p.status === 'open';
  const adopt = open && PLANNERS.includes(user.role) ? h('button', { type: 'button', class: 'primary proposal-adopt', onclick: async (ev) => {
    ev.target.disabled = true;
    try { await adoptForm(box, p, reload); } catch (e) { mount(box, h('p', { class: 'error' }, e.message)); } finally { ev.target.disabled = false; }
  } }, '纳入计划') : null;
  const decline = open && ANSWERERS.includes(user.role) ? h('button', { type: 'button', class: 'proposal-decline', onclick: () => declineForm(box, p, reload) }, '不予采纳') : null;
  return h('div', { class: 'card proposal-card', dataset: { id: p.id, status: p.status } },
    h('div', { class: 'title-row' }, h('strong', { class: 'proposal-food' }, p.food),
      h('span', { class: `badge ${BADGE[p.status] || ''} proposal-status` }, PROPOSAL_STATUSES[p.status] || p.status),
      h('span', { class: 'badge proposal-votes' }, `${p.votes} 票`)),
    h('p', { class: 'muted small' }, [p.division_name, p.place ? `地点：${p.place}` : null, `提出于 ${formatTime(p.created_at).slice(0, 16)}`,
      p.proposer ? `建议人：${p.proposer}` : null].filter(Boolean).join(' · ')),
    p.reason ? h('p', { class: 'proposal-reason' }, `理由：${p.reason}`) : null,
    p.answer ? h('p', { class: 'proposal-answer' }, h('span', { class: 'muted' }, '答复：'), p.answer,
      p.plan_item_id ? h('span', { class: 'muted small' }, `（计划条目 #${p.plan_item_id}）`) : null) : null,
    adopt || decline ? h('div', { class: 'toolbar' }, h('span'), h('span', {}, adopt, ' ', decline)) : null,
    box);
}

export async function renderSamplingProposals(container, user, hash) {
  const p = params(hash);
  const status = p.has('status') ? p.get('status') : 'open';
  const tab = TABS.find(([k]) => k === status) || TABS[0];
  const offset = Math.max(0, Number(p.get('offset')) || 0);
  const count = (k) => get(`/sampling-proposals${query({ status: statusOf(k), limit: 1 })}`).then((r) => r.total);
  const [data, counts] = await Promise.all([get(`/sampling-proposals${query({ status: statusOf(tab[0]), limit: PAGE, offset })}`),
    Promise.all(TABS.map(([k]) => count(k)))]);
  const to = (x) => `#/sampling-proposals${query(x)}`;
  const reload = () => renderSamplingProposals(container, user, hash);
  mount(container,
    h('h2', {}, '你点我检'),
    h('p', { class: 'muted' }, '公众通过公开页面提出想检的食品和地点，并为他人的建议投票（每人每条一票）。'
      + (PLANNERS.includes(user.role) ? '县局可将建议纳入抽检计划，或答复不予采纳；答复向公众公开。' : '乡镇可答复不予采纳；纳入抽检计划由县局决定。')),
    h('div', { class: 'tabs', id: 'proposal-tabs' }, TABS.map(([k, text], i) =>
      h('a', { class: `tab ${k === tab[0] ? 'active' : ''}`, href: to({ status: k }), dataset: { key: k } }, `${text} ${counts[i]}`))),
    h('div', { id: 'proposal-list' }, data.items.length ? data.items.map((x) => proposalCard(x, user, reload))
      : h('p', { class: 'muted card', id: 'no-proposals' }, '暂无建议')),
    pagerFor(offset, data, (at) => { location.hash = to({ status: tab[0], offset: at || undefined }); }));
}
