// 抽检统计 (#/sampling-figures): the year's sampling figures in the caller's jurisdiction, as the API
// computes them (domain/sampling/figures.c): batches sampled per 1 000 residents, done against the year's
// plans, pass rates by food category, township and kind and across the last three years, the failure
// trend by month (a table and its chart), steps overdue today and the outcomes of re-tests; 导出Excel downloads the same figures
// as the workbook a higher bureau asks for (figures.xlsx, same year).
import { get, query } from '../api.js';
import { drawChart } from '../charts.js';
import { h, mount, percent } from '../dom.js';
import { platformToday } from './sample_common.js';
import { GROUNDS } from './sample_actions.js';
import { bar, yearsAround } from './sampling_plans.js';

const OVERDUE = [['delivery', '样品送检'], ['report', '出具检验报告'], ['notice', '送达不合格通知'], ['retest_decision', '复检受理决定'],
  ['retest_report', '复检报告']];
const RETEST_STATUSES = [['requested', '待决定'], ['accepted', '已受理'], ['refused', '不予受理'], ['reported', '已出复检报告']];

const rateText = (r) => (r === null || r === undefined ? '—' : percent(r));

function params(hash) { return new URLSearchParams(hash.split('?')[1] || ''); }

// A red bar of a failure rate (plain CSS, inline).
function failBar(rate) {
  const w = rate ? Math.min(100, Math.round(rate * 100)) : 0;
  return h('span', { class: 'bar', style: 'display:inline-block;width:100px;height:8px;background:#e8edf3;border-radius:4px;overflow:hidden;vertical-align:middle' },
    h('span', { style: `display:block;height:100%;width:${w}%;background:#c0392b` }));
}

function stat(id, title, value, note) {
  return h('div', { class: 'card stat', id }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-title' }, title),
    note ? h('div', { class: 'muted small stat-note' }, note) : null);
}

function table(id, head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: head.length, class: 'muted' }, '暂无数据')))));
}

// {sampled, judged, passed, failed, pass_rate} as cells
const counts = (r) => [h('td', { class: 'num c-sampled' }, r.sampled), h('td', { class: 'num c-judged' }, r.judged),
  h('td', { class: 'num c-passed' }, r.passed), h('td', { class: 'num c-failed' }, r.failed), h('td', { class: 'num c-rate' }, rateText(r.pass_rate))];
const COUNT_HEAD = ['抽检批次', '已出结论', '合格', '不合格', '合格率'];

