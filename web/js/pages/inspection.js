// 现场检查: record every checklist item (pass / fail / not applicable), then complete. Phone-sized.
import { get, post, upload } from '../api.js';
import { h, mount } from '../dom.js';
import { INSPECTION_KINDS, INSPECTION_RESULTS, INSPECTION_STATUSES, label } from '../labels.js';
import { entityFlags } from './credit_flags.js';

const OUTCOMES = [['pass', '符合'], ['fail', '不符合'], ['na', '不适用']];

function thumbs(photos) {
  return photos.map((p) => h('a', { href: `/api/v1/attachments/${p.id}`, target: '_blank' },
    h('img', { class: 'thumb', src: `/api/v1/attachments/${p.id}`, alt: '现场照片' })));
}

function photoInput(inspectionId, itemId, box, onError) {
  return h('label', { class: 'photo-button small' }, '拍照/上传',
    h('input', { type: 'file', accept: 'image/jpeg,image/png', capture: 'environment', class: 'photo-input', onchange: async (ev) => {
      const file = ev.target.files[0];
      if (!file) return;
      try {
        const r = await upload(`/inspections/${inspectionId}/photos?item_id=${itemId}`, file);
        box.append(...thumbs([r.attachment]));
      } catch (e) { onError(e); }
      ev.target.value = '';
    } }));
}

function itemRow(item, editable, inspectionId, photos, onError) {
  const name = `item-${item.id}`;
  const note = h('input', { class: 'note', placeholder: '问题描述（不符合时必填）', value: item.note || '', disabled: !editable });
  const corrected = h('input', { type: 'checkbox', checked: item.corrected_on_site, disabled: !editable });
  const radios = OUTCOMES.map(([v, t]) => h('label', { class: `outcome ${v}` },
    h('input', { type: 'radio', name, value: v, checked: item.outcome === v, disabled: !editable }), t));
  const box = h('span', { class: 'thumbs' }, thumbs(photos.filter((p) => p.item_id === item.id)));
  const row = h('div', { class: `check-item ${item.key ? 'key' : ''}`, dataset: { item: item.id } },
    h('div', { class: 'check-content' }, item.key ? h('span', { class: 'badge key' }, '重点') : null, ` ${item.seq}. ${item.content}`),
    item.basis ? h('div', { class: 'muted small' }, `依据：${item.basis}`) : null,
    h('div', { class: 'outcomes' }, radios), note,
    h('div', { class: 'item-tools' }, h('label', { class: 'inline small' }, corrected, '现场已整改'),
      editable ? photoInput(inspectionId, item.id, box, onError) : null, box));
  row.value = () => {
    const chosen = row.querySelector(`input[name="${name}"]:checked`);
    return chosen ? { item_id: item.id, outcome: chosen.value, note: note.value.trim() || undefined, corrected_on_site: corrected.checked } : null;
  };
  return row;
}

export async function renderInspection(container, id, user) {
  const { inspection: i } = await get(`/inspections/${id}`);
  const editable = i.status === 'assigned' && i.inspectors.some((p) => p.id === user.id);
  const msg = h('p', { class: 'error hidden', role: 'alert', id: 'inspection-error' });
  const showError = (e) => { msg.textContent = e.message; msg.classList.remove('hidden'); };
  const rows = i.items.map((it) => itemRow(it, editable, i.id, i.photos || [], showError));
  const summary = h('textarea', { id: 'summary', rows: 2, placeholder: '检查情况小结' });
  const receiver = h('input', { id: 'received-by', maxlength: 40, placeholder: '现场签收人（企业负责人姓名）' });
  const dimensions = [];
  for (const [k, row] of rows.entries()) {
    const dim = i.items[k].dimension;
    if (!dimensions.length || dimensions[dimensions.length - 1].name !== dim) dimensions.push({ name: dim, rows: [] });
    dimensions[dimensions.length - 1].rows.push(row);
  }
  const save = async () => {
    const items = rows.map((r) => r.value()).filter(Boolean);
    if (!items.length) return true;
    try {
      await post(`/inspections/${id}/items`, { items });
      return true;
    } catch (e) {
      msg.textContent = e.message;
      msg.classList.remove('hidden');
      return false;
    }
  };
  const done = h('p', { class: 'ok hidden', id: 'saved' }, '已保存');
  mount(container,
    h('p', {}, h('a', { href: '#/inspections' }, '← 返回检查任务')),
    h('h2', { id: 'inspection-title' }, i.entity_name),
    entityFlags(i.entity_id),
    h('p', { class: 'muted' }, `${label(INSPECTION_KINDS, i.kind)} · ${i.checklist_name}（第${i.checklist_version}版）· 检查人员：${i.inspectors.map((p) => p.name).join('、')} · 期限 ${i.due_date || ''}`,
      i.due_provisional ? h('span', { class: 'badge provisional', id: 'due-provisional', title: `${i.due_provisional_year}年国务院放假通知尚未导入，期限按法定节日暂算` }, '暂定') : null),
    h('p', {}, '状态：', h('strong', { id: 'inspection-status' }, label(INSPECTION_STATUSES, i.status)),
      i.result ? [' · 结果：', h('span', { class: `badge result-${i.result}`, id: 'inspection-result' }, label(INSPECTION_RESULTS, i.result))] : null,
      ' · ', h('a', { href: `#/inspection-print/${i.id}`, id: 'print-record' }, '打印检查记录')),
    dimensions.map((d) => h('fieldset', { class: 'dimension' }, h('legend', {}, d.name), d.rows)),
    handover(i, user, container),
    editable ? h('div', { class: 'card handover-fields' }, summary, receiver) : null,
    editable ? h('div', { class: 'card sticky-actions' }, msg, done,
      h('div', { class: 'actions' },
        h('button', { id: 'save-items', onclick: async () => { msg.classList.add('hidden'); if (await save()) done.classList.remove('hidden'); } }, '保存'),
        h('button', { class: 'primary', id: 'complete', onclick: async () => {
          msg.classList.add('hidden');
          if (!(await save())) return;
          try {
            await post(`/inspections/${id}/complete`, { summary: summary.value.trim() || undefined, received_by: receiver.value.trim() });
            await renderInspection(container, id, user);
          } catch (e) { msg.textContent = e.message; msg.classList.remove('hidden'); }
        } }, '完成检查'))) : null);
}

// 结果告知: who signed for the written result on site, and the business's own acknowledgement.
function handover(i, user, container) {
  if (i.status !== 'completed') return null;
  const acked = i.acknowledged_at ? `企业已于 ${new Date(i.acknowledged_at + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ')} 签收` : '企业尚未在线签收';
  return h('p', { id: 'handover' }, `现场签收人：${i.received_by || '—'} · `, h('span', { id: 'acknowledged' }, acked),
    user.role === 'business' && !i.acknowledged_at ? h('button', { class: 'primary', id: 'acknowledge', onclick: async () => {
      await post(`/inspections/${i.id}/acknowledge`, {});
      await renderInspection(container, i.id, user);
    } }, '签收检查结果') : null);
}
