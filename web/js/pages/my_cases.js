// 行政处罚 for a business (#/my-cases): its own cases from the penalty notice on — what it may still do
// (answer or ask a hearing by the date shown), what it owes today and by when, and the documents served on
// it as PDF, each with the link that proves the bureau issued exactly that paper. Paged, phone-sized.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';
import { CASE_STATUSES, PENALTIES, label } from '../labels.js';
import { countdown } from './complaints.js';
import { PAGE, platformToday, pagerFor } from './sample_common.js';

function caseCard(c, today) {
  const todo = [];
  if (c.status === 'notified' && c.representation_due)
    todo.push(h('p', { class: 'todo' }, '陈述、申辩或要求听证的期限：', countdown(c.representation_due, today, false)));
  if (c.due_today)
    todo.push(h('p', { class: 'todo', id: `owed-${c.id}` }, `应缴：罚款${c.due_today.fine_yuan}元`,
      c.due_today.late_fee_yuan ? `，加处罚款${c.due_today.late_fee_yuan}元（每日按罚款的3%加处，不超过罚款数额）` : '',
      `，合计${c.due_today.total_yuan}元。缴款期限：`, countdown(c.payment_due, today, false)));
  return h('section', { class: 'card my-case', dataset: { id: c.id } },
    h('div', { class: 'title-row' }, h('h3', { class: 'mono' }, c.case_no || '案件'),
      h('span', { class: `badge case-status status-${c.status}` }, label(CASE_STATUSES, c.status))),
    h('p', {}, c.facts),
    c.penalty.length ? h('p', {}, '处罚：', c.penalty.map((k) => label(PENALTIES, k)).join('、'), c.fine_yuan ? `（罚款${c.fine_yuan}元）` : '') : null,
    todo,
    c.paid_on ? h('p', { class: 'muted' }, `${c.paid_on}已缴款`) : null,
    h('h4', {}, '送达的文书'),
    c.documents.length
      ? h('ul', { class: 'my-case-documents' }, c.documents.map((d) => h('li', {},
        h('a', { href: `/api/v1/case-documents/${d.id}/pdf`, target: '_blank', rel: 'noopener' }, `《${d.title}》${d.number}`),
        h('span', { class: 'muted small' }, ` ${d.issued_on} · `), h('a', { class: 'small', href: `#/verify/${d.sha256}` }, '验证真伪'))))
      : h('p', { class: 'muted' }, '暂无已送达的文书'));
}

export async function renderMyCases(container, user, hash) {
  const offset = Number(new URLSearchParams(hash.split('?')[1] || '').get('offset')) || 0;
  const [today, data] = await Promise.all([platformToday(), get(`/me/cases${query({ limit: PAGE, offset })}`)]);
  mount(container, h('h2', {}, '行政处罚'),
    h('p', { class: 'muted small' }, '本单位作为当事人的行政处罚案件：自收到《行政处罚告知书》（或当场处罚）起显示。'),
    h('div', { id: 'my-cases' }, data.items.length ? data.items.map((c) => caseCard(c, today)) : h('p', { class: 'muted', id: 'no-my-cases' }, '暂无行政处罚案件')),
    pagerFor(offset, data, (at) => { location.hash = `#/my-cases${query({ offset: at || undefined })}`; }));
}
