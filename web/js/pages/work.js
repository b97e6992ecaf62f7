// 工作统计: the inspection plan by risk grade, 包保 duty completion (3 × 100 %), risk grades,
// acceptance campaigns and missing self-management records, per township; each of the first three also
// as a chart (charts.js), drawn from the same answers as the tables.
import { get } from '../api.js';
import { drawChart } from '../charts.js';
import { h, mount, percent } from '../dom.js';
import { gradesChart } from './home_charts.js';

function table(id, head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { id }, h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: head.length, class: 'muted' }, '暂无数据')))));
}

const num = (v) => h('td', { class: 'num' }, v);
const pct = (rate) => (rate == null ? null : Math.round(rate * 1000) / 10);

// one bar chart of townships: series [[label, row → value]…]
function townChart(id, title, rows, series, unit, note) {
  const box = h('div', { class: 'chart', id });
  queueMicrotask(() => drawChart(box, 'bar', { unit, categories: rows.map((t) => t.township_name),
    series: series.map(([name, of]) => ({ name, data: rows.map(of) })) }));
  return h('div', { class: 'card chart-card' }, h('h3', {}, title), box, h('p', { class: 'muted small' }, note));
}

export async function renderWork(container) {
  const [plan, duty, risk, campaigns, daily] = await Promise.all([get('/plan'), get('/duty/completion'), get('/risk/summary'),
    get('/campaigns?limit=5'), get('/self-records/missing?kind=daily')]);
  const progress = await Promise.all(campaigns.items.slice(0, 5).map((c) => get(`/campaigns/${c.id}/progress`).catch(() => null)));
  mount(container,
    h('h2', {}, '工作统计'),
    h('div', { class: 'stats' },
      h('div', { class: 'card stat', id: 'plan-done' }, h('div', { class: 'stat-value' }, `${plan.totals.done}/${plan.totals.required}`),
        h('div', { class: 'stat-title' }, `${plan.year}年已检/应检次数`)),
      h('div', { class: 'card stat' }, h('div', { class: 'stat-value' }, plan.totals.behind), h('div', { class: 'stat-title' }, '进度落后主体')),
      h('div', { class: 'card stat' }, h('div', { class: 'stat-value' }, plan.totals.full_due), h('div', { class: 'stat-title' }, '两年内需全项检查')),
      h('div', { class: 'card stat', id: 'daily-missing' }, h('div', { class: 'stat-value' }, daily.missing), h('div', { class: 'stat-title' }, `今日未填日管控（${daily.period}）`))),
    h('div', { class: 'charts' },
      gradesChart('work-grades', risk.totals),
      townChart('work-duty', '各乡镇包保责任落实', duty.townships, [['包保率', (t) => pct(t.assignment_rate)], ['走访完成率', (t) => pct(t.visit_rate)]], '%',
        '包保率：有包保干部的在营主体 ÷ 在营主体；走访完成率：本周期已走访次数（每项不超过应走访次数）÷ 应走访次数'),
      townChart('work-plan', `${plan.year}年各乡镇检查计划`, plan.townships, [['应检次数', (t) => t.required], ['已检次数', (t) => t.done]], '次',
        '应检次数按风险等级确定；已检次数为本年已完成的检查（每户不超过应检次数）')),
    h('div', { class: 'card' }, h('h3', {}, '风险分级'),
      h('p', { id: 'risk-totals' }, ['A', 'B', 'C', 'D'].map((g) => h('span', { class: 'risk-total' }, h('span', { class: `grade grade-${g}` }, g), ` ${risk.totals[g]} 户 `)))),
    h('div', { class: 'card' }, h('h3', {}, '包保责任落实（三个100%）'),
      table('duty-table', ['乡镇(街道)', '在营主体', '建档率', '包保率', '走访完成率'], duty.townships.map((t) => h('tr', {},
        h('td', {}, t.township_name), num(t.businesses), num(percent(t.archive_rate)), num(percent(t.assignment_rate)), num(percent(t.visit_rate)))))),
    h('div', { class: 'card' }, h('h3', {}, `${plan.year}年检查计划完成情况`),
      table('plan-table', ['乡镇(街道)', '在营主体', '应检次数', '已检次数', '进度落后', '需全项检查'], plan.townships.map((t) => h('tr', {},
        h('td', {}, t.township_name), num(t.businesses), num(t.required), num(t.done), num(t.behind), num(t.full_due))))),
    h('div', { class: 'card' }, h('h3', {}, '检查人员任务'),
      table('inspector-table', ['检查人员', '待检查', '已逾期', '今年已完成'], plan.inspectors.map((i) => h('tr', {},
        h('td', {}, i.name), num(i.open), num(i.overdue), num(i.completed))))),
    h('div', { class: 'card' }, h('h3', {}, '整治验收进度（四级验收）'),
      table('campaign-table', ['整治', '主体数', '企业自查', '乡镇初验', '现场验收', '县级复核'], campaigns.items.slice(0, 5).map((c, k) => {
        const t = progress[k]?.totals;
        return h('tr', {}, h('td', {}, c.name), num(t?.businesses ?? 0), num(t?.self_check ?? 0), num(t?.preliminary ?? 0),
          num(t?.on_site ?? 0), num(t?.county_review ?? 0));
      }))));
}
