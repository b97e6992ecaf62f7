// 整治验收: campaigns, their four-level progress, and recording the next level against the standard.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { campaignForm } from './campaign_form.js';
import { PAGE, pager } from './sample_common.js';

const LEVELS = ['', '企业自查', '乡镇初验', '现场验收', '县级复核'];
const WHO = { 1: ['business'], 2: ['township', 'county', 'admin'], 3: ['inspector', 'township', 'county', 'admin'], 4: ['county', 'admin'] };

function levelForm(campaignId, entity, level, items, reload) {
  const rows = items.map((i) => {
    const name = `acc-${entity.id}-${i.id}`;
    return { id: i.id, name, el: h('div', { class: 'check-item' }, h('div', {}, i.key ? h('span', { class: 'badge key' }, '重点') : null, ` ${i.seq}. ${i.content}`),
      h('div', { class: 'outcomes' }, [['pass', '符合'], ['fail', '不符合'], ['na', '不适用']].map(([v, t]) =>
        h('label', { class: `outcome ${v}` }, h('input', { type: 'radio', name, value: v, checked: v === 'pass' }), t)))) };
  });
  const msg = h('span', { class: 'field-error' });
  return h('form', { class: 'card level-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const results = rows.map((r) => ({ item_id: r.id, outcome: ev.target.querySelector(`input[name="${r.name}"]:checked`).value }));
    try { await post(`/campaigns/${campaignId}/acceptance`, { entity_id: entity.id, level, items: results }); reload(); } catch (e) { msg.textContent = e.message; }
  } }, h('h3', {}, `${entity.name} · ${LEVELS[level]}`), rows.map((r) => r.el), msg, h('button', { type: 'submit', class: 'primary record-level' }, `提交${LEVELS[level]}`));
}

export async function renderCampaigns(container, user, id, offset = 0) {
  if (!id) {
    const { items: list, total, total_more: more } = await get(`/campaigns?limit=${PAGE}&offset=${offset}`);
    const formBox = h('div');
    const opened = (newId) => { if (newId) location.hash = `#/campaigns/${newId}`; else mount(formBox); };
    const runs = ['county', 'admin'].includes(user.role); // the county bureau runs campaigns
    mount(container, h('div', { class: 'title-row' }, h('h2', {}, '整治验收'),
      runs ? h('button', { class: 'primary', id: 'new-campaign', onclick: async () => mount(formBox, await campaignForm(opened)) }, '新建整治验收') : null),
    formBox,
    list.length ? null : h('p', { class: 'muted', id: 'no-campaigns' }, '暂无整治验收'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'campaign-list' },
      h('thead', {}, h('tr', {}, ['整治', '验收标准', '主体数'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((c) => h('tr', {}, h('td', {}, h('a', { href: `#/campaigns/${c.id}` }, c.name)), h('td', {}, c.checklist_name),
        h('td', { class: 'num' }, c.businesses)))))),
    total > PAGE ? pager(offset, list.length, total, (o) => renderCampaigns(container, user, null, o), more) : null);
    return;
  }
  const p = await get(`/campaigns/${id}/progress?limit=${PAGE}&offset=${offset}`);
  const { campaign } = p;
  const standard = await get(`/checklists/${campaign.checklist_id}`);
  const form = h('div');
  const reload = () => renderCampaigns(container, user, id, offset);
  mount(container,
    h('p', {}, h('a', { href: '#/campaigns' }, '← 返回整治验收')),
    h('h2', {}, campaign.name),
    h('p', { id: 'campaign-totals' }, `主体 ${p.totals.businesses} 户 · 自查 ${p.totals.self_check} · 初验 ${p.totals.preliminary} · 现场验收 ${p.totals.on_site} · 县级复核 ${p.totals.county_review}`),
    form,
    h('div', { class: 'table-wrap' }, h('table', { id: 'campaign-entities' },
      h('thead', {}, h('tr', {}, ['主体', '乡镇', '已通过', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, p.entities.map((e) => {
        const next = e.stage + 1;
        const can = next <= 4 && WHO[next].includes(user.role);
        return h('tr', { dataset: { id: e.id } }, h('td', {}, e.name), h('td', {}, e.township_name),
          h('td', {}, e.stage ? LEVELS[e.stage] : '未开始', e.failed_level ? h('span', { class: 'badge overdue' }, `${LEVELS[e.failed_level]}未通过`) : null),
          h('td', {}, can ? h('button', { class: 'open-level', onclick: () => mount(form, levelForm(id, e, next, standard.checklist.items, reload)) }, `录入${LEVELS[next]}`) : ''));
      })))),
    pager(offset, p.entities.length, p.entities_total, (o) => renderCampaigns(container, user, id, o)));
}
