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
