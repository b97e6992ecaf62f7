// 首页: everyone's to-do list first (home_todo.js); for officials holding a jurisdiction, the charts of their area
// (home_charts.js: monthly trend, risk grades, the county's township ranking), then registry counts and archive
// completeness per township.
import { get, query } from '../api.js';
import { h, mount, percent } from '../dom.js';
import { FIELDS, KINDS, STATUSES, label } from '../labels.js';
import { homeCharts } from './home_charts.js';
import { renderTodo, todoBlock } from './home_todo.js';

function card(title, value, id) {
  return h('div', { class: 'card stat', id }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-title' }, title));
}

export async function renderHome(container, user) {
  // a business, an inspector and a sampler start from their own work alone: the registry figures are
  // the jurisdiction's, read by those who hold one
  if (['business', 'inspector', 'sampler'].includes(user?.role)) return renderTodo(container);
  const county = ['admin', 'county'].includes(user?.role);
  const decides = ['admin', 'county', 'township'].includes(user?.role);
  const [o, c, cal, asks, todo] = await Promise.all([get('/stats/overview'), get('/stats/completeness'), county ? get('/calendar') : null,
    decides ? get('/camera-requests?status=pending&limit=1') : null, get('/me/todo')]);
  // completeness per township (summing its kinds)
  const towns = new Map();
  for (const i of c.items) {
    const t = towns.get(i.township_code) || { code: i.township_code, name: i.township_name, total: 0, complete: 0 };
    t.total += i.total;
    t.complete += i.complete;
    towns.set(i.township_code, t);
  }
  const missingBox = h('div', { id: 'missing' });
  const showMissing = async (t) => {
    mount(missingBox, h('p', { class: 'loading' }, '正在加载…'));
    const m = await get(`/stats/completeness/missing${query({ township: t.code, limit: 100 })}`);
    mount(missingBox, h('div', { class: 'card' },
      h('h3', {}, `${t.name} · 档案不完整的主体`),
      m.items.length ? h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, '名称'), h('th', {}, '类型'), h('th', {}, '缺少'))),
        h('tbody', {}, m.items.map((e) => h('tr', {},
          h('td', {}, h('a', { href: `#/entities/${e.id}` }, e.name)),
          h('td', {}, label(KINDS, e.kind)),
          h('td', {}, e.missing.map((f) => label(FIELDS, f)).join('、'))))))
        : h('p', { class: 'muted' }, '该乡镇主体档案均已完整。')));
  };
  mount(container,
    // the county loads the State Council's holiday notice: deadlines in a year without it are provisional
    cal?.warning ? h('p', { class: 'warn', id: 'home-calendar-warning' }, `尚未导入${cal.warning.year}年国务院节假日安排通知，该年的期限暂按法定节日计算。`, ' ',
      h('a', { href: `#/calendar?year=${cal.warning.year}` }, '去导入')) : null,
    // an official decides the businesses' camera changes
    asks?.total ? h('p', { class: 'warn', id: 'home-camera-requests' }, `有${asks.total}条摄像头变更申请待审批。`, ' ',
      h('a', { href: '#/camera-requests' }, '去审批')) : null,
    // each official starts from their own work: their tasks and what waits in their jurisdiction
    todoBlock(todo),
    // the county its figures and rankings, a township its own trend and grades (a grid member has no figures route)
    decides ? homeCharts(user) : null,
    h('h2', {}, '主体档案概况'),
    h('div', { class: 'stats' },
      card('在册主体（不含注销、吊销）', o.total, 'stat-total'),
      card('乡镇(街道)', o.townships),
      card('监管网格', o.grids),
      card('建档率', percent(c.rate), 'stat-rate')),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h3', {}, '按主体类型'),
        h('table', {}, h('tbody', {}, Object.entries(o.by_kind).map(([k, n]) =>
          h('tr', {}, h('td', {}, h('a', { href: `#/entities?kind=${k}` }, label(KINDS, k))), h('td', { class: 'num' }, n)))))),
      h('div', { class: 'card' }, h('h3', {}, '按经营状态'),
        h('table', {}, h('tbody', {}, Object.entries(o.by_status).map(([k, n]) =>
          h('tr', {}, h('td', {}, label(STATUSES, k)), h('td', { class: 'num' }, n))))))),
    h('div', { class: 'card' }, h('h3', {}, '各乡镇建档率'),
      h('table', { id: 'completeness' },
        h('thead', {}, h('tr', {}, h('th', {}, '乡镇(街道)'), h('th', { class: 'num' }, '主体数'), h('th', { class: 'num' }, '档案完整'),
          h('th', { class: 'num' }, '建档率'), h('th', {}, ''))),
        h('tbody', {}, [...towns.values()].map((t) => h('tr', {},
          h('td', {}, t.name), h('td', { class: 'num' }, t.total), h('td', { class: 'num' }, t.complete),
          h('td', { class: 'num' }, percent(t.total ? t.complete / t.total : 1)),
          h('td', {}, t.complete < t.total ? h('button', { class: 'link', onclick: () => showMissing(t) }, '查看缺项') : '')))))),
    missingBox);
}
