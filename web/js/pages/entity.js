// 主体详情: fields, change history, edit and status change for officials who may.
import { get, patch, post, put, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { renderCameraWall } from './cameras.js';
import { ACTIONS, CANTEEN_OF, EDIT_ROLES, FIELDS, KINDS, LICENCE_KINDS, RISK_FACTORS, SCALES, SPECIAL_FOODS, STATUSES, actorName, label } from '../labels.js';
import { flagsCard } from './credit_flags.js';
import { timelineCard } from './entity_timeline.js';
import { locationPicker } from './location_picker.js';
import { PAGE, pager } from './sample_common.js';

const SHOWN = ['kind', 'name', 'uscc', 'licence_kind', 'licence_no', 'licence_valid_until', 'address', 'division_code', 'grid_id',
  'lat', 'lng', 'scale', 'categories', 'canteen_of', 'special_foods', 'legal_rep', 'legal_rep_phone', 'director_name', 'director_phone', 'officer_name',
  'officer_phone', 'status', 'status_reason'];
const EDITABLE = SHOWN.filter((f) => !['status', 'status_reason', 'division_code'].includes(f));

function display(e, f) {
  const v = e[f];
  switch (f) {
    case 'kind': return label(KINDS, v);
    case 'status': return label(STATUSES, v);
    case 'licence_kind': return label(LICENCE_KINDS, v);
    case 'scale': return label(SCALES, v);
    case 'categories': return (v || []).join('、');
    case 'canteen_of': return label(CANTEEN_OF, v);
    case 'special_foods': return (v || []).map((s) => label(SPECIAL_FOODS, s)).join('、');
    case 'division_code': return `${e.township_name || ''} ${e.division_name || ''}（${v}）`;
    case 'grid_id': return e.grid_name ? `${e.grid_name}（${e.grid_code}）` : '';
    default: return v ?? '';
  }
}

function historyValue(f, v) {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (f === 'categories') { try { return JSON.parse(v).join('、'); } catch { return v; } }
  if (f === 'special_foods') { try { return JSON.parse(v).map((s) => label(SPECIAL_FOODS, s)).join('、'); } catch { return v; } }
  const maps = { kind: KINDS, status: STATUSES, licence_kind: LICENCE_KINDS, scale: SCALES, canteen_of: CANTEEN_OF };
  return maps[f] ? label(maps[f], v) : String(v);
}

function historyTable(items) {
  return h('table', { id: 'history' },
    h('thead', {}, h('tr', {}, h('th', {}, '时间'), h('th', {}, '操作人'), h('th', {}, '操作'), h('th', {}, '变更内容'))),
    h('tbody', {}, items.map((i) => {
      const keys = Object.keys(i.after || i.before || {});
      const changes = i.action === 'create' ? '建档' : keys.map((k) =>
        `${label(FIELDS, k)}：${historyValue(k, i.before?.[k])} → ${historyValue(k, i.after?.[k])}`).join('；');
      return h('tr', {}, h('td', { class: 'nowrap' }, formatTime(i.at)), h('td', {}, actorName(i.actor)),
        h('td', {}, label(ACTIONS, i.action)), h('td', {}, changes));
    })));
}

// 变更记录 a page at a time, the newest first, with the count of all entries.
async function renderHistory(box, id, offset = 0) {
  const { items, total, total_more: more } = await get(`/entities/${id}/history${query({ limit: PAGE, offset })}`);
  mount(box, h('h3', {}, '变更记录'), h('div', { class: 'table-wrap' }, historyTable(items)),
    pager(offset, items.length, total, (o) => renderHistory(box, id, o), more));
}

function select(map, value, name) {
  const s = h('select', { name }, h('option', { value: '' }, '（未填）'), Object.entries(map).map(([v, t]) => h('option', { value: v }, t)));
  s.value = value || '';
  return s;
}

async function editForm(e, onSaved) {
  const grids = (await get(`/grids${query({ township: e.township_code })}`)).items;
  const inputs = {};
  const errors = {};
  const rows = EDITABLE.map((f) => {
    let input;
    if (f === 'kind') input = select(KINDS, e.kind, f);
    else if (f === 'scale') input = select(SCALES, e.scale, f);
    else if (f === 'licence_kind') input = select(LICENCE_KINDS, e.licence_kind, f);
    else if (f === 'canteen_of') input = select(CANTEEN_OF, e.canteen_of, f);
    else if (f === 'special_foods') {
      input = h('select', { name: f, multiple: true, size: 3 }, Object.entries(SPECIAL_FOODS).map(([v, t]) => h('option', { value: v }, t)));
      for (const o of input.options) o.selected = (e.special_foods || []).includes(o.value);
    }
    else if (f === 'grid_id') {
      input = h('select', { name: f }, h('option', { value: '' }, '（未填）'), grids.map((g) => h('option', { value: g.id }, g.name)));
      input.value = e.grid_id ?? '';
    } else if (f === 'categories') input = h('input', { name: f, value: (e.categories || []).join(';'), placeholder: '多项用 ; 分隔' });
    else input = h('input', { name: f, value: e[f] ?? '', type: f === 'licence_valid_until' ? 'date' : 'text' });
    inputs[f] = input;
    errors[f] = h('span', { class: 'field-error', dataset: { field: f } });
    return h('label', {}, label(FIELDS, f), input, errors[f]);
  });
  const general = h('p', { class: 'error hidden', role: 'alert' });
  const value = (f) => {
    if (f === 'special_foods') {
      const picked = Array.from(inputs[f].selectedOptions, (o) => o.value);
      return picked.length ? picked : [];
    }
    const raw = inputs[f].value.trim();
    if (raw === '') return null;
    if (f === 'lat' || f === 'lng') return Number(raw);
    if (f === 'grid_id') return Number(raw);
    if (f === 'categories') return raw.split(/[;；、,，]/).map((s) => s.trim()).filter(Boolean);
    return raw;
  };
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return h('form', {
    class: 'edit-form card', id: 'edit-form',
    onsubmit: async (ev) => {
      ev.preventDefault();
      for (const el of Object.values(errors)) el.textContent = '';
      general.classList.add('hidden');
      const body = { version: e.version };
      for (const f of EDITABLE) if (!same(value(f), e[f])) body[f] = value(f);
      try {
        const r = await patch(`/entities/${e.id}`, body);
        onSaved(r.entity);
      } catch (err) {
        if (err.field && errors[err.field]) errors[err.field].textContent = err.message;
        else { general.textContent = err.message; general.classList.remove('hidden'); }
      }
    },
  }, h('h3', {}, '编辑档案'), h('div', { class: 'form-grid' }, rows), locationPicker(inputs.lng, inputs.lat), general,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save' }, '保存'),
    h('button', { type: 'button', onclick: () => onSaved(null) }, '取消')));
}

