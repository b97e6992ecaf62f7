// 地图选点 on a business's form: the townships' boundaries (GET /boundaries, the ones the dashboard draws)
// drawn by ECharts, the business's point on them; a click writes that place's longitude and latitude into
// the form's fields, which stay there to be typed in or corrected by hand. Boundaries only, no map tiles:
// the platform has no network at run time.
import { get } from '../api.js';
import { loadECharts } from '../charts.js';
import { h } from '../dom.js';

const MAP = 'shian-townships';
const DIGITS = 6; // about 0.1 m: finer than a click can mean

const pointOf = (lng, lat) => {
  const p = [Number(lng.value), Number(lat.value)];
  return lng.value.trim() && lat.value.trim() && p.every(Number.isFinite) ? [p] : [];
};

function option(lng, lat) {
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => p.name || '' },
    // a degree of longitude is cos(latitude) of one of latitude: about 0.9 in southern China
    geo: { map: MAP, roam: true, aspectScale: 0.9, label: { show: true, fontSize: 10, color: '#44505c' },
      itemStyle: { areaColor: '#eef3fa', borderColor: '#7d95b5' }, emphasis: { itemStyle: { areaColor: '#d6e4fa' } } },
    series: [{ type: 'scatter', coordinateSystem: 'geo', symbolSize: 14, itemStyle: { color: '#c0392b' }, data: pointOf(lng, lat) }],
  };
}

async function draw(box, note, lng, lat) {
  const [echarts, shapes] = await Promise.all([loadECharts(), get('/boundaries')]);
  if (!shapes.features?.length) throw new Error('本辖区尚未导入乡镇边界');
  echarts.registerMap(MAP, shapes);
  while (!box.isConnected) await new Promise((r) => requestAnimationFrame(r)); // sized once on the page
  const chart = echarts.init(box);
  chart.setOption(option(lng, lat));
  const sizes = new ResizeObserver(() => {
    if (box.isConnected) { chart.resize(); return; }
    sizes.disconnect(); // the form is gone (saved or cancelled): so is its map
    chart.dispose();
  });
  sizes.observe(box);
  chart.getZr().on('click', (ev) => {
    const at = chart.convertFromPixel({ geoIndex: 0 }, [ev.offsetX, ev.offsetY]);
    if (!at || !at.every(Number.isFinite)) return;
    lng.value = at[0].toFixed(DIGITS);
    lat.value = at[1].toFixed(DIGITS);
    for (const f of [lng, lat]) f.dispatchEvent(new Event('input', { bubbles: true })); // clears a stale error
  });
  // clicked or typed, the point follows the fields
  for (const f of [lng, lat]) f.addEventListener('input', () => chart.setOption({ series: [{ data: pointOf(lng, lat) }] }));
  note.textContent = '点击地图上的位置即可填入经纬度，滚轮或双指可缩放；也可直接填写。';
}

export function locationPicker(lng, lat) {
  const box = h('div', { class: 'location-map', id: 'location-map' });
  const note = h('p', { class: 'muted small', id: 'location-note' }, '正在加载地图…');
  draw(box, note, lng, lat).catch((e) => { box.hidden = true; note.textContent = `地图不可用（${e.message}），请直接填写经纬度。`; });
  return h('div', { class: 'location-picker' }, h('h4', {}, '地图选点'), box, note);
}
