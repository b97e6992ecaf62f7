// 指挥大屏 (#/dashboard): the command room's full-screen view of the jurisdiction — the headline figures
// (GET /dashboard, each defined once in the server's metric catalogue), a map of the townships
// (GET /boundaries) coloured by the figure chosen, and the townships ranked by it. Refreshes every 60 s
// without reloading the page; stops when the page is left.
import { get } from '../api.js';
import { loadECharts } from '../charts.js';
import { formatTime, h, mount, percent } from '../dom.js';
import { boundaryImport } from './boundaries_import.js';

export const REFRESH_MS = 60000;
const MAP = 'shian-townships';

const value = (row, f) => row[f.key];
const shown = (v, f) => (f.unit === '%' ? percent(v) : v == null ? '—' : `${v.toLocaleString('zh-CN')} ${f.unit}`);

function card(f, total) {
  const detail = f.numerator ? `${total[f.numerator].toLocaleString('zh-CN')} / ${total[f.denominator].toLocaleString('zh-CN')}` : '';
  return h('div', { class: 'dash-card', dataset: { key: f.key }, title: f.definition },
    h('div', { class: 'dash-label' }, f.label),
    h('div', { class: 'dash-value' }, shown(value(total, f), f)),
    h('div', { class: 'dash-detail' }, detail));
}

