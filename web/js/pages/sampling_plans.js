// 抽检计划 (#/sampling-plans): the year's sampling plans of the caller's jurisdiction, paged (the API
// answers every plan of the year, so nothing is left out), each with its target and the batches taken;
// the county (and the administrator) creates a plan: year, kind, name, the county or one of its
// townships and its resident population, the target being computed by the server as
// ceil(population × batches per 1 000 / 1000). A plan opens at #/sampling-plans/:id (sampling_plan.js).
// Also what the sampling-plan pages share: modes, who plans, progress bars.
import { get, post, query } from '../api.js';
import { h, mount, percent } from '../dom.js';
import { SAMPLE_KINDS, label } from '../labels.js';
import { PAGE, field, formError, pager, platformToday, submitter } from './sample_common.js';

// who creates plans, adds items, splits and draws (plan.h); who may read plans and progress
export const PLANNERS = ['admin', 'county'];
export const PLAN_READERS = [...PLANNERS, 'township', 'sampler'];
export const MODES = { random: '随机抽取', sentinel: '固定监测点', targeted: '定向抽检' };
export const PROPOSAL_STATUSES = { open: '待答复', adopted: '已纳入计划', declined: '不予采纳' };

// The bar of done against target (plain CSS, inline: no chart library); over 100% it stays full.
const TRACK = 'display:inline-block;width:100px;height:8px;background:#e8edf3;border-radius:4px;overflow:hidden;vertical-align:middle';
export function bar(done, target) {
  const rate = target > 0 ? done / target : null;
  const width = rate === null ? 0 : Math.min(100, Math.round(rate * 100));
  const color = rate === null ? '#c9d1dc' : rate >= 1 ? '#2e8b57' : '#1f5fbf';
  return h('span', { class: 'nowrap progress-cell' },
    h('span', { class: 'bar', style: TRACK, title: rate === null ? '无计划批次' : percent(rate) },
      h('span', { style: `display:block;height:100%;width:${width}%;background:${color}` })),
    ' ', h('span', { class: 'small rate' }, rate === null ? '—' : percent(rate)));
}

// Years to choose from: the platform's year, the next one and the five before.
export function yearsAround(year) {
  return Array.from({ length: 7 }, (_, i) => year + 1 - i);
}

function params(hash) { return new URLSearchParams(hash.split('?')[1] || ''); }

// The form that creates a plan; done(plan) when the server stored it.
async function createForm(box, user, year, done) {
  const [towns, settings] = await Promise.all([
    get('/divisions').then((r) => r.items.filter((d) => d.level === 2)),
    get('/settings').then((r) => r.items).catch(() => []),
  ]);
  const setting = settings.find((s) => s.key === 'sampling_batches_per_1000');
  const perDefault = setting ? setting.value : null;
  const yearIn = h('input', { type: 'number', name: 'year', id: 'plan-year', min: 2000, max: 2100, step: 1, value: year });
  const kind = h('select', { name: 'kind', id: 'plan-kind' }, Object.entries(SAMPLE_KINDS).map(([v, t]) => h('option', { value: v }, t)));
  const name = h('input', { name: 'name', id: 'plan-name', maxlength: 100, placeholder: `例如：${year}年食品安全监督抽检计划` });
  // the counties over these townships (the caller's own by name), each followed by its townships
  const counties = [...new Set(towns.map((t) => t.parent_code))];
  const countyName = (c) => (c === user.division_code ? user.jurisdiction_name || c : `县级区划 ${c}`);
  const division = h('select', { name: 'division_code', id: 'plan-division' },
    counties.map((c) => [h('option', { value: c }, `${countyName(c)}（全县）`),
      towns.filter((t) => t.parent_code === c).map((t) => h('option', { value: t.code }, `　${t.name}`))]));
  const population = h('input', { type: 'number', name: 'population', id: 'plan-population', min: 1, step: 1, placeholder: '常住人口（人）' });
  const per = h('input', { type: 'number', name: 'per_thousand', id: 'plan-per-thousand', min: 0, max: 100, step: 'any',
    placeholder: perDefault !== null ? `默认 ${perDefault}` : '按风险设置' });
  const preview = h('span', { class: 'muted small', id: 'plan-target-preview' });
  const update = () => {
    const pop = Number(population.value), k = per.value === '' ? perDefault : Number(per.value);
    preview.textContent = pop > 0 && k > 0 && Number.isInteger(pop)
      ? `预计计划批次：${Math.ceil(pop * k / 1000 - 1e-9)} 批（${pop} 人 × 每千人 ${k} 批，以保存后系统计算为准）` : '';
  };
  population.addEventListener('input', update);
  per.addEventListener('input', update);
  const intOrRaw = (v) => (v.trim() === '' ? undefined : Number.isInteger(Number(v)) ? Number(v) : v);
  const form = h('form', { class: 'card', id: 'plan-create-form', novalidate: true },
    h('h3', {}, '新建抽检计划'),
    h('p', { class: 'muted small' }, `计划批次 = 常住人口 × 每千人抽检批次 ÷ 1000，向上取整${perDefault !== null ? `；每千人抽检批次现为 ${perDefault}（风险设置）` : ''}。`),
    h('div', { class: 'form-grid' },
      field('年度', yearIn, { required: true }),
      field('计划类型', kind, { required: true }),
      field('计划名称', name, { required: true, wide: true }),
      field('计划区划', division, { required: true }),
      field('常住人口（人）', population, { required: true }),
      field('每千人抽检批次', per, { hint: '留空按风险设置' }),
      h('div', { class: 'sample-field wide' }, preview)),
    formError(),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'plan-create' }, '保存计划'),
      h('button', { type: 'button', onclick: () => mount(box) }, '取消')));
  form.addEventListener('submit', submitter(form, async () => {
    const r = await post('/sampling/plans', {
      year: intOrRaw(yearIn.value), kind: kind.value, name: name.value.trim(), division_code: division.value || undefined,
      population: intOrRaw(population.value), per_thousand: per.value.trim() === '' ? undefined : Number(per.value),
    });
    done(r.plan);
  }));
  mount(box, form);
  name.focus();
}