function statusForm(e, onSaved) {
  const next = { active: ['suspended', 'revoked', 'closed'], suspended: ['active', 'revoked', 'closed'] }[e.status] || [];
  if (!next.length) return null;
  const status = h('select', { name: 'status' }, next.map((s) => h('option', { value: s }, label(STATUSES, s))));
  const reason = h('input', { name: 'reason', placeholder: '变更原因（必填）' });
  const msg = h('span', { class: 'field-error' });
  return h('form', {
    class: 'status-form', id: 'status-form',
    onsubmit: async (ev) => {
      ev.preventDefault();
      msg.textContent = '';
      if (status.value === 'closed' && !confirm('注销后档案不能再修改，确定注销？')) return;
      try {
        const r = await post(`/entities/${e.id}/status`, { status: status.value, reason: reason.value.trim() });
        onSaved(r.entity);
      } catch (err) { msg.textContent = err.message; }
    },
  }, '变更状态：', status, reason, h('button', { type: 'submit' }, '提交'), msg);
}

function riskCard(r) {
  if (!r) return h('div', { class: 'card' }, h('h3', {}, '风险等级'), h('p', { class: 'muted' }, '尚未评定'));
  return h('div', { class: 'card', id: 'risk' },
    h('h3', {}, '风险等级 ', h('span', { class: `grade grade-${r.grade}`, id: 'risk-grade' }, r.grade),
      h('small', { class: 'muted' }, ` 得分 ${r.score}（静态 ${r.static_score} + 动态 ${r.dynamic_score}）· 每年至少检查 ${r.visits_per_year} 次`)),
    h('ul', { class: 'reasons' }, r.reasons.map((x) => {
      const name = label(RISK_FACTORS, x.factor); // a detail may already start with it (主体类型：餐饮服务)
      return h('li', {}, `${x.detail.startsWith(name) ? x.detail : `${name}：${x.detail}`}，${x.points} 分`);
    })));
}