// The map's and the ranking's options for figure f: townships without a value are grey, not 0.
function mapOption(data, f) {
  const vals = data.townships.map((t) => value(t, f)).filter((v) => v != null);
  const pct = f.unit === '%';
  const scale = (v) => (v == null ? null : pct ? Math.round(v * 1000) / 10 : v);
  return {
    backgroundColor: 'transparent',
    animation: false, // a wall display redrawn every minute: no tween to race a resize
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}<br>${f.label}：${p.value == null || Number.isNaN(p.value) ? '—' : p.value + (pct ? '%' : ` ${f.unit}`)}` },
    visualMap: { min: vals.length ? Math.min(...vals.map(scale)) : 0, max: vals.length ? Math.max(...vals.map(scale), 1) : 1, calculable: true,
      left: 8, bottom: 8, text: ['高', '低'], textStyle: { color: '#cfd8e3' }, inRange: { color: ['#1b3a5c', '#2f7bd1', '#5fd3f3', '#f5d76e'] } },
    // a degree of longitude is cos(latitude) of one of latitude: about 0.9 in southern China
    series: [{ type: 'map', map: MAP, roam: false, aspectScale: 0.9, label: { show: true, color: '#e8eef5', fontSize: 10 },
      itemStyle: { areaColor: '#2a3442', borderColor: '#0b1622' }, emphasis: { label: { color: '#fff' } },
      data: data.townships.map((t) => ({ name: t.name, value: scale(value(t, f)) })) }],
  };
}

function rankOption(data, f) {
  const pct = f.unit === '%';
  const rows = data.townships.filter((t) => value(t, f) != null).sort((a, b) => value(a, f) - value(b, f));
  return {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: pct ? 100 : null, axisLabel: { color: '#9fb0c3' }, splitLine: { lineStyle: { color: '#22303f' } } },
    yAxis: { type: 'category', data: rows.map((t) => t.name), axisLabel: { color: '#cfd8e3', fontSize: 11 } },
    series: [{ type: 'bar', name: f.label, data: rows.map((t) => (pct ? Math.round(value(t, f) * 1000) / 10 : value(t, f))),
      barMaxWidth: 18, itemStyle: { color: '#2f7bd1' }, label: { show: true, position: 'right', color: '#cfd8e3', formatter: pct ? '{c}%' : '{c}' } }],
  };
}

export async function renderDashboard(container, user) {
  const [echarts, first, shapes] = await Promise.all([loadECharts(), get('/dashboard'), get('/boundaries')]);
  echarts.registerMap(MAP, shapes);
  let data = first;
  let figure = data.figures.find((f) => f.key === 'archive_rate') || data.figures[0];
  const stamp = h('span', { id: 'dash-stamp' });
  const picker = h('select', { id: 'dash-figure', 'aria-label': '地图指标' },
    data.figures.map((f) => h('option', { value: f.key, selected: f.key === figure.key }, f.label)));
  const cards = h('div', { class: 'dash-cards', id: 'dash-cards' });
  const mapBox = h('div', { class: 'dash-chart', id: 'dash-map' });
  const rankBox = h('div', { class: 'dash-chart', id: 'dash-rank' });
  const mapTitle = h('h3', { id: 'dash-map-title' });
  const note = h('p', { class: 'dash-note', id: 'dash-note' });
  const imported = h('p', { class: 'dash-note', id: 'boundary-done', role: 'status' });
  const screen = h('div', { class: 'dash', id: 'dashboard' },
    h('header', { class: 'dash-head' },
      h('h2', {}, `食品安全监管指挥大屏 · ${user.jurisdiction_name || ''}`),
      h('div', { class: 'dash-tools' }, h('label', {}, '地图指标 ', picker), stamp,
        h('button', { type: 'button', id: 'dash-full', onclick: () => document.documentElement.requestFullscreen?.().catch(() => {}) }, '全屏'),
        h('a', { href: '#/', class: 'button' }, '返回'))),
    cards,
    h('div', { class: 'dash-panels' },
      h('section', { class: 'dash-panel dash-panel-map' }, mapTitle, mapBox,
        shapes.features.length ? null : h('p', { class: 'dash-note' }, '尚未导入乡镇边界'),
        ['county', 'admin'].includes(user.role) ? boundaryImport((r) => reloadShapes(r)) : null, imported),
      h('section', { class: 'dash-panel' }, h('h3', {}, '乡镇（街道）排名'), rankBox)),
    note);
  mount(container, screen);
  let map = echarts.init(mapBox, 'dark');
  const rank = echarts.init(rankBox, 'dark');

  const draw = () => {
    mount(cards, data.figures.map((f) => card(f, data.total)));
    stamp.textContent = `更新于 ${formatTime(data.generated_at).slice(11)}`;
    mapTitle.textContent = `${figure.label}分布（${data.year}年）`;
    note.textContent = `${figure.label}：${figure.definition}`;
    map.setOption(mapOption(data, figure), true);
    // a row a township, readable however many there are
    rankBox.style.height = `${Math.max(240, data.townships.length * 20 + 60)}px`;
    rank.setOption(rankOption(data, figure), true);
    rank.resize();
  };
  draw();
  // a county's own boundaries, imported: the map redrawn on them at once
  async function reloadShapes(r) {
    echarts.registerMap(MAP, await get('/boundaries'));
    map.dispose();
    map = echarts.init(mapBox, 'dark');
    draw();
    imported.textContent = `已导入 ${r.imported} 个乡镇（街道）的边界`;
  }
  picker.addEventListener('change', () => {
    figure = data.figures.find((f) => f.key === picker.value);
    draw();
  });
  // A new size draws the map afresh: ECharts 6.1's map.resize() can fail on the view's transform (a
  // singular matrix); a new instance for a few dozen townships costs nothing.
  let pending = 0, size = `${mapBox.clientWidth}x${mapBox.clientHeight}`;
  const resize = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const now = `${mapBox.clientWidth}x${mapBox.clientHeight}`;
      if (!screen.isConnected) return;
      rank.resize();
      if (now === size) return;
      size = now;
      map.dispose();
      map = echarts.init(mapBox, 'dark');
      map.setOption(mapOption(data, figure), true);
    }, 150);
  };
  window.addEventListener('resize', resize);
  // refresh while the page is shown; leaving it (another hash) stops the timer and frees the charts
  const timer = setInterval(async () => {
    if (!screen.isConnected) return;
    try {
      data = await get('/dashboard');
      draw();
    } catch { /* the next tick tries again; the stamp shows the last success */ }
  }, REFRESH_MS);
  window.addEventListener('hashchange', () => {
    clearInterval(timer);
    clearTimeout(pending);
    window.removeEventListener('resize', resize);
    map.dispose();
    rank.dispose();
  }, { once: true });
}
