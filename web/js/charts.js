// ECharts for the console's charts: the build copies it from the npm package into web/vendor/ (Makefile),
// so the console loads it from the platform itself. Loaded once, on the first page that draws a chart.
let loading = null;

export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  loading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/vendor/echarts.min.js';
    s.onload = () => resolve(window.echarts);
    s.onerror = () => { loading = null; reject(new Error('图表组件加载失败，请刷新重试')); };
    document.head.append(s);
  });
  return loading;
}

// One chart of the console's pages, drawn from data: kind 'line' or 'bar' (categories along the axis,
// one or more series) or 'pie' (one series of {name, value}); horizontal: true lays bars sideways (a
// ranking). The chart follows the window's size and is freed when the page is left. Returns the
// ECharts instance (tests read its option through window.echarts.getInstanceByDom).
const PALETTE = ['#2f7bd1', '#e8803a', '#3aa86b', '#c9443c', '#8a63c6', '#d4b106'];
const GRADE_COLOURS = { A: '#3aa86b', B: '#2f7bd1', C: '#e8a33a', D: '#c9443c' };

function option(kind, { categories = [], series = [], unit = '', horizontal = false }) {
  const base = { color: PALETTE, animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' } };
  if (kind === 'pie') {
    return { ...base, tooltip: { trigger: 'item', formatter: `{b}：{c}${unit}（{d}%）` }, legend: { bottom: 0, type: 'scroll' },
      series: series.map((s) => ({ type: 'pie', name: s.name, radius: ['35%', '65%'], center: ['50%', '45%'], avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}' },
        data: s.data.map((d) => ({ ...d, itemStyle: d.color ? { color: d.color } : undefined })) })) };
  }
  const cat = { type: 'category', data: categories, axisLabel: { hideOverlap: true } };
  const val = { type: 'value', minInterval: 1, name: unit, nameTextStyle: { align: horizontal ? 'left' : 'right' } };
  return { ...base, tooltip: { trigger: 'axis' }, legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    grid: { left: 8, right: horizontal ? 40 : 16, top: series.length > 1 ? 36 : 24, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
    series: series.map((s) => ({ type: kind, name: s.name, data: s.data, barMaxWidth: 22,
      label: horizontal ? { show: true, position: 'right' } : undefined })) };
}

export async function drawChart(box, kind, data) {
  const echarts = await loadECharts();
  if (!box.isConnected) return null; // the page was left while loading
  const chart = echarts.init(box, null, { renderer: 'canvas' });
  chart.setOption(option(kind, data));
  let pending = 0;
  const resize = () => { clearTimeout(pending); pending = setTimeout(() => box.isConnected && chart.resize(), 120); };
  window.addEventListener('resize', resize);
  window.addEventListener('hashchange', () => {
    clearTimeout(pending);
    window.removeEventListener('resize', resize);
    if (!chart.isDisposed()) chart.dispose();
  }, { once: true });
  return chart;
}

// The same chart drawn from new data (another figure chosen).
export function redrawChart(chart, kind, data) {
  chart.setOption(option(kind, data), true);
  chart.resize();
}

// The risk grades A-D as a pie's data, each grade its usual colour.
export function gradeSlices(totals) {
  return ['A', 'B', 'C', 'D'].map((g) => ({ name: `${g}级`, value: totals[g] || 0, color: GRADE_COLOURS[g] }));
}
