// 区域设置: the zones and masks of a camera, drawn on its latest picture. A zone is a polygon in
// fractions of the picture (0..1); AI detections count where the box's bottom centre falls inside an
// include zone (if any) and outside every mask.
import { patch } from '../api.js';
import { h, mount } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const TYPES = { include: '检测区域', mask: '屏蔽区域' };

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

const round = (v) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;

// The editor for camera c, into container; onSaved(camera) after a successful save.
export function zoneEditor(container, c, onSaved) {
  const zones = (c.zones || []).map((z) => ({ ...z, points: z.points.map((p) => [...p]) }));
  let drawing = [];
  const overlay = svg('svg', { viewBox: '0 0 1 1', preserveAspectRatio: 'none', class: 'zone-overlay' });
  const picture = c.last_snapshot_id
    ? h('img', { src: `/api/v1/attachments/${c.last_snapshot_id}`, alt: c.name })
    : h('div', { class: 'zone-blank' }, '暂无画面：按画面比例绘制');
  const canvas = h('div', { class: 'zone-canvas snapshot' }, picture);
  canvas.append(overlay);
  const name = h('input', { class: 'zone-name', placeholder: '区域名称，如：操作台', maxlength: 30 });
  const type = h('select', { class: 'zone-type' }, Object.entries(TYPES).map(([v, t]) => h('option', { value: v }, t)));
  const list = h('ul', { class: 'zone-list' });
  const msg = h('span', { class: 'field-error zone-error' });

  function draw() {
    overlay.replaceChildren();
    for (const z of zones) {
      overlay.append(svg('polygon', { points: z.points.map((p) => p.join(',')).join(' '), class: `zone ${z.type}` }));
    }
    if (drawing.length) {
      overlay.append(svg('polyline', { points: drawing.map((p) => p.join(',')).join(' '), class: 'zone drawing' }));
    }
    mount(list, zones.map((z, i) => h('li', { dataset: { index: i } }, `${TYPES[z.type]}：${z.name}（${z.points.length}点）`,
      h('button', { type: 'button', class: 'link remove-zone', onclick: () => { zones.splice(i, 1); draw(); } }, '删除'))));
  }

  canvas.addEventListener('click', (ev) => {
    const r = canvas.getBoundingClientRect();
    if (drawing.length >= 32) return;
    drawing.push([round((ev.clientX - r.left) / r.width), round((ev.clientY - r.top) / r.height)]);
    draw();
  });

  const finish = h('button', { type: 'button', class: 'finish-zone', onclick: () => {
    msg.textContent = '';
    if (drawing.length < 3) { msg.textContent = '请在画面上至少点选3个点'; return; }
    if (!name.value.trim()) { msg.textContent = '请填写区域名称'; return; }
    zones.push({ name: name.value.trim(), type: type.value, points: drawing });
    drawing = [];
    name.value = '';
    draw();
  } }, '完成此区域');
  const clear = h('button', { type: 'button', class: 'clear-zone', onclick: () => { drawing = []; draw(); } }, '重画');
  const save = h('button', { type: 'button', class: 'primary save-zones', onclick: async () => {
    msg.textContent = '';
    try {
      const r = await patch(`/cameras/${c.id}`, { zones });
      onSaved(r.camera || null); // null: a business's change, filed as a request
    } catch (e) { msg.textContent = e.message; }
  } }, '保存区域设置');

  mount(container,
    h('p', { class: 'muted' }, '在画面上依次点选多边形的顶点，填写名称和类型后点“完成此区域”；检测区域之外、屏蔽区域之内的AI识别结果不告警。'),
    canvas,
    h('div', { class: 'filters' }, name, type, finish, clear),
    list,
    h('div', { class: 'actions' }, save, msg));
  draw();
}
