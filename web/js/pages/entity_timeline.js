// 档案时间线 on a business's page (一户一档): everything every area holds about it, newest first, one kind
// or all (chips), 10 at a time with 加载更多 — the count says how many there are in all.
import { get, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';

const KINDS = [['', '全部'], ['inspection', '监督检查'], ['rectification', '整改'], ['self_record', '企业自查'], ['alert', '视频预警'],
  ['duty_visit', '包保督导'], ['grade', '风险等级'], ['sample', '抽样检验'], ['case', '行政处罚'], ['complaint', '投诉举报']];
const STEP = 10;

export function timelineCard(entityId, user) {
  const box = h('div', { class: 'card', id: 'timeline' });
  // a business never sees complaints about it: no chip for them
  const kinds = KINDS.filter(([k]) => !(user.role === 'business' && k === 'complaint'));
  let kind = '', shown = [];
  const list = h('ol', { class: 'timeline' });
  const more = h('button', { type: 'button', id: 'timeline-more', class: 'link' }, '加载更多');
  const count = h('span', { class: 'muted', id: 'timeline-count' });
  const chips = h('div', { class: 'chips', role: 'tablist' }, kinds.map(([k, text]) => h('button', { type: 'button', class: `chip${k === kind ? ' on' : ''}`,
    dataset: { kind: k }, onclick: (ev) => { kind = k; for (const c of chips.children) c.classList.toggle('on', c === ev.currentTarget); load(true); } }, text)));
  const item = (i) => h('li', { class: `timeline-item kind-${i.kind}`, dataset: { kind: i.kind, id: i.id } },
    h('div', { class: 'timeline-when muted' }, formatTime(i.at), ' · ', i.kind_label),
    h('a', { href: i.route, class: 'timeline-title' }, i.title),
    i.detail ? h('div', { class: 'timeline-detail' }, i.detail) : null);
  async function load(fresh) {
    if (fresh) shown = [];
    const page = await get(`/entities/${entityId}/timeline${query({ kind: kind || undefined, limit: STEP, offset: shown.length })}`);
    shown = shown.concat(page.items);
    mount(list, shown.length ? shown.map(item) : h('li', { class: 'muted' }, '暂无记录'));
    count.textContent = `共${page.total}条，已显示${shown.length}条`;
    more.hidden = shown.length >= page.total;
  }
  more.addEventListener('click', () => load(false));
  mount(box, h('h3', {}, '档案时间线 ', count), chips, list, more);
  load(true).catch((e) => mount(list, h('li', { class: 'error' }, e.message)));
  return box;
}
