// Joint-punishment flags (联合惩戒) follow a business wherever it appears (issue 13): its own page, a case,
// a complaint, an inspection, and the lists of them. Only what the caller may see is asked for; a business
// outside the caller's sight shows nothing.
import { get } from '../api.js';
import { h } from '../dom.js';

// The card of the flags of one business ({flags} of GET /entities/:id/credit), or null without any.
export function flagsCard(credit) {
  const flags = credit?.flags || [];
  if (!flags.length) return null;
  return h('div', { class: 'card credit-flags flagged', id: 'credit-flags' }, h('strong', {}, '联合惩戒：'),
    flags.map((f) => h('p', { class: 'credit-flag' }, h('strong', {}, `${f.label}`), ` ${f.reason}${f.until ? `（至${f.until}）` : ''}`)));
}

// A place on a page that becomes the flags card of the business once they are read (empty otherwise).
export function entityFlags(entityId) {
  const slot = h('div', { class: 'credit-flags-slot' });
  if (entityId) {
    get(`/entities/${entityId}/credit`).then((credit) => {
      const card = flagsCard(credit);
      if (card) slot.replaceWith(card);
    }).catch(() => {});
  }
  return slot;
}

// Marks the rows of a list (tr[data-entity]) whose business is flagged, after the page is shown; rows
// added by 加载更多 are checked on the next call, each row once.
export async function markFlagged(tbody) {
  const rows = [...tbody.querySelectorAll('tr[data-entity]:not([data-flags-checked])')];
  rows.forEach((tr) => { tr.dataset.flagsChecked = '1'; });
  const ids = [...new Set(rows.map((tr) => tr.dataset.entity).filter(Boolean))];
  const found = [];
  for (let i = 0; i < ids.length; i += 50) {
    const { items } = await get(`/credit/flags?ids=${ids.slice(i, i + 50).join(',')}`).catch(() => ({ items: [] }));
    found.push(...items);
  }
  for (const f of found) {
    for (const tr of rows.filter((r) => r.dataset.entity === String(f.entity_id))) {
      tr.querySelector('td')?.append(' ', h('span', { class: 'badge overdue credit-badge', title: f.flags.map((x) => `${x.label}：${x.reason}`).join('；') }, '联合惩戒'));
    }
  }
}
