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
