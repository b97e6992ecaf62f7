// 追溯查询 (#/tracing?epc=…&direction=forward|backward, officials): from a lot, an ear tag, a certificate or
// a seal, everyone downstream (the recall list, by tier, with whom to call in the jurisdiction) or
// upstream; the events in time order; a sortable workbook; a recall started from here.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { field, formError, submitter } from './sample_common.js';
import { biz_step } from './trace_labels.js';

const params = (hash) => new URLSearchParams(hash.split('?')[1] || '');

function recallForm(epc, holder) {
  const level = h('select', { name: 'level', id: 'recall-level' }, h('option', { value: 1 }, '一级（已经或可能导致严重健康损害甚至死亡）'),
    h('option', { value: 2 }, '二级（已经或可能导致一般健康损害）'), h('option', { value: 3 }, '三级（标签、标识虚假标注）'));
  const reason = h('textarea', { name: 'reason', rows: 2, id: 'recall-reason', placeholder: '如：监督抽检黄曲霉毒素B1不合格' });
  const form = h('form', { class: 'card sample-form', id: 'recall-form' }, h('h3', {}, '责令召回'),
    h('div', { class: 'form-grid' }, field('召回级别', level, { required: true }), field('召回原因', reason, { required: true, wide: true })),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '启动召回')));
  form.addEventListener('submit', submitter(form, async () => {
    const r = await post('/recalls', { epc, entity_id: holder || undefined, level: Number(level.value), reason: reason.value.trim() });
    location.hash = `#/recall/${r.recall.id}`;
  }));
  return form;
}

export async function renderTracing(container, user, hash) {
  const p = params(hash);
  const epcValue = p.get('epc') || '';
  const direction = p.get('direction') || 'forward';
  const epc = h('input', { type: 'search', id: 'trace-epc', value: epcValue, placeholder: '批次、耳标、合格证或封签的标识，如 urn:shian:eartag:…' });
  const dir = h('select', { id: 'trace-direction' }, h('option', { value: 'forward' }, '正向（流向下游）'), h('option', { value: 'backward' }, '反向（来源上游）'));
  dir.value = direction;
  const box = h('div');
  mount(container, h('h2', {}, '追溯查询'),
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); location.hash = `#/tracing${query({ epc: epc.value.trim(), direction: dir.value })}`; } },
      epc, dir, h('button', { type: 'submit', class: 'primary' }, '查询')), box);
  if (!epcValue) return;
  let t;
  const started = performance.now();
  try {
    t = await get(`/trace${query({ epc: epcValue, direction })}`);
  } catch (e) {
    mount(box, h('p', { class: 'error', id: 'trace-error' }, e.message));
    return;
  }
  const took = Math.round(performance.now() - started);
  const formBox = h('div');
  mount(box,
    h('p', { class: 'muted', id: 'trace-summary' }, `${direction === 'forward' ? '下游' : '上游'}共 ${t.parties.length} 家，经 ${t.events.length} 条记录`,
      t.holder?.name ? `，起点：${t.holder.name}` : '', t.truncated ? '（记录过多，已截断）' : '', ` · 用时 ${took} 毫秒`),
    h('div', { class: 'toolbar' }, h('a', { class: 'button', id: 'trace-export', href: `/api/v1/trace/export${query({ epc: epcValue, direction })}` }, '导出Excel'),
      direction === 'forward' && ['county', 'admin', 'township'].includes(user.role)
        ? h('button', { type: 'button', id: 'trace-recall', onclick: () => mount(formBox, recallForm(epcValue, t.holder_id)) }, '责令召回') : null),
    formBox,
    h('div', { class: 'table-wrap' }, h('table', { id: 'trace-parties' },
      h('thead', {}, h('tr', {}, ['层级', '单位', '乡镇', '联系人', '数量', '时间'].map((x) => h('th', {}, x)))),
      h('tbody', {}, t.parties.length ? t.parties.map((x) => h('tr', { dataset: { entity: x.entity_id || '' } },
        h('td', {}, String(x.tier)), h('td', {}, x.entity_id ? h('a', { href: `#/entities/${x.entity_id}` }, x.name) : x.name),
        h('td', {}, x.township || ''), h('td', {}, x.contact ? `${x.contact.name} ${x.contact.phone}` : ''),
        h('td', {}, x.quantity != null ? `${x.quantity} ${x.uom || ''}` : ''), h('td', { class: 'nowrap' }, (x.at || '').replace('T', ' ').slice(0, 16))))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '没有找到相关单位'))))),
    h('h3', {}, '记录'),
    h('ol', { class: 'trace-route', id: 'trace-events' }, t.events.map((e) => h('li', {},
      h('strong', {}, biz_step(e.biz_step)), ` ${e.event_type} `, h('span', { class: 'muted small' }, e.event_time.replace('T', ' ').slice(0, 16))))));
}