export async function renderSamplingFigures(container, user, hash) {
  const today = await platformToday();
  const thisYear = Number(today.slice(0, 4));
  const year = Number(params(hash).get('year')) || thisYear;
  const f = await get(`/sampling/figures${query({ year })}`);
  // the two years before, for the pass rate across years
  const before = await Promise.all([year - 1, year - 2].filter((y) => y >= 2000)
    .map((y) => get(`/sampling/figures${query({ year: y })}`).catch(() => null)));
  const years = [f, ...before.filter(Boolean)];
  const yearSel = h('select', { id: 'figures-year', onchange: () => { location.hash = `#/sampling-figures?year=${yearSel.value}`; } },
    [...new Set([...yearsAround(thisYear), year])].sort((a, b) => b - a).map((y) => h('option', { value: y, selected: y === year }, `${y}年`)));
  const xlsx = `/api/v1/sampling/figures.xlsx${query({ year })}`;
  const r = f.retests;
  const monthChart = h('div', { class: 'chart', id: 'fig-month-chart' });
  queueMicrotask(() => drawChart(monthChart, 'bar', { unit: '批', categories: f.by_month.map((m) => `${m.month}月`),
    series: [{ name: '抽检批次', data: f.by_month.map((m) => m.sampled) }, { name: '不合格', data: f.by_month.map((m) => m.failed) }] }));
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '抽检统计'), yearSel,
      h('a', { class: 'button', id: 'figures-xlsx', href: xlsx, download: `sampling-figures-${year}.xlsx` }, '导出Excel')),
    h('p', { class: 'muted' }, `${f.area_name} ${f.year}年，按抽样日期统计已完成现场抽样的批次；逾期环节截至 ${f.today}。合格率 = 合格批次 ÷ 已出结论批次（有复检的以复检结论为准）。`),
    h('div', { class: 'stats', id: 'figures-stats' },
      stat('fig-sampled', '抽检批次', String(f.sampled)),
      stat('fig-per-1000', '每千人抽检批次', f.batches_per_1000 === null ? '—' : String(f.batches_per_1000),
        f.population ? `常住人口 ${f.population} 人（按年度计划）` : '本年度无计划，未知常住人口'),
      stat('fig-plan', '计划完成', `${f.plan.done} / ${f.plan.target}`, `${f.plan.plans} 个计划，完成 ${rateText(f.plan.rate)}`),
      stat('fig-pass-rate', '合格率', rateText(f.pass_rate), `合格 ${f.passed} 批，已出结论 ${f.judged} 批`),
      stat('fig-failed', '不合格批次', String(f.failed)),
      stat('fig-overdue', '逾期未办环节', String(f.overdue.total), `截至 ${f.today}`)),
    h('div', { class: 'card' }, h('h3', {}, '按食品类别'),
      table('fig-category', ['食品类别', ...COUNT_HEAD], f.by_category.map((x) => h('tr', { dataset: { key: x.food_category } }, h('td', {}, x.name), counts(x))))),
    h('div', { class: 'card' }, h('h3', {}, '按乡镇（街道）'),
      table('fig-township', ['乡镇（街道）', '计划批次', ...COUNT_HEAD, '完成情况'], f.by_township.map((x) => h('tr', { dataset: { key: x.township_code } },
        h('td', {}, x.name), h('td', { class: 'num c-plan' }, x.plan_target ?? '—'), counts(x),
        h('td', {}, x.plan_target ? bar(x.sampled, x.plan_target) : '—'))))),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h3', {}, '按抽检类型'),
        table('fig-kind', ['类型', ...COUNT_HEAD], f.by_kind.map((x) => h('tr', { dataset: { key: x.kind } }, h('td', {}, x.name), counts(x))))),
      h('div', { class: 'card' }, h('h3', {}, '按年度'),
        table('fig-years', ['年度', ...COUNT_HEAD, '每千人批次'], years.map((y) => h('tr', { dataset: { key: y.year } }, h('td', {}, `${y.year}年`), counts(y),
          h('td', { class: 'num' }, y.batches_per_1000 ?? '—')))))),
    h('div', { class: 'card' }, h('h3', {}, '不合格趋势（按抽样月份）'), monthChart,
      table('fig-month', ['月份', '抽检批次', '已出结论', '不合格', '不合格率', ''], f.by_month.map((m) => h('tr', { dataset: { key: m.month } },
        h('td', {}, `${m.month}月`), h('td', { class: 'num c-sampled' }, m.sampled), h('td', { class: 'num c-judged' }, m.judged),
        h('td', { class: 'num c-failed' }, m.failed), h('td', { class: 'num c-rate' }, rateText(m.failure_rate)), h('td', {}, failBar(m.failure_rate)))))),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h3', {}, `逾期未办环节（截至 ${f.today}）`),
        table('fig-overdue-table', ['环节', '逾期数'], [...OVERDUE.map(([k, name]) => h('tr', { dataset: { key: k } }, h('td', {}, name), h('td', { class: 'num' }, f.overdue[k] ?? 0))),
          h('tr', { dataset: { key: 'total' } }, h('th', {}, '合计'), h('th', { class: 'num' }, f.overdue.total))])),
      h('div', { class: 'card' }, h('h3', {}, '复检结果'),
        table('fig-retests', ['', '批次'], [
          h('tr', { dataset: { key: 'total' } }, h('td', {}, '复检申请'), h('td', { class: 'num' }, r.total)),
          ...RETEST_STATUSES.map(([k, name]) => h('tr', { dataset: { key: k } }, h('td', {}, `其中：${name}`), h('td', { class: 'num' }, r.by_status[k] ?? 0))),
          h('tr', { dataset: { key: 'fail' } }, h('td', {}, '复检不合格（维持初检结论）'), h('td', { class: 'num' }, r.by_verdict.fail ?? 0)),
          h('tr', { dataset: { key: 'overturned' } }, h('td', {}, '复检合格（初检结论未被确认）'), h('td', { class: 'num' }, r.overturned)),
          ...Object.entries(r.refusal_grounds).map(([k, n]) => h('tr', { dataset: { key: `ground-${k}` } },
            h('td', {}, `不予受理理由：${GROUNDS[k] || k}`), h('td', { class: 'num' }, n))),
        ]))));
}
