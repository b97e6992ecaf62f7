// 主体档案: search, filters, paged table, export.
import { get, query } from '../api.js';
import { h, mount } from '../dom.js';
import { KINDS, STATUSES, label } from '../labels.js';
import { markFlagged } from './credit_flags.js';

function options(map, empty) {
  return [h('option', { value: '' }, empty), ...Object.entries(map).map(([v, t]) => h('option', { value: v }, t))];
}

export async function renderEntities(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const f = {
    q: params.get('q') || '', township: params.get('township') || '', grid: params.get('grid') || '',
    kind: params.get('kind') || '', status: params.get('status') || '',
  };
  const towns = (await get('/divisions')).items;
  const q = h('input', { id: 'search-q', type: 'search', placeholder: '名称 / 统一社会信用代码 / 许可证编号', value: f.q });
  const township = h('select', { id: 'filter-township' }, h('option', { value: '' }, '全部乡镇'),
    towns.map((t) => h('option', { value: t.code }, t.name)));
  const grid = h('select', { id: 'filter-grid' }, h('option', { value: '' }, '全部网格'));
  const kind = h('select', { id: 'filter-kind' }, options(KINDS, '全部类型'));
  const status = h('select', { id: 'filter-status' }, options(STATUSES, '全部状态'));
  township.value = f.township;
  kind.value = f.kind;
  status.value = f.status;

  const loadGrids = async () => {
    mount(grid, h('option', { value: '' }, '全部网格'));
    if (!township.value) return;
    const gs = (await get(`/grids${query({ township: township.value })}`)).items;
    grid.append(...gs.map((g) => h('option', { value: g.id }, g.name)));
  };
  await loadGrids();
  grid.value = f.grid;

  const filters = () => ({ q: q.value.trim(), township: township.value, grid: grid.value, kind: kind.value, status: status.value });
  const apply = () => { location.hash = `#/entities${query(filters())}`; };
  township.addEventListener('change', async () => { grid.value = ''; apply(); });
  for (const s of [grid, kind, status]) s.addEventListener('change', apply);

  const tbody = h('tbody');
  const summary = h('span', { id: 'result-total', class: 'muted' });
  const more = h('button', { id: 'load-more', class: 'hidden' }, '加载更多');
  let cursor = null;
  const load = async () => {
    const r = await get(`/entities${query({ ...f, limit: 50, cursor })}`);
    if (r.total !== null) summary.textContent = `共 ${r.total}${r.total_more ? '+' : ''} 户`;
    tbody.append(...r.items.map((e) => h('tr', { class: 'row-link', dataset: { id: e.id, entity: e.id }, onclick: () => { location.hash = `#/entities/${e.id}`; } },
      h('td', {}, h('a', { href: `#/entities/${e.id}` }, e.name)),
      h('td', {}, label(KINDS, e.kind)),
      h('td', { class: 'mono' }, e.uscc || ''),
      h('td', { class: 'mono' }, e.licence_no || ''),
      h('td', {}, e.township_name || ''),
      h('td', {}, e.grid_name || ''),
      h('td', {}, h('span', { class: `badge ${e.status}` }, label(STATUSES, e.status))))));
    if (!r.items.length && !cursor) tbody.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, '没有符合条件的主体')));
    // joint-punishment flags follow a business into the list too
    await markFlagged(tbody);
    cursor = r.next_cursor;
    more.classList.toggle('hidden', !cursor);
  };
  more.addEventListener('click', () => load());

  const exportQuery = (format) => `/api/v1/entities/export${query({ ...f, format })}`;
  mount(container,
    h('h2', {}, '主体档案'),
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); apply(); } },
      q, township, grid, kind, status, h('button', { type: 'submit', class: 'primary', id: 'search-button' }, '查询')),
    h('div', { class: 'toolbar' }, summary,
      h('span', {},
        h('a', { class: 'button', href: exportQuery('csv'), id: 'export-csv' }, '导出CSV'),
        h('a', { class: 'button', href: exportQuery('xlsx'), id: 'export-xlsx' }, '导出Excel'))),
    h('div', { class: 'table-wrap' }, h('table', { id: 'entity-table' },
      h('thead', {}, h('tr', {}, ['名称', '类型', '统一社会信用代码', '许可证编号', '乡镇', '网格', '状态'].map((t) => h('th', {}, t)))),
      tbody)),
    more);
  await load();
}
