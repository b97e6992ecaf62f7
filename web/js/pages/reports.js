// 统计报表 (#/reports): the monthly and quarterly reports a bureau sends upward. County, township officials
// and the administrator make one for a month or a quarter (the county: for the whole county or one
// township), and download each kept report's PDF and Excel exactly as it was made; the sweep adds last
// month's and last quarter's county reports by itself (定时生成).
import { get, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { PAGE, field, formError, platformToday, submitter, pagerFor } from './sample_common.js';

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];
const size = (bytes) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

async function generateForm(user, done) {
  const today = await platformToday();
  const year = Number(today.slice(0, 4));
  const kind = h('select', { name: 'kind', id: 'report-kind' }, h('option', { value: 'month' }, '月报'), h('option', { value: 'quarter' }, '季报'));
  const month = h('input', { type: 'month', name: 'period', id: 'report-month', value: today.slice(0, 7), max: today.slice(0, 7) });
  const qYear = h('select', { name: 'quarter_year', id: 'report-quarter-year' },
    [0, 1, 2].map((i) => h('option', { value: String(year - i) }, `${year - i}年`)));
  const quarter = h('select', { name: 'quarter', id: 'report-quarter' }, QUARTERS.map((q, i) => h('option', { value: String(i + 1) }, q)));
  const current = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  quarter.value = String(current);
  // a quarter not yet begun is not offered (the server refuses it too)
  const offer = () => {
    for (const o of quarter.options) o.disabled = Number(qYear.value) === year && Number(o.value) > current;
    if (quarter.selectedOptions[0]?.disabled) quarter.value = String(current);
  };
  qYear.addEventListener('change', offer);
  offer();
  // one field 报告期 for both kinds, so the API's error on period shows whichever is chosen
  const quarterPick = h('span', { class: 'report-quarter', hidden: true }, qYear, ' ', quarter);
  const periodField = field('报告期', h('div', {}, month, quarterPick), { required: true, name: 'period' });
  kind.addEventListener('change', () => { month.hidden = kind.value !== 'month'; quarterPick.hidden = kind.value === 'month'; });
  let area = null;
  if (user.role !== 'township') {
    const towns = (await get('/divisions')).items.filter((d) => d.level === 2);
    area = h('select', { name: 'division_code', id: 'report-area' }, h('option', { value: '' }, '全县'),
      towns.map((t) => h('option', { value: t.code }, t.name)));
  }
  const form = h('form', { class: 'card', id: 'report-form' }, h('h3', {}, '生成报表'),
    h('div', { class: 'form-grid' }, field('类型', kind), periodField, area ? field('范围', area, { name: 'division_code' }) : null),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'report-save' }, '生成')));
  form.addEventListener('submit', submitter(form, async () => {
    const period = kind.value === 'month' ? month.value : `${qYear.value}-Q${quarter.value}`;
    const made = await post('/reports', { period, division_code: area?.value || undefined });
    done(made);
  }));
  return form;
}

function reportRow(r) {
  return h('tr', { dataset: { id: r.id } },
    h('td', {}, r.title, h('br'), h('span', { class: 'muted small' }, r.division_name)),
    h('td', {}, r.period_label),
    h('td', {}, formatTime(r.generated_at), h('br'), h('span', { class: 'muted small' }, r.generated_by_name)),
    h('td', { class: 'report-files' },
      h('a', { href: `/api/v1/reports/${r.id}/pdf`, target: '_blank', class: 'report-pdf' }, `PDF（${size(r.pdf_size)}）`), ' ',
      h('a', { href: `/api/v1/reports/${r.id}/xlsx`, class: 'report-xlsx' }, `Excel（${size(r.xlsx_size)}）`)));
}

export async function renderReports(container, user, offset = 0) {
  const list = await get(`/reports${query({ limit: PAGE, offset })}`);
  const reload = (o = offset) => renderReports(container, user, o);
  const box = h('div', { id: 'report-box' });
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '统计报表'),
      h('button', { type: 'button', class: 'primary', id: 'report-new', onclick: async () => mount(box, await generateForm(user, () => reload(0))) }, '生成报表')),
    h('p', { class: 'muted' }, '按月或按季度生成上报的统计报表（含图表），可下载PDF与Excel；每月初系统自动生成上月的全县报表，季度结束后另生成上季度的。指标口径与指挥大屏一致。'),
    box,
    h('div', { class: 'table-wrap' }, h('table', { id: 'report-table' },
      h('thead', {}, h('tr', {}, ['报表', '报告期', '生成时间', '下载'].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.length ? list.items.map(reportRow) : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, '暂无报表'))))),
    pagerFor(offset, list, reload));
}
