// 设备令牌: the device (API) tokens the official manages (own; the county also its jurisdiction's).
// A secret is shown once, right after it is made (create or rotate), with a copy button; the list
// never carries it. Rotation keeps the old secret working until a grace end, revocation stops it at once.
import { get, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';

const PAGE = 20;
const STATUS = { active: '有效', expired: '已过期', revoked: '已吊销' };
const EXPIRY = [[30, '30天'], [90, '90天'], [180, '180天'], [365, '1年'], [730, '2年'], [1095, '3年'], [3650, '10年']];
const GRACE = [[0, '立即停用旧令牌'], [1, '旧令牌再用1小时'], [24, '旧令牌再用24小时'], [72, '旧令牌再用3天'], [168, '旧令牌再用7天']];

// The secret, once: a warning, the text selectable, a copy button; "我已保存" hides it for good.
function secretBox(box, title, secret) {
  const state = h('span', { class: 'muted', id: 'token-copied' });
  const code = h('code', { class: 'mono', id: 'token-secret-value', style: 'word-break: break-all; user-select: all; display: block; padding: 8px; background: #f7f9fc; border: 1px solid #dde2ea; border-radius: 4px' }, secret);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      state.textContent = '已复制到剪贴板';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      state.textContent = '无法自动复制，已选中令牌，请手动复制';
    }
  };
  mount(box, h('div', { class: 'card', id: 'token-secret' },
    h('h3', {}, title),
    h('p', { class: 'warn', id: 'token-warning' }, '请立即复制并妥善保存此令牌：它只显示这一次，关闭或离开本页后无法再次查看。丢失后只能轮换或新建。'),
    code,
    h('div', { class: 'actions' },
      h('button', { class: 'primary', id: 'token-copy', type: 'button', onclick: copy }, '复制令牌'),
      h('button', { id: 'token-done', type: 'button', onclick: () => mount(box) }, '我已保存'),
      state)));
  box.scrollIntoView?.({ block: 'nearest' });
}

function statusText(t) {
  if (t.status === 'active' && t.grace_until) return `有效（旧令牌宽限至 ${formatTime(t.grace_until)}）`;
  return STATUS[t.status] || t.status;
}

export async function renderTokens(container, user, offset = 0) {
  const data = await get(`/tokens${query({ limit: PAGE, offset })}`);
  const reload = (at = offset) => renderTokens(container, user, at);
  const secret = h('div', { id: 'token-secret-box' });

  const name = h('input', { id: 'token-name', name: 'name', maxlength: 60, placeholder: '如：东门农贸市场AI盒子' });
  const days = h('select', { id: 'token-days', name: 'expires_in_days' },
    EXPIRY.map(([d, text]) => h('option', { value: d, selected: d === 365 }, text)));
  const msg = h('span', { class: 'field-error', id: 'token-error' });
  const create = h('form', { class: 'order-actions', id: 'token-form', onsubmit: async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      const r = await post('/tokens', { name: name.value.trim(), expires_in_days: Number(days.value) });
      await reload(0);
      secretBox(container.querySelector('#token-secret-box'), `新令牌「${r.api_token?.name || name.value}」`, r.token);
    } catch (e) {
      msg.textContent = e.field === 'name' ? `设备名称：${e.message}` : e.field === 'expires_in_days' ? `有效期：${e.message}` : e.message;
    }
  } },
  h('label', { class: 'inline' }, '设备名称', name),
  h('label', { class: 'inline' }, '有效期', days),
  h('button', { type: 'submit', class: 'primary', id: 'token-create' }, '新建令牌'), msg);

  const row = (t) => {
    const tools = h('td', { class: 'token-tools' });
    const err = h('span', { class: 'field-error' });
    const showTools = () => {
      if (t.status !== 'active') { mount(tools); return; }
      mount(tools,
        h('button', { class: 'link rotate', type: 'button', onclick: () => {
          const grace = h('select', { class: 'grace' }, GRACE.map(([g, text]) => h('option', { value: g, selected: g === 24 }, text)));
          mount(tools, grace,
            h('button', { class: 'link confirm-rotate', type: 'button', onclick: async () => {
              try {
                const r = await post(`/tokens/${t.id}/rotate`, { grace_hours: Number(grace.value) });
                await reload();
                secretBox(container.querySelector('#token-secret-box'), `令牌「${t.name}」的新密钥`, r.token);
              } catch (e) { err.textContent = e.message; }
            } }, '确认轮换'),
            h('button', { class: 'link', type: 'button', onclick: showTools }, '取消'), err);
        } }, '轮换'),
        h('button', { class: 'link revoke', type: 'button', onclick: () => {
          mount(tools, h('span', { class: 'error' }, '吊销后使用该令牌的设备将立即无法上报，确认吊销？'),
            h('button', { class: 'link confirm-revoke', type: 'button', onclick: async () => {
              try { await post(`/tokens/${t.id}/revoke`, {}); await reload(); } catch (e) { err.textContent = e.message; }
            } }, '确认吊销'),
            h('button', { class: 'link', type: 'button', onclick: showTools }, '取消'), err);
        } }, '吊销'), err);
    };
    showTools();
    return h('tr', { dataset: { id: t.id } },
      h('td', {}, t.name),
      h('td', {}, t.user_id === user.id ? '本人' : `${t.user_display_name}（${t.username}）`),
      h('td', { class: 'nowrap' }, formatTime(t.created_at)),
      h('td', { class: 'nowrap' }, t.expires_at ? formatTime(t.expires_at) : '长期'),
      h('td', { class: 'nowrap' }, t.last_used_at ? formatTime(t.last_used_at) : '从未使用'),
      h('td', { class: 'status' }, h('span', { class: `badge ${t.status}` }, statusText(t))),
      tools);
  };

  const last = Math.min(offset + data.items.length, data.total);
  mount(container,
    h('h2', {}, '设备令牌'),
    h('p', { class: 'muted' }, 'AI盒子、摄像头网关和 shian-vision 以设备令牌代表您上报视频识别结果。令牌只在新建或轮换时显示一次，平台只保存其摘要。'),
    h('div', { class: 'card' }, h('h3', {}, '新建令牌'), create),
    secret,
    h('div', { class: 'toolbar' },
      h('span', { id: 'token-total' }, data.total ? `共 ${data.total} 个令牌，第 ${offset + 1}–${last} 个` : '暂无设备令牌'),
      h('span', {},
        h('button', { id: 'token-prev', type: 'button', disabled: offset === 0, onclick: () => reload(Math.max(0, offset - PAGE)) }, '上一页'),
        ' ',
        h('button', { id: 'token-next', type: 'button', disabled: offset + PAGE >= data.total, onclick: () => reload(offset + PAGE) }, '下一页'))),
    h('div', { class: 'table-wrap' }, h('table', { id: 'token-table' },
      h('thead', {}, h('tr', {}, ['设备名称', '所属账号', '创建时间', '到期时间', '最后使用', '状态', '操作'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.map(row)))));
}