// Doubts the server has about a saved business's codes (e.g. the organisation code's check digit in the
// credit code): shown, not refused. Messages are Chinese then English in brackets: show the Chinese.
function warningsBox(warnings) {
  if (!warnings?.length) return null;
  const zh = (m) => m.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '');
  return h('div', { class: 'warn', id: 'code-warnings', role: 'status' },
    h('strong', {}, '请核对：'),
    h('ul', {}, warnings.map((w) => h('li', { dataset: { field: w.field } }, `${label(FIELDS, w.field)}：${zh(w.message)}`))));
}

// The shop's public page: the printable card with its door code, and (for the business itself and
// officials who may decide) whether the page shows the latest kitchen picture.
function publicCard(e, user) {
  const decides = ['admin', 'county', 'township', 'business'].includes(user.role) && e.status !== 'closed';
  const msg = h('span', { class: 'field-error' });
  const box = h('input', { type: 'checkbox', id: 'public-camera', disabled: true, onchange: async () => {
    msg.textContent = '';
    try { box.checked = (await put(`/entities/${e.id}/public-camera`, { allow: box.checked })).allow; }
    catch (err) { box.checked = !box.checked; msg.textContent = err.message; }
  } });
  if (decides) get(`/public/shops/${e.id}`).then((s) => { box.checked = s.camera_allowed; box.disabled = false; }).catch(() => {});
  return h('div', { class: 'card', id: 'public-shop' }, h('h3', {}, '公众门户'),
    h('p', {}, h('a', { href: `#/shop-card/${e.id}`, id: 'shop-card-link' }, '门口二维码'), ' · ',
      h('a', { href: `#/shop/${e.id}` }, '公开档案')),
    decides ? h('label', { class: 'inline' }, box, '公开后厨画面（在公开档案中展示后厨摄像头的最新画面）', msg) : null);
}

export async function renderEntity(container, id, user) {
  const [{ entity: e, warnings }, risk, credit] = await Promise.all([get(`/entities/${id}`),
    get(`/entities/${id}/risk`).catch(() => null), get(`/entities/${id}/credit`).catch(() => null)]);
  const canEdit = EDIT_ROLES.includes(user.role) && !['closed', 'revoked'].includes(e.status);
  const editBox = h('div');
  const reload = () => renderEntity(container, id, user);
  const missing = e.missing?.length
    ? h('p', { class: 'warn', id: 'missing-fields' }, `档案缺项：${e.missing.map((f) => label(FIELDS, f)).join('、')}`) : null;
  const cameraBox = h('div', { class: 'card', id: 'cameras' });
  const historyBox = h('div', { class: 'card', id: 'history-card' });
  renderHistory(historyBox, e.id).catch((err) => mount(historyBox, h('p', { class: 'error' }, err.message)));
  renderCameraWall(cameraBox, e.id, canEdit || user.role === 'business', user).catch((err) => mount(cameraBox, h('p', { class: 'error' }, err.message)));
  mount(container,
    h('p', {}, h('a', { href: '#/entities' }, '← 返回主体档案')),
    h('div', { class: 'title-row' },
      h('h2', { id: 'entity-name' }, e.name),
      h('span', { class: `badge ${e.status}` }, label(STATUSES, e.status)),
      canEdit ? h('button', { class: 'primary', id: 'edit', onclick: async () => mount(editBox, await editForm(e, reload)) }, '编辑') : null),
    flagsCard(credit),
    missing,
    warningsBox(warnings),
    h('div', { class: 'card' }, h('dl', { class: 'fields', id: 'entity-fields' },
      SHOWN.map((f) => [h('dt', {}, label(FIELDS, f)), h('dd', { dataset: { field: f } }, String(display(e, f)))]))),
    riskCard(risk),
    timelineCard(e.id, user),
    publicCard(e, user),
    cameraBox,
    editBox,
    canEdit ? statusForm(e, reload) : null,
    historyBox);
}
