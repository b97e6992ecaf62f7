// 视频监控: the camera wall of a business (latest picture, on line or not, health), and registering a
// camera. Used on the business page and as the business's own page. A business's registration or
// change is a request an official approves (camera_requests.js); its requests are listed under the wall.
import { get, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { CAMERA_AREAS, label } from '../labels.js';
import { zoneEditor } from './zones.js';
import { renderRequestList } from './camera_requests.js';

// A picture with the detection box drawn over it; box = [x, y, w, h] in 0..1 of the picture.
export function snapshot(id, box, alt = '抓拍图片') {
  if (!id) return h('div', { class: 'snapshot empty' }, '暂无画面');
  const [x, y, w, hh] = box || [];
  return h('a', { class: 'snapshot', href: `/api/v1/attachments/${id}`, target: '_blank' },
    h('img', { src: `/api/v1/attachments/${id}`, alt }),
    box ? h('span', { class: 'box', style: `left:${x * 100}%;top:${y * 100}%;width:${w * 100}%;height:${hh * 100}%` }) : null);
}

export function onlineBadge(c) {
  if (!c.enabled) return h('span', { class: 'badge closed' }, '已停用');
  return c.online ? h('span', { class: 'badge active online' }, '在线')
    : h('span', { class: 'badge revoked offline' }, c.offline_since ? `离线（自 ${formatTime(c.offline_since)}）` : '离线');
}

// What the analyser's health says is wrong with the stream, in words (shian-vision, issue 19).
function healthNotes(health) {
  const notes = [];
  if (health.small_frames > 0) {
    notes.push(`画面尺寸 ${health.small_width}×${health.small_height} 过小（至少 16×16），${health.frames > 0 ? '部分画面' : '画面'}未能分析`);
  }
  if (health.timestamp_jumps > 0) notes.push(`视频时间戳跳变 ${health.timestamp_jumps} 次（摄像头重启推流或录像拼接），已自动校正`);
  if (health.grey_frames > 0) notes.push(`夜间红外（黑白）画面 ${health.grey_frames} 帧，按各规则的夜间最低置信度判定`);
  return notes;
}

function cameraCard(c, onZones) {
  const health = c.health || {};
  const zones = c.zones || [];
  return h('div', { class: 'camera card', dataset: { id: c.id } },
    snapshot(c.last_snapshot_id, null, c.name),
    h('div', { class: 'title-row' }, h('strong', {}, c.name), onlineBadge(c)),
    h('p', { class: 'muted' }, `${c.area_label || label(CAMERA_AREAS, c.area)}${c.device_id ? ` · ${c.device_id}` : ''}`),
    h('p', { class: 'muted small' }, c.last_heartbeat_at ? `最近心跳 ${formatTime(c.last_heartbeat_at)}` : '从未上线',
      health.detect_fps !== undefined ? ` · 检测 ${health.detect_fps} 帧/秒` : ''),
    healthNotes(health).map((n) => h('p', { class: 'small health-note' }, n)),
    h('p', { class: 'muted small zones-summary' }, zones.length
      ? `区域：${zones.map((z) => `${z.type === 'mask' ? '屏蔽' : '检测'}·${z.name}`).join('、')}` : '区域：全画面',
      onZones ? h('button', { type: 'button', class: 'link edit-zones', onclick: () => onZones(c) }, '区域设置') : null));
}

function addForm(entityId, reload, requested, asking) {
  const name = h('input', { name: 'name', placeholder: '名称，如：后厨1号', maxlength: 60 });
  const area = h('select', { name: 'area' }, Object.entries(CAMERA_AREAS).map(([v, t]) => h('option', { value: v }, t)));
  const url = h('input', { name: 'stream_url', placeholder: 'rtsp://192.168.1.64:554/Streaming/Channels/101', class: 'wide' });
  const user = h('input', { name: 'username', placeholder: '取流账号（可选）', autocomplete: 'off' });
  const pass = h('input', { name: 'password', type: 'password', placeholder: '取流密码（可选）', autocomplete: 'new-password' });
  const device = h('input', { name: 'device_id', placeholder: '设备编号（AI盒子/NVR上报用，可选）' });
  const msg = h('span', { class: 'field-error', id: 'camera-error' });
  return h('form', { class: 'filters', id: 'camera-form', onsubmit: async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      const r = await post('/cameras', { entity_id: entityId, name: name.value.trim(), area: area.value, stream_url: url.value.trim(),
        username: user.value.trim() || undefined, password: pass.value || undefined, device_id: device.value.trim() || undefined });
      await reload();
      if (r.request) requested();
    } catch (e) { msg.textContent = e.field ? `${e.message}` : e.message; }
  } }, name, area, url, user, pass, device, h('button', { class: 'primary', type: 'submit' }, asking ? '提交添加申请' : '添加摄像头'), msg);
}

// The camera wall of one business, into container; canAdd shows the registration form; its change
// requests below (pending ones with 批准/驳回 for an official who decides them).
export async function renderCameraWall(container, entityId, canAdd, user) {
  const r = await get(`/cameras${query({ entity_id: entityId, limit: 100 })}`);
  const reload = () => renderCameraWall(container, entityId, canAdd, user);
  const notice = h('p', { class: 'notice', id: 'camera-requested' });
  const requests = h('div', { id: 'camera-request-list' });
  const requested = () => {
    const n = container.querySelector('#camera-requested');
    if (n) n.textContent = '已提交申请，待乡镇所或县局审批后生效';
  };
  const editorBox = h('div', { class: 'card zone-editor hidden', id: 'zone-editor' });
  const openZones = (c) => {
    editorBox.classList.remove('hidden');
    zoneEditor(editorBox, c, async (saved) => { await reload(); if (!saved) requested(); });
    editorBox.prepend(h('h3', {}, `区域设置：${c.name}`));
    editorBox.scrollIntoView({ block: 'nearest' });
  };
  mount(container,
    h('h3', {}, `视频监控（${r.items.length}路，在线${r.items.filter((c) => c.online).length}路）`),
    r.items.length ? h('div', { class: 'camera-wall', id: 'camera-wall' }, r.items.map((c) => cameraCard(c, canAdd ? openZones : null)))
      : h('p', { class: 'muted', id: 'no-cameras' }, '尚未接入摄像头'),
    editorBox,
    notice,
    canAdd ? addForm(entityId, reload, requested, user?.role === 'business') : null,
    requests);
  if (user) await renderRequestList(requests, user, { entityId, title: '摄像头变更申请' });
}

// The business's own page: its cameras.
export async function renderMyCameras(container, user) {
  const box = h('div', { class: 'card' });
  mount(container, h('h2', {}, '视频监控'), box);
  await renderCameraWall(box, user.entity_id, true, user);
}
