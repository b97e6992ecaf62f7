// 双随机抽取: draw businesses and inspectors at random, see the result, replay it to prove fairness.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { INSPECTION_KINDS, KINDS, label } from '../labels.js';

export async function renderDraw(container) {
  const towns = (await get('/divisions')).items;
  const count = h('input', { type: 'number', min: 1, max: 1000, value: 10, id: 'draw-count' });
  const team = h('input', { type: 'number', min: 2, max: 10, value: 2, id: 'draw-team' });
  const kind = h('select', { id: 'draw-kind' }, h('option', { value: '' }, '全部类型'), Object.entries(KINDS).map(([v, t]) => h('option', { value: v }, t)));
  const township = h('select', { id: 'draw-township' }, h('option', { value: '' }, '全部乡镇'), towns.map((t) => h('option', { value: t.code }, t.name)));
  const ikind = h('select', { id: 'draw-inspection-kind' }, Object.entries(INSPECTION_KINDS).map(([v, t]) => h('option', { value: v }, t)));
  const out = h('div');
  const run = async (ev) => {
    ev.preventDefault();
    try {
      const r = await post('/draws', { count: Number(count.value), team_size: Number(team.value), kind: kind.value || undefined,
        township: township.value || undefined, inspection_kind: ikind.value });
      const verify = h('button', { id: 'verify-draw', onclick: async () => {
        const v = await get(`/draws/${r.draw_id}/verify`);
        verify.replaceWith(h('span', { class: v.reproduced ? 'ok' : 'error', id: 'verify-result' },
          v.reproduced ? '复现一致：抽取过程公平可查' : '复现结果不一致'));
      } }, '按种子复现验证');
      mount(out, h('div', { class: 'card', id: 'draw-result' },
        h('p', {}, `抽取编号 ${r.draw_id}，随机种子 ${r.seed}，候选主体 ${r.candidates} 户，候选检查人员 ${r.inspectors} 人。`), verify,
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '主体编号'), h('th', {}, '检查人员编号'), h('th', {}, '检查任务'))),
          h('tbody', {}, r.result.map((p) => h('tr', {}, h('td', {}, h('a', { href: `#/entities/${p.entity_id}` }, p.entity_id)),
            h('td', {}, p.inspectors.join('、')), h('td', {}, h('a', { href: `#/inspections/${p.inspection_id}` }, `#${p.inspection_id}`))))))));
    } catch (e) {
      mount(out, h('p', { class: 'error', id: 'draw-error' }, e.message));
    }
  };
  mount(container,
    h('h2', {}, '双随机抽取'),
    h('form', { class: 'card form-grid', onsubmit: run },
      h('label', {}, '抽取主体数', count), h('label', {}, '每组检查人员', team), h('label', {}, '主体类型', kind),
      h('label', {}, '乡镇', township), h('label', {}, '检查类型', ikind),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'run-draw' }, '抽取并派发'))),
    out);
}