export async function renderSamplingPlans(container, user, hash) {
  const p = params(hash);
  const today = await platformToday();
  const thisYear = Number(today.slice(0, 4));
  const year = p.has('year') ? Number(p.get('year')) || 0 : thisYear;
  const offset = Math.max(0, Number(p.get('offset')) || 0);
  const data = await get(`/sampling/plans${query({ year: year || undefined })}`);
  const plans = data.items;
  const shown = plans.slice(offset, offset + PAGE);
  const planner = PLANNERS.includes(user.role);
  const to = (x) => `#/sampling-plans${query(x)}`;
  const yearSel = h('select', { id: 'plans-year', onchange: () => { location.hash = to({ year: yearSel.value }); } },
    h('option', { value: '0', selected: !year }, '全部年度'),
    [...new Set([...yearsAround(thisYear), ...(year ? [year] : [])])].sort((a, b) => b - a)
      .map((y) => h('option', { value: y, selected: y === year }, `${y}年`)));
  const createBox = h('div', { id: 'plan-create-box' });
  const sumTarget = plans.reduce((s, x) => s + x.target, 0), sumDone = plans.reduce((s, x) => s + x.done, 0);
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '抽检计划'),
      planner ? h('button', { type: 'button', class: 'primary', id: 'plan-new', onclick: async (ev) => {
        ev.target.disabled = true;
        try {
          await createForm(createBox, user, year || thisYear, (plan) => { location.hash = `#/sampling-plans/${plan.id}`; });
        } finally { ev.target.disabled = false; }
      } }, '新建计划') : null),
    h('p', { class: 'muted' }, planner
      ? '年度抽检计划按常住人口确定批次，再按食品类别、乡镇和月份分解为计划条目，逐条随机抽取被抽样单位和抽样人员。'
      : '本辖区涉及的抽检计划及完成情况，由县局制定。'),
    createBox,
    h('div', { class: 'filters' }, yearSel,
      plans.length ? h('span', { class: 'muted', id: 'plans-sum' }, `计划批次合计 ${sumTarget}，已抽样 ${sumDone}`) : null),
    h('div', { class: 'table-wrap' }, h('table', { id: 'plan-table' },
      h('thead', {}, h('tr', {}, ['年度', '计划名称', '类型', '区划', '常住人口', '每千人批次', '计划批次', '已抽样', '完成率'].map((x) => h('th', {}, x)))),
      h('tbody', {}, shown.length ? shown.map((x) => h('tr', { class: 'row-link', dataset: { id: x.id }, onclick: () => { location.hash = `#/sampling-plans/${x.id}`; } },
        h('td', { class: 'nowrap' }, x.year),
        h('td', {}, h('a', { href: `#/sampling-plans/${x.id}`, class: 'plan-name' }, x.name)),
        h('td', { class: 'nowrap' }, x.kind_name || label(SAMPLE_KINDS, x.kind)),
        h('td', { class: 'nowrap' }, x.division_name),
        h('td', { class: 'num' }, x.population),
        h('td', { class: 'num' }, x.per_thousand),
        h('td', { class: 'num plan-target' }, x.target),
        h('td', { class: 'num plan-done' }, x.done),
        h('td', {}, bar(x.done, x.target))))
        : h('tr', {}, h('td', { colspan: 9, class: 'muted', id: 'no-plans' }, year ? `${year}年暂无抽检计划` : '暂无抽检计划'))))),
    pager(offset, shown.length, plans.length, (at) => { location.hash = to({ year, offset: at || undefined }); }));
}
