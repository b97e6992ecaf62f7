// 导出: every page of a list the console shows, asked for as the page asks (its filters, the caller's
// jurisdiction), into a CSV file Excel opens (UTF-8 with a byte-order mark); values as the page shows
// them, names and Chinese labels, never ids or codes of the API. Progress while the pages come in.
import { get } from './api.js';
import { h } from './dom.js';

const STEP = 100; // a page every list route accepts

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Every item of path (a list route with its filters, without limit/offset), with progress in status.
// Past the API's count (total_more: "10000+") it reads on until a page comes back short.
async function readAll(path, status) {
  const items = [];
  for (;;) {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${STEP}&offset=${items.length}`);
    items.push(...page.items);
    status.textContent = `正在导出 ${items.length}/${page.total}${page.total_more ? '+' : ''} 条…`;
    if (page.items.length < STEP || (!page.total_more && items.length >= page.total)) break;
  }
  return items;
}

// A button that writes path's list as filename.csv; columns: [[header, (item) => value shown], …].
export function exportButton(path, columns, filename) {
  const status = h('span', { class: 'muted export-progress', role: 'status' });
  const button = h('button', { type: 'button', class: 'export-csv', onclick: async () => {
    button.disabled = true;
    try {
      const items = await readAll(path, status);
      const lines = [columns.map(([head]) => csvCell(head)).join(','), ...items.map((it) => columns.map(([, value]) => csvCell(value(it))).join(','))];
      const url = URL.createObjectURL(new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
      const a = h('a', { href: url, download: `${filename}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = `已导出 ${items.length} 条`;
    } catch (e) {
      status.textContent = `导出失败：${e.message}`;
    } finally {
      button.disabled = false;
    }
  } }, '导出表格');
  return h('span', { class: 'export' }, button, ' ', status);
}
