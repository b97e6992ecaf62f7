// 案件文书 on a case's page: the documents its stage allows (the twelve: 不予立案审批表 … 结案审批表), each opened as its draft
// (filled from the case; the paragraphs marked editable rewritten in place), issued by the county with
// its number, and downloaded as PDF; an issued one is frozen and carries the QR code that verifies it.
import { get, patch, post } from '../api.js';
import { h, mount } from '../dom.js';
import { formError, showError } from './sample_common.js';

const KINDS = [
  ['not_filing_approval', '不予立案审批表', (c) => c.status === 'clue' || c.outcome === 'not_filed'],
  ['filing_approval', '立案审批表', () => true],
  ['scene_record', '现场笔录', () => true],
  ['inquiry_record', '询问笔录', () => true],
  ['preservation_notice', '先行登记保存通知书', (c) => c.measures?.some((m) => m.kind === 'preservation')],
  ['address_confirmation', '送达地址确认书', () => true],
  ['correction_notice', '责令改正通知书', () => true],
  ['penalty_notice', '行政处罚告知书', (c) => c.procedure === 'general' && !['clue', 'filed'].includes(c.status)],
  ['penalty_decision', '行政处罚决定书', (c) => c.procedure === 'general' && ['decided', 'served', 'paid', 'closed'].includes(c.status)],
  ['simple_decision', '当场行政处罚决定书', (c) => c.procedure === 'simple'],
  ['service_receipt', '送达回证', (c) => ['decided', 'served', 'paid', 'closed'].includes(c.status)],
  ['closing_approval', '结案审批表', (c) => ['paid', 'closed'].includes(c.status)],
];

function editor(doc, user, box, reload) {
  const draft = doc.status === 'draft';
  const areas = [];
  const blocks = doc.content.blocks.map((b, index) => {
    if (b.type === 'field') return h('p', { class: 'doc-field' }, h('strong', {}, `${b.label}：`), b.value);
    if (b.type === 'form') return h('table', { class: 'doc-form' }, h('tbody', {}, Array.from({ length: Math.ceil(b.cells.length / b.cols) }, (_, r) =>
      h('tr', {}, b.cells.slice(r * b.cols, r * b.cols + b.cols).map((t, i) => h(i % 2 ? 'td' : 'th', {}, t))))));
    if (draft && b.editable) {
      const ta = h('textarea', { class: 'doc-edit', rows: 3, dataset: { index } });
      ta.value = b.text;
      areas.push(ta);
      return ta;
    }
    return h('p', { class: 'doc-text' }, b.text);
  });
  const error = formError();
  const save = async () => {
    await patch(`/case-documents/${doc.id}`, { blocks: areas.map((a) => ({ index: Number(a.dataset.index), text: a.value.trim() })) });
  };
  const run = (fn) => async () => { error.textContent = ''; try { await fn(); } catch (e) { showError(panel, e); } };
  const panel = h('div', { class: 'card case-document', dataset: { kind: doc.kind, status: doc.status } },
    h('div', { class: 'title-row' }, h('h3', {}, doc.content.title), h('span', { class: 'mono doc-number' }, doc.number || '（草稿，签发时编号）')),
    blocks,
    h('p', { class: 'doc-sign' }, `${doc.content.signature.agency}　${doc.content.signature.date}`),
    error,
    h('div', { class: 'toolbar' },
      draft && areas.length ? h('button', { type: 'button', id: 'doc-save', onclick: run(async () => { await save(); await reload(doc.kind); }) }, '保存修改') : null,
      draft && ['county', 'admin'].includes(user.role) ? h('button', { type: 'button', class: 'primary', id: 'doc-issue',
        onclick: run(async () => { if (areas.length) await save(); await post(`/case-documents/${doc.id}/issue`, {}); await reload(doc.kind); }) }, '签发') : null,
      h('a', { class: 'button', id: 'doc-pdf', href: `/api/v1/case-documents/${doc.id}/pdf`, target: '_blank' }, '下载PDF')));
  mount(box, panel);
}

export function caseDocuments(c, user) {
  const box = h('div', { id: 'case-document' });
  const open = async (kind) => {
    try {
      editor((await get(`/cases/${c.id}/documents/${kind}`)).document, user, box, open);
    } catch (e) {
      mount(box, h('p', { class: 'field-error' }, e.message));
    }
  };
  return h('section', { id: 'case-documents' }, h('h3', {}, '案件文书'),
    h('div', { class: 'toolbar doc-kinds' }, KINDS.filter(([, , ok]) => ok(c)).map(([kind, title]) =>
      h('button', { type: 'button', dataset: { kind }, onclick: () => open(kind) }, title))),
    box);
}
