// A tiny DOM builder: text is always set as text, never parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function mount(target, ...children) {
  target.replaceChildren(...children.flat(Infinity).filter(Boolean));
}

// Epoch milliseconds shown in Beijing time.
export function formatTime(ms) {
  if (!ms) return '';
  const d = new Date(ms + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

// a rate the server could not compute (nothing to count) is null: shown as "—", never as 0 % or 100 %
export function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

// On a phone a table becomes one card a row (app.css); each cell names its column by data-label, read
// from the table's header, so no page has to label its own cells. A cell across the whole row (a "no
// results" line) names nothing.
export function labelCells(root) {
  for (const table of root.querySelectorAll('.table-wrap table')) {
    const heads = [...table.querySelectorAll(':scope > thead > tr:last-child > th')]
      .flatMap((th) => Array(th.colSpan).fill(th.textContent.trim()));
    if (!heads.length) continue;
    for (const tr of table.querySelectorAll(':scope > tbody > tr')) {
      let col = 0;
      for (const td of tr.children) {
        const text = td.colSpan >= heads.length ? '' : heads[col] || '';
        if (td.dataset.label !== text) td.dataset.label = text;
        col += td.colSpan;
      }
    }
  }
}

// Labels the cells of every table put under root, now and whenever rows are added (paging, 加载更多).
export function labelCellsAlways(root) {
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; labelCells(root); });
  }).observe(root, { childList: true, subtree: true });
}
