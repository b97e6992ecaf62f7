// 检查记录 (#/inspection-print/{id}): the inspection as a printable A4 record — the business, the date, the
// inspectors, every item with its outcome, the problems found with their photos, and who signed: the inspectors and the
// person who signed for the result on site by hand on the paper, the business's online acknowledgement as
// recorded. The platform keeps names and times, not pictures of signatures, so the lines are left to sign.
import { get } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { INSPECTION_KINDS, INSPECTION_RESULTS, INSPECTION_STATUSES, label } from '../labels.js';

const OUTCOMES = { pass: '符合', fail: '不符合', na: '不适用' };

function facts(pairs) {
  return h('dl', { class: 'record-facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function itemsTable(items) {
  return h('table', { class: 'record-items', id: 'record-items' },
    h('thead', {}, h('tr', {}, ['序号', '检查项目', '结果', '问题描述'].map((t) => h('th', {}, t)))),
    h('tbody', {}, items.map((it, k) => {
      const head = k === 0 || items[k - 1].dimension !== it.dimension
        ? h('tr', { class: 'record-dimension' }, h('td', { colspan: 4 }, it.dimension)) : null;
      return [head, h('tr', { dataset: { item: it.id }, class: it.outcome === 'fail' ? 'record-fail' : '' },
        h('td', {}, it.seq), h('td', {}, it.key ? '【重点】' : '', it.content),
        h('td', { class: 'nowrap' }, OUTCOMES[it.outcome] || '未检查'),
        h('td', {}, it.note || '', it.corrected_on_site ? '（现场已整改）' : ''))];
    })));
}

// the problems found: each failed item, corrected on the spot or handed to the business as an order
function hazards(i) {
  const failed = i.items.filter((it) => it.outcome === 'fail');
  if (!failed.length) return h('p', { id: 'record-hazards' }, i.status === 'completed' ? '未发现问题。' : '暂未记录问题。');
  return h('ol', { id: 'record-hazards' }, failed.map((it) => h('li', {},
    `${it.content}${it.note ? `：${it.note}` : ''}`,
    h('span', { class: 'muted' }, i.status !== 'completed' ? '' : it.corrected_on_site ? '（现场已整改）' : '（已下达整改通知，限期整改）'),
    h('div', { class: 'record-photos' }, (i.photos || []).filter((p) => p.item_id === it.id)
      .map((p) => h('img', { src: `/api/v1/attachments/${p.id}`, alt: '现场照片' }))))));
}

function signatures(i) {
  const line = (who, name, note) => h('div', { class: 'signature' },
    h('span', { class: 'signature-who' }, who), h('span', { class: 'signature-name' }, name),
    h('span', { class: 'signature-line' }, '签名：'), note ? h('span', { class: 'muted small' }, note) : null);
  return h('div', { class: 'signatures', id: 'record-signatures' },
    i.inspectors.map((p) => line('检查人员', p.name)),
    line('被检查单位签收人', i.received_by || '', i.acknowledged_at ? `企业已于 ${formatTime(i.acknowledged_at).slice(0, 16)} 在线签收` : null));
}

export async function renderInspectionPrint(container, id) {
  const { inspection: i } = await get(`/inspections/${id}`);
  const e = await get(`/entities/${i.entity_id}`).then((r) => r.entity).catch(() => null); // an inspector from elsewhere may not read the registry
  const day = formatTime(i.completed_at || i.created_at).slice(0, 10);
  mount(container, h('div', { class: 'record-page' },
    h('div', { class: 'no-print record-tools' },
      h('a', { href: `#/inspections/${i.id}` }, '← 返回检查任务'),
      h('button', { type: 'button', class: 'primary', id: 'record-print', onclick: () => window.print() }, '打印')),
    h('article', { class: 'inspection-record', id: 'inspection-record' },
      h('h1', {}, '食品安全监督检查记录'),
      facts([
        ['被检查单位', i.entity_name],
        ['统一社会信用代码', e?.uscc],
        ['许可证编号', e?.licence_no],
        ['地址', e?.address],
        ['检查类型', label(INSPECTION_KINDS, i.kind)],
        ['检查日期', day],
        ['检查人员', i.inspectors.map((p) => p.name).join('、')],
        ['检查标准', `${i.checklist_name}（第${i.checklist_version}版）`],
        ['状态', label(INSPECTION_STATUSES, i.status)],
        ['检查结果', i.result ? label(INSPECTION_RESULTS, i.result) : null],
      ]),
      h('h2', {}, '检查项目'), itemsTable(i.items),
      h('h2', {}, '发现的问题'), hazards(i),
      i.summary ? [h('h2', {}, '检查情况小结'), h('p', { id: 'record-summary' }, i.summary)] : null,
      h('h2', {}, '签名'), signatures(i),
      h('p', { class: 'record-foot muted small' }, `检查记录编号 ${i.id} · 打印自食安智慧监管平台`))));
}
