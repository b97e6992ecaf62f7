// The officials' home charts, below their to-do list: the jurisdiction's last 12 months (inspections done,
// hazards found and rectified: GET /stats/trends), the townships ranked by a figure of the dashboard's
// catalogue chosen here (county and administrator: GET /dashboard) and the risk grades (GET /risk/summary).
// Every figure is one the metric catalogue defines (docs/metrics.md); its definition is the chart's note.
import { get } from '../api.js';
import { drawChart, gradeSlices, redrawChart } from '../charts.js';
import { h, mount } from '../dom.js';

const TREND = 'inspections_done,hazards_found,hazards_rectified';

// months "2026-03" → "3月", the year shown where it changes
export function monthLabels(months) {
  return months.map((m, i) => (i === 0 || m.endsWith('-01') ? `${m.slice(0, 4)}年${Number(m.slice(5))}月` : `${Number(m.slice(5))}月`));
}

export function trendChart(id, title, trends) {
  const box = h('div', { class: 'chart', id });
  const el = h('div', { class: 'card chart-card' }, h('h3', {}, title), box,
    h('p', { class: 'muted small' }, trends.figures.map((f) => `${f.label}：${f.definition}`).join('；')));
  queueMicrotask(() => drawChart(box, 'line', { categories: monthLabels(trends.months),
    series: trends.figures.map((f) => ({ name: f.label, data: f.values })) }));
  return el;
}

export function gradesChart(id, totals) {
  const box = h('div', { class: 'chart', id });
  const el = h('div', { class: 'card chart-card' }, h('h3', {}, '风险等级分布'), box,
    h('p', { class: 'muted small' }, '在营、停业主体按当前风险等级计数（户）'));
  queueMicrotask(() => drawChart(box, 'pie', { unit: '户', series: [{ name: '风险等级', data: gradeSlices(totals) }] }));
  return el;
}

// A township's value of figure f, as the chart shows it (a rate in per cent, one decimal).
const shown = (t, f) => (t[f.key] == null ? null : f.unit === '%' ? Math.round(t[f.key] * 1000) / 10 : t[f.key]);

function rankingChart(dash) {
  let figure = dash.figures.find((f) => f.key === 'inspection_rate') || dash.figures[0];
  const box = h('div', { class: 'chart chart-tall', id: 'home-rank' });
  const note = h('p', { class: 'muted small', id: 'home-rank-note' });
  const picker = h('select', { id: 'home-rank-figure', 'aria-label': '排名指标' },
    dash.figures.map((f) => h('option', { value: f.key, selected: f.key === figure.key }, f.label)));
  let chart = null;
  const draw = () => {
    const rows = dash.townships.filter((t) => t[figure.key] != null).sort((a, b) => shown(a, figure) - shown(b, figure));
    note.textContent = `${figure.label}：${figure.definition}（${dash.year}年）`;
    box.style.height = `${Math.max(260, rows.length * 22 + 60)}px`;
    const data = { horizontal: true, unit: figure.unit, categories: rows.map((t) => t.name),
      series: [{ name: figure.label, data: rows.map((t) => shown(t, figure)) }] };
    if (chart) redrawChart(chart, 'bar', data);
    else drawChart(box, 'bar', data).then((c) => { chart = c; });
  };
  picker.addEventListener('change', () => { figure = dash.figures.find((f) => f.key === picker.value); draw(); });
  queueMicrotask(draw);
  return h('div', { class: 'card chart-card chart-wide' }, h('div', { class: 'chart-head' }, h('h3', {}, '乡镇（街道）排名'), h('label', {}, '指标 ', picker)), box, note);
}

// The charts block of an official's home page: filled once its figures arrive.
export function homeCharts(user) {
  const county = ['admin', 'county'].includes(user.role);
  const block = h('section', { id: 'home-charts' }, h('p', { class: 'loading' }, '正在加载图表…'));
  Promise.all([get(`/stats/trends?metric=${TREND}&months=12`), get('/risk/summary'), county ? get('/dashboard') : null])
    .then(([trends, risk, dash]) => mount(block,
      h('h2', {}, county ? '全县态势' : '本辖区态势'),
      h('div', { class: 'charts' },
        trendChart('home-trend', '近12个月检查与隐患', trends),
        gradesChart('home-grades', risk.totals),
        dash ? rankingChart(dash) : null)))
    .catch((e) => mount(block, h('p', { class: 'error' }, `图表加载失败：${e.message}`)));
  return block;
}
