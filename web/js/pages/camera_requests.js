// 摄像头变更审批: a business's changes to its own cameras (registering one, renaming, a new stream,
// zones, hours) are requests; the township or county official approves them (the change is then
// made) or rejects them with a reason. The business sees its own requests and how they were decided.
import { get, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { CAMERA_AREAS, label } from '../labels.js';

const PAGE = 20;
const STATUS = { pending: '待审批', approved: '已批准', rejected: '已驳回' };
const KIND = { create: '新增摄像头', update: '修改摄像头' };
const DECIDERS = ['admin', 'county', 'township'];

// What the camera would be, in a few lines a reviewer can check against the site.
function cameraSummary(c) {
  if (!c) return null;
  const zones = c.zones || [];
  return h('ul', { class: 'muted small request-camera' },
    h('li', {}, `名称：${c.name}（${c.area_label || label(CAMERA_AREAS, c.area)}）`),
    h('li', {}, `视频流：${c.stream_url}${c.has_credentials ? '（含账号密码，已加密保存）' : ''}`),
    c.device_id ? h('li', {}, `设备编号：${c.device_id}`) : null,
    h('li', {}, zones.length ? `区域：${zones.map((z) => `${z.type === 'mask' ? '屏蔽' : '检测'}·${z.name}`).join('、')}` : '区域：全画面'),
    h('li', {}, (c.schedule || []).length ? `营业时段：${c.schedule.map((s) => `${s.from}–${s.to}`).join('、')}` : '营业时段：未设置'));
}

function requestCard(r, canDecide, reload) {
  const msg = h('span', { class: 'field-error' });
  const note = h('input', { class: 'decision-note', maxlength: 500, placeholder: '审批意见（驳回时必填）' });
  const decide = async (approve) => {
    msg.textContent = '';
    try {
      await post(`/camera-requests/${r.id}/decide`, { approve, note: note.value.trim() || undefined });
      reload();
    } catch (e) { msg.textContent = e.field === 'note' ? `审批意见：${e.message}` : e.message; }
  };
  return h('div', { class: 'card camera-request', dataset: { id: r.id, status: r.status } },
    h('div', { class: 'title-row' },
      h('strong', {}, `${KIND[r.kind] || r.kind} · ${r.entity_name}`),
      h('span', { class: `badge ${r.status === 'approved' ? 'active' : r.status === 'rejected' ? 'revoked' : ''}` }, STATUS[r.status] || r.status)),
    h('p', { class: 'muted small' }, `${r.requested_by_name || ''} 于 ${formatTime(r.requested_at)} 提交`),
    cameraSummary(r.camera),
    r.status !== 'pending' ? h('p', { class: 'muted small decision' },
      `${r.decided_by_name || ''} 于 ${formatTime(r.decided_at)} ${STATUS[r.status]}${r.decision_note ? `：${r.decision_note}` : ''}`) : null,
    canDecide && r.status === 'pending' ? h('div', { class: 'order-actions' }, note,
      h('button', { type: 'button', class: 'primary approve', onclick: () => decide(true) }, '批准'),
      h('button', { type: 'button', class: 'reject', onclick: () => decide(false) }, '驳回'), msg) : null);
}

// The requests of one business (its page, or the business's own), newest first, paged.
export async function renderRequestList(container, user, { entityId, status, offset = 0, title = '变更申请', empty = null } = {}) {
  const data = await get(`/camera-requests${query({ entity_id: entityId, status, limit: PAGE, offset })}`);
  const reload = (at = offset) => renderRequestList(container, user, { entityId, status, offset: at, title, empty });
  if (!data.total) { mount(container, empty ? h('p', { class: 'muted', id: 'no-requests' }, empty) : null); return; }
  const last = Math.min(offset + data.items.length, data.total);
  mount(container,
    h('h3', {}, title),
    h('div', { class: 'toolbar pager' },
      h('span', { class: 'muted request-total' }, `共 ${data.total} 条，第 ${offset + 1}–${last} 条`),
      h('span', {},
        h('button', { type: 'button', class: 'prev', disabled: offset === 0, onclick: () => reload(Math.max(0, offset - PAGE)) }, '上一页'), ' ',
        h('button', { type: 'button', class: 'next', disabled: offset + PAGE >= data.total, onclick: () => reload(offset + PAGE) }, '下一页'))),
    h('div', { class: 'request-list' }, data.items.map((r) => requestCard(r, DECIDERS.includes(user.role), () => reload()))));
}

// The official's page: pending requests of the jurisdiction first; decided ones by filter.
export async function renderCameraRequests(container, user, status = 'pending') {
  const list = h('div', { id: 'camera-requests' });
  const filter = h('select', { id: 'request-status', onchange: () => renderCameraRequests(container, user, filter.value) },
    Object.entries(STATUS).map(([v, t]) => h('option', { value: v, selected: v === status }, t)));
  mount(container,
    h('h2', {}, '摄像头变更审批'),
    h('p', { class: 'muted' }, '经营者新增或修改摄像头（名称、视频流、区域、营业时段）须经乡镇所或县局审批后生效；经营者不能自行停用摄像头。'),
    h('div', { class: 'filters' }, h('label', { class: 'inline' }, '状态', filter)),
    list);
  await renderRequestList(list, user, { status, title: STATUS[status], empty: `暂无${STATUS[status]}的申请` });
}
