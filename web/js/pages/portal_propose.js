// 你点我检 for residents: the open proposals of the county, most votes first, with a vote each, and a
// form to propose a food or a place to be tested. Errors stand next to their field, in Chinese.
import { get, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { portalPage } from './portal_shell.js';

const FIELDS = [
  ['division_code', '所在乡镇'], ['food', '想检的食品'], ['place', '购买或经营地点'], ['reason', '理由'], ['proposer', '称呼（选填）'],
];

function proposalItem(p) {
  const votes = h('span', { class: 'votes' }, String(p.votes));
  const msg = h('span', { class: 'field-error' });
  const button = h('button', { type: 'button', class: 'vote', onclick: async () => {
    msg.textContent = '';
    try {
      votes.textContent = String((await post(`/public/sampling-proposals/${p.id}/vote`, {})).votes);
      button.disabled = true;
      button.textContent = '已赞同';
    } catch (e) { msg.textContent = e.message; }
  } }, '赞同');
  return h('li', { class: 'card proposal', dataset: { id: p.id } },
    h('div', { class: 'proposal-head' }, h('strong', {}, p.food), h('span', { class: 'muted' }, p.division_name)),
    p.place ? h('p', {}, `地点：${p.place}`) : null,
    p.reason ? h('p', {}, `理由：${p.reason}`) : null,
    h('p', { class: 'proposal-foot' }, h('span', { class: 'muted' }, formatTime(p.created_at).slice(0, 10)), ' ',
      '赞同 ', votes, ' ', button, msg));
}

function proposeForm(divisions, onDone) {
  const inputs = {}, errors = {};
  const rows = FIELDS.map(([f, text]) => {
    let input;
    if (f === 'division_code') input = h('select', { name: f, id: `propose-${f}` }, divisions.map((d) => h('option', { value: d.code }, d.name)));
    else if (f === 'reason') input = h('textarea', { name: f, id: `propose-${f}`, rows: 3, maxlength: 500 });
    else input = h('input', { name: f, id: `propose-${f}`, maxlength: f === 'food' ? 50 : 100 });
    inputs[f] = input;
    errors[f] = h('span', { class: 'field-error', dataset: { for: f } });
    return h('label', { class: 'portal-field' }, text, input, errors[f]);
  });
  const general = h('p', { class: 'field-error', role: 'alert' });
  const done = h('p', { class: 'ok', id: 'propose-done' });
  return h('form', { class: 'card portal-form', id: 'propose-form', onsubmit: async (ev) => {
    ev.preventDefault();
    for (const e of [...Object.values(errors), general, done]) e.textContent = '';
    const body = {};
    for (const [f] of FIELDS) if (inputs[f].value.trim()) body[f] = inputs[f].value.trim();
    try {
      await post('/public/sampling-proposals', body);
      for (const [f] of FIELDS) if (f !== 'division_code') inputs[f].value = '';
      done.textContent = '建议已提交，感谢参与！监管部门将在答复后公布结果。';
      onDone();
    } catch (e) {
      (errors[e.field] || general).textContent = e.message;
    }
  } }, h('h2', {}, '我要建议'), h('p', { class: 'muted' }, '请勿填写手机号、身份证号等个人信息。'), rows,
  h('button', { type: 'submit', class: 'primary', id: 'propose-submit' }, '提交建议'), general, done);
}

// An answered proposal: adopted into a plan (and what its samples found, once published) or declined.
function answeredItem(p) {
  const r = p.results;
  return h('li', { class: 'card proposal answered', dataset: { id: p.id, status: p.status } },
    h('div', { class: 'proposal-head' }, h('strong', {}, p.food), h('span', { class: 'muted' }, p.division_name)),
    h('p', {}, p.status === 'adopted' ? '已纳入抽检计划' : '未采纳', p.answer ? `：${p.answer}` : ''),
    r ? h('p', { class: 'proposal-results' }, r.published ? `已抽检并公布 ${r.published} 批次，其中不合格 ${r.failed} 批次` : '抽检进行中，结果公布后在此显示') : null);
}

export async function renderPropose(container) {
  const list = h('ul', { class: 'plain-list proposals', id: 'proposal-list' });
  const answered = h('ul', { class: 'plain-list proposals', id: 'proposal-answered' });
  const load = async () => {
    const [open, adopted, declined] = await Promise.all(['open', 'adopted', 'declined'].map((status) =>
      get(`/public/sampling-proposals${query({ status, limit: 50 })}`)));
    mount(list, open.items.length ? open.items.map(proposalItem) : h('li', { class: 'muted' }, '暂无待答复的建议'));
    const done = [...adopted.items, ...declined.items];
    mount(answered, done.length ? done.map(answeredItem) : h('li', { class: 'muted' }, '暂无已答复的建议'));
  };
  const divisions = (await get('/public/divisions')).items;
  portalPage(container, '你点我检',
    h('p', { class: 'muted' }, '您想检什么食品、哪家店？提出建议或为他人的建议点赞，票数高的建议将纳入抽检计划。'),
    h('h2', {}, '大家的建议'), list,
    proposeForm(divisions, load),
    h('h2', {}, '已答复'), answered);
  await load();
}
