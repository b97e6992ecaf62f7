// 抽检计划 · one plan (#/sampling-plans/:id): its target and how it is sized; its items (food category,
// township, month, batches, analytes, random / sentinel / targeted, from a 你点我检 proposal or not) with
// the batches drawn and taken; for the county, the form that adds an item, the server's weighted split of
// the target by township × food category (which the county can turn into items), and 随机抽取 per item:
// businesses and samplers drawn at random, the tasks created, the seed recorded so that the draw replays
// (GET /draws/:id/verify). Progress against the plan by food category, township and month.
// A township official and a sampler read the plan (a township its own items only).
import { get, post, query } from '../api.js';
import { formatTime, h, mount, percent } from '../dom.js';
import { SAMPLE_KINDS, label } from '../labels.js';
import { analyteName, analytesFor, depth, field, formError, limitTables, limitText, submitter } from './sample_common.js';
import { MODES, PLANNERS, bar } from './sampling_plans.js';

const MONTH_NAMES = Array.from({ length: 12 }, (_, i) => [i + 1, `${i + 1}月`]);

// A whole number typed in a field, or what was typed (the server names the field when it is not one).
export function intOf(v) {
  const s = String(v).trim();
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s;
}

// The analytes an item of this category can be tested for: a limit on the category, on one of its
// ancestors (analytesFor), or on a category beneath it (a general category covers its kinds).
export function itemAnalytes(t, code) {
  const out = new Map(analytesFor(t, code).map((a) => [a.code, a]));
  for (const l of t.limits) {
    if (l.food_category.startsWith(`${code}.`) && !out.has(l.analyte)) out.set(l.analyte, { code: l.analyte, name: l.analyte_name, limit: null, below: true });
  }
  return [...out.values()];
}

// The townships an item of the plan may name: a county's townships, or the plan's own township.
export async function planTownships(plan) {
  if (plan.division_code.length !== 6) return [{ code: plan.division_code, name: plan.division_name }];
  return (await get(`/divisions${query({ parent: plan.division_code })}`)).items.filter((d) => d.level === 2);
}

// The controls of a plan item (also used to adopt a proposal): {fields, body(), set(preset)}.
export function itemControls(t, towns, prefix, preset = {}) {
  const category = h('select', { name: 'food_category', id: `${prefix}-category` }, h('option', { value: '' }, '请选择'),
    t.list.map((c) => h('option', { value: c.code }, `${'　'.repeat(depth(t, c.code))}${c.name}`)));
  const township = h('select', { name: 'township_code', id: `${prefix}-township` },
    h('option', { value: '' }, towns.length === 1 ? towns[0].name : '不限乡镇（全计划区划）'),
    towns.length === 1 ? null : towns.map((x) => h('option', { value: x.code }, x.name)));
  const month = h('select', { name: 'month', id: `${prefix}-month` }, h('option', { value: '' }, '不限月份'),
    MONTH_NAMES.map(([m, text]) => h('option', { value: m }, text)));
  const target = h('input', { type: 'number', name: 'target', id: `${prefix}-target`, min: 1, step: 1, placeholder: '批次' });
  const mode = h('select', { name: 'mode', id: `${prefix}-mode` }, Object.entries(MODES).map(([v, text]) => h('option', { value: v }, text)));
  const analytes = h('div', { class: 'checklist', id: `${prefix}-analytes` });
  const showAnalytes = (checked = []) => {
    const list = category.value ? itemAnalytes(t, category.value) : [];
    mount(analytes, !category.value ? h('span', { class: 'muted small' }, '先选择食品类别')
      : list.length ? list.map((a) => h('label', { class: 'inline check', style: 'flex-direction:row;color:inherit' },
        h('input', { type: 'checkbox', name: 'analyte', value: a.code, checked: checked.includes(a.code) }), a.name,
        h('span', { class: 'muted small' }, a.below ? '（下级类别限量）' : `（${limitText(a.limit)}）`)))
        : h('span', { class: 'muted small' }, '该类别暂无限量标准'));
    analytes.dispatchEvent(new Event('input')); // clears the old message beside the field
  };
  category.addEventListener('change', () => showAnalytes());
  const set = (p) => {
    if (p.food_category !== undefined) category.value = p.food_category;
    if (p.township_code !== undefined) township.value = towns.some((x) => x.code === p.township_code) && towns.length > 1 ? p.township_code : '';
    if (p.target !== undefined) target.value = p.target;
    if (p.month !== undefined) month.value = p.month || '';
    if (p.mode !== undefined) mode.value = p.mode;
    showAnalytes(p.analytes || []);
  };
  set(preset);
  return {
    fields: [
      field('食品类别', category, { required: true, wide: true }),
      field('乡镇（街道）', township),
      field('月份', month),
      field('计划批次', target, { required: true }),
      field('抽样方式', mode),
      field('检验项目', analytes, { required: true, name: 'analytes', wide: true }),
    ],
    body: () => ({
      food_category: category.value || undefined,
      township_code: towns.length === 1 ? towns[0].code : township.value || null,
      month: month.value ? Number(month.value) : undefined,
      target: intOf(target.value),
      analytes: [...analytes.querySelectorAll('input:checked')].map((i) => i.value),
      mode: mode.value,
    }),
    set,
  };
}

function dl(rows) {
  return h('dl', { class: 'fields' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v, id]) =>
    [h('dt', {}, k), h('dd', { id }, v)]));
}

function headCard(plan) {
  const unassigned = plan.target - plan.items_target;
  return h('div', { class: 'card', id: 'plan-head' },
    dl([['年度', `${plan.year}年`], ['计划类型', plan.kind_name || label(SAMPLE_KINDS, plan.kind)], ['计划区划', plan.division_name],
      ['常住人口', `${plan.population} 人`], ['每千人抽检批次', plan.per_thousand],
      ['计划批次', String(plan.target), 'plan-target'],
      ['已分解到条目', `${plan.items_target} 批`, 'plan-items-target'],
      ['已抽样', `${plan.done} 批`, 'plan-done'], ['待抽样任务', `${plan.assigned} 个`, 'plan-assigned'],
      ['制定时间', formatTime(plan.created_at)]]),
    h('p', { class: 'muted small' }, `计划批次 = ${plan.population} × ${plan.per_thousand} ÷ 1000，向上取整 = ${plan.target}。`),
    unassigned > 0 ? h('p', { class: 'warn small', id: 'plan-unassigned' }, `尚有 ${unassigned} 批未分解到计划条目。`) : null);
}

function itemsTable(plan, t, planner, onDraw) {
  const cols = ['食品类别', '乡镇（街道）', '月份', '计划批次', '检验项目', '方式', '已抽样', '待抽样', '完成情况'];
  if (planner) cols.push('');
  return [h('h3', { id: 'items-heading' }, `计划条目（${plan.items.length} 条）`), h('div', { class: 'table-wrap' }, h('table', { id: 'item-table' },
    h('thead', {}, h('tr', {}, cols.map((x) => h('th', {}, x)))),
    h('tbody', {}, plan.items.length ? plan.items.map((i) => h('tr', { dataset: { id: i.id, mode: i.mode } },
      h('td', {}, i.food_category_name || i.food_category,
        i.proposal_id ? h('span', { class: 'badge open', title: `来自公众建议 #${i.proposal_id}` }, '你点我检') : null),
      h('td', { class: 'nowrap' }, i.township_name || (plan.division_code.length === 6 ? '不限乡镇' : plan.division_name)),
      h('td', { class: 'nowrap' }, i.month ? `${i.month}月` : '不限'),
      h('td', { class: 'num item-target' }, i.target),
      h('td', { class: 'small' }, i.analytes.map((a) => analyteName(t, a)).join('、')),
      h('td', { class: 'nowrap' }, label(MODES, i.mode)),
      h('td', { class: 'num item-done' }, i.done),
      h('td', { class: 'num item-assigned' }, i.assigned),
      h('td', {}, bar(i.done, i.target)),
      planner ? h('td', { class: 'nowrap' }, h('button', { type: 'button', class: 'link item-draw', onclick: () => onDraw(i) },
        i.mode === 'sentinel' ? '指定抽取' : '随机抽取')) : null))
      : h('tr', {}, h('td', { colspan: cols.length, class: 'muted', id: 'no-items' }, '尚无计划条目')))))];
}

// ---- the draw ----

function drawForm(box, plan, item, done) {
  const sentinel = item.mode === 'sentinel';
  const left = Math.max(1, item.target - item.done - item.assigned);
  const count = h('input', { type: 'number', name: 'count', id: 'draw-count', min: 1, max: 1000, step: 1, value: left });
  const team = h('input', { type: 'number', name: 'team_size', id: 'draw-team', min: 2, max: 10, step: 1, value: 2 });
  const seed = h('input', { type: 'number', name: 'seed', id: 'draw-seed-input', min: 1, step: 1, placeholder: '留空自动生成' });
  // sentinel points: the businesses the official names, in order
  const picked = [];
  const pickedBox = h('div', { class: 'entity-choices', id: 'draw-picked' });
  const showPicked = () => {
    mount(pickedBox, picked.length ? picked.map((e, n) => h('span', { class: 'badge', dataset: { id: e.id } }, `${n + 1}. ${e.name} `,
      h('button', { type: 'button', class: 'link', onclick: () => { picked.splice(n, 1); showPicked(); } }, '×')))
      : h('span', { class: 'muted small' }, '尚未指定监测点'));
    pickedBox.dispatchEvent(new Event('input', { bubbles: true })); // a change of points clears the old message
  };
  const q = h('input', { type: 'search', id: 'draw-entity-q', placeholder: '输入单位名称查找' });
  const found = h('div', { class: 'entity-choices', id: 'draw-entity-choices' });
  const township = item.township_code || (plan.division_code.length === 6 ? undefined : plan.division_code);
  const search = async () => {
    let r;
    try {
      r = await get(`/entities${query({ q: q.value.trim(), status: 'active', township, limit: 10 })}`);
    } catch (e) {
      mount(found, h('span', { class: 'error small' }, e.message));
      return;
    }
    mount(found, r.items.length ? r.items.map((e) => h('button', { type: 'button', class: 'link entity-choice', dataset: { id: e.id }, onclick: () => {
      if (!picked.some((x) => x.id === e.id)) picked.push(e);
      showPicked();
    } }, e.name)) : h('span', { class: 'muted small' }, '没有找到在营的单位'));
  };
  q.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); search(); } });
  showPicked();
  const where = `${item.food_category_name} · ${item.township_name || plan.division_name}${item.month ? ` · ${item.month}月` : ''}`;
  const form = h('form', { class: 'card', id: 'draw-form', novalidate: true, dataset: { item: item.id } },
    h('h3', {}, `${sentinel ? '固定监测点抽样' : '随机抽取'}：${where}`),
    h('p', { class: 'muted small' }, sentinel
      ? '固定监测点条目由您指定被抽样单位，抽样人员仍随机抽取；抽取结果和随机种子记录在案，可复现验证。'
      : `从${item.township_name || plan.division_name}在营的食品生产经营主体中随机抽取被抽样单位（已有本条目任务的除外；重点监管主体优先），每个单位随机配备抽样人员，并直接下达抽样任务。随机种子记录在案，可复现验证。`),
    h('div', { class: 'form-grid' },
      sentinel ? field('监测点', h('div', {}, h('div', { class: 'filters' }, q,
        h('button', { type: 'button', id: 'draw-entity-search', onclick: search }, '查找')), found, pickedBox), { required: true, name: 'entity_ids', wide: true })
        : field('抽取单位数', count, { required: true, hint: `本条目计划 ${item.target} 批，已下达 ${item.done + item.assigned} 个任务` }),
      field('每组抽样人数', team),
      field('随机种子', seed, { hint: '指定种子可复现同一结果' })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'draw-submit' }, sentinel ? '抽取并下达任务' : '随机抽取并下达任务'),
      h('button', { type: 'button', onclick: () => mount(box) }, '取消')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { team_size: intOf(team.value), seed: intOf(seed.value) };
    if (sentinel) body.entity_ids = picked.map((e) => e.id);
    else body.count = intOf(count.value);
    const r = await post(`/sampling/plans/${plan.id}/items/${item.id}/draw`, body);
    mount(box);
    await done(r, where);
  }));
  mount(box, form);
  box.scrollIntoView({ block: 'nearest' });
}

function drawResult(r, where, staffName) {
  const verify = h('button', { type: 'button', id: 'verify-draw', onclick: async () => {
    verify.disabled = true;
    try {
      const v = await get(`/draws/${r.draw_id}/verify`);
      verify.replaceWith(h('span', { class: v.reproduced ? 'ok' : 'error', id: 'verify-result' },
        v.reproduced ? '复现一致：按记录的种子重新抽取，结果相同' : '复现结果不一致'));
    } catch (e) {
      verify.replaceWith(h('span', { class: 'error', id: 'verify-result' }, e.message));
    }
  } }, '按种子复现验证');
  return h('div', { class: 'card', id: 'draw-result', dataset: { draw: r.draw_id } },
    h('h3', {}, `抽取结果：${where}`),
    h('p', {}, `抽取编号 ${r.draw_id}，随机种子 `, h('strong', { class: 'mono', id: 'draw-seed' }, String(r.seed)),
      `，候选主体 ${r.candidates} 户，计划抽取 ${r.requested} 户，实际抽取 `, h('strong', { id: 'draw-drawn' }, String(r.drawn)), ' 户。'),
    r.shortfall ? h('p', { class: 'warn small', id: 'draw-shortfall' }, `候选主体不足，少抽 ${r.shortfall} 户。`) : null,
    verify,
    h('div', { class: 'table-wrap' }, h('table', { id: 'draw-table' },
      h('thead', {}, h('tr', {}, ['被抽样单位', '抽样人员', '抽样任务'].map((x) => h('th', {}, x)))),
      h('tbody', {}, r.result.map((p) => h('tr', { dataset: { entity: p.entity_id, sample: p.sample_id } },
        h('td', {}, h('a', { href: `#/entities/${p.entity_id}`, class: 'drawn-entity' }, p.entity_name || `#${p.entity_id}`)),
        h('td', { class: 'drawn-samplers' }, p.samplers.map(staffName).join('、')),
        h('td', {}, h('a', { href: `#/sample/${p.sample_id}` }, `任务 #${p.sample_id}`))))))));
}

// ---- the split ----

const chineseOf = (text) => (text || '').replace(/\s\((?=[A-Za-z]).*$/s, '');

function splitView(box, plan, t, split, created) {
  const tname = new Map(split.townships.map((x) => [x.township_code, x.name]));
  const cname = new Map(split.categories.map((c) => [c.food_category, c.name]));
  // per category, the analytes the generated items test
  const chosen = new Map();
  const analytesCell = (c) => {
    const list = itemAnalytes(t, c.food_category);
    const count = h('span', { class: 'muted small' }, '（未选）');
    const boxes = list.map((a) => h('label', { class: 'inline check' },
      h('input', { type: 'checkbox', value: a.code, onchange: () => {
        const sel = [...boxes].map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
        chosen.set(c.food_category, sel);
        count.textContent = sel.length ? `（已选 ${sel.length} 项）` : '（未选）';
      } }), a.name));
    return list.length ? h('details', { class: 'split-analytes', dataset: { category: c.food_category } },
      h('summary', {}, '选择检验项目', count), h('div', { class: 'checklist' }, boxes))
      : h('span', { class: 'muted small' }, '暂无限量标准');
  };
  const cells = split.cells.filter((c) => c.target > 0);
  const checks = new Map();
  const msg = h('p', { class: 'field-error', id: 'split-error' });
  const status = h('p', { class: 'ok', id: 'split-status' });
  const make = async (ev) => {
    msg.textContent = '';
    status.textContent = '';
    const picked = cells.filter((c) => checks.get(c)?.checked);
    if (!picked.length) { msg.textContent = '请勾选要生成条目的分配格'; return; }
    const missing = [...new Set(picked.filter((c) => !(chosen.get(c.food_category) || []).length).map((c) => cname.get(c.food_category)))];
    if (missing.length) { msg.textContent = `请先为以下食品类别选择检验项目：${missing.join('、')}`; return; }
    ev.target.disabled = true;
    let made = 0;
    try {
      for (const c of picked) {
        await post(`/sampling/plans/${plan.id}/items`, { food_category: c.food_category, township_code: c.township_code,
          target: c.target, analytes: chosen.get(c.food_category), mode: 'random' });
        made++;
        checks.get(c).checked = false;
        checks.get(c).disabled = true;
        status.textContent = `已生成 ${made} / ${picked.length} 条`;
      }
    } catch (e) {
      msg.textContent = `第 ${made + 1} 条未能生成：${e.message}`;
    } finally {
      ev.target.disabled = false;
      if (made) await created(made);
    }
  };
  mount(box,
    h('div', { class: 'card', id: 'split-result' },
      h('h3', {}, '按乡镇和食品类别分配计划批次（建议）'),
      h('p', { class: 'muted small', id: 'split-rule' }, `${chineseOf(split.rule)}。不合格批次统计自 ${split.failures_from} 起。`),
      h('p', {}, `计划批次 `, h('strong', { id: 'split-target' }, String(split.target)),
        `，分到 ${split.townships.length} 个乡镇（街道）、${split.categories.length} 个食品类别。`),
      h('h4', {}, '按乡镇（街道）'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'split-townships' },
        h('thead', {}, h('tr', {}, ['乡镇（街道）', '在营主体', 'C级', 'D级', '加权主体数', '近三年不合格', '建议批次'].map((x) => h('th', {}, x)))),
        h('tbody', {}, split.townships.map((x) => h('tr', { dataset: { code: x.township_code } }, h('td', {}, x.name),
          h('td', { class: 'num' }, x.businesses), h('td', { class: 'num' }, x.grade_c), h('td', { class: 'num' }, x.grade_d),
          h('td', { class: 'num' }, x.business_weight), h('td', { class: 'num' }, x.failures), h('td', { class: 'num split-target' }, x.target)))))),
      h('h4', {}, '按食品类别'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'split-categories' },
        h('thead', {}, h('tr', {}, ['食品类别', '近三年不合格', '建议批次', '生成条目时检验的项目'].map((x) => h('th', {}, x)))),
        h('tbody', {}, split.categories.map((c) => h('tr', { dataset: { code: c.food_category } }, h('td', {}, c.name),
          h('td', { class: 'num' }, c.failures), h('td', { class: 'num split-target' }, c.target), h('td', {}, analytesCell(c))))))),
      h('h4', {}, '分配格'),
      h('p', { class: 'muted small' }, `建议批次大于0的格共 ${cells.length} 个（全部 ${split.cells.length} 个格中其余为0批）。勾选后按上面选定的检验项目生成随机抽样条目。`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'split-cells' },
        h('thead', {}, h('tr', {}, h('th', {}, h('input', { type: 'checkbox', id: 'split-pick-all', checked: true, title: '全选 / 全不选', onchange: (ev) => {
          for (const b of checks.values()) if (!b.disabled) b.checked = ev.target.checked;
        } })), ['乡镇（街道）', '食品类别', '近三年不合格', '权重', '建议批次'].map((x) => h('th', {}, x)))),
        h('tbody', {}, cells.map((c) => {
          const box2 = h('input', { type: 'checkbox', class: 'split-pick', checked: true });
          checks.set(c, box2);
          return h('tr', { dataset: { township: c.township_code, category: c.food_category } }, h('td', {}, box2),
            h('td', {}, tname.get(c.township_code)), h('td', {}, cname.get(c.food_category)),
            h('td', { class: 'num' }, c.failures), h('td', { class: 'num' }, c.weight), h('td', { class: 'num split-target' }, c.target));
        })))),
      msg, status,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'split-make', onclick: make }, '按勾选生成计划条目'),
        h('button', { type: 'button', onclick: () => mount(box) }, '收起'))));
}

// ---- progress ----

function progressTable(id, title, rows, nameOf) {
  return [h('h4', {}, title),
    h('div', { class: 'table-wrap' }, h('table', { id },
      h('thead', {}, h('tr', {}, ['', '计划批次', '已抽样', '完成情况'].map((x) => h('th', {}, x)))),
      h('tbody', {}, rows.length ? rows.map((r) => h('tr', {}, h('td', {}, nameOf(r)), h('td', { class: 'num' }, r.target),
        h('td', { class: 'num' }, r.done), h('td', {}, bar(r.done, r.target))))
        : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, '暂无')))))];
}

function progressCard(p) {
  return h('div', { class: 'card', id: 'plan-progress' },
    h('h3', {}, '完成进度'),
    h('p', { id: 'progress-summary' }, `计划批次 ${p.target}，条目合计 ${p.items_target}，已抽样 `, h('strong', { id: 'progress-done' }, String(p.done)),
      ` 批（完成 ${p.target ? percent(p.done / p.target) : '—'}），待抽样任务 ${p.assigned} 个。`),
    h('p', { class: 'muted small' }, '已抽样：已完成现场抽样的样品（拒绝抽样和已取消的不计）；月份按抽样日期。'),
    h('div', { class: 'grid2' },
      h('div', {}, progressTable('progress-category', '按食品类别', p.by_category, (r) => r.name || r.food_category)),
      h('div', {}, progressTable('progress-township', '按乡镇（街道）', p.by_township, (r) => r.name || '不限乡镇'))),
    progressTable('progress-month', '按月份', p.by_month, (r) => (r.month ? `${r.month}月` : '不限月份')));
}

export async function renderSamplingPlan(container, id, user) {
  const planner = PLANNERS.includes(user.role);
  const [t, first] = await Promise.all([limitTables(), get(`/sampling/plans/${id}`)]);
  let plan = first.plan;
  const [towns, staff] = planner ? await Promise.all([planTownships(plan), get('/officials?for=sampling').then((r) => r.items).catch(() => [])]) : [[], []];
  const names = new Map(staff.map((u) => [u.id, u.display_name]));
  const staffName = (uid) => names.get(uid) || `#${uid}`;
  const head = h('div', {});
  const items = h('div', { id: 'plan-items' });
  const drawBox = h('div', { id: 'draw-box' });
  const resultBox = h('div', { id: 'draw-result-box' });
  const splitBox = h('div', { id: 'split-box' });
  const progress = h('div', {});
  const loadProgress = async () => mount(progress, progressCard(await get(`/sampling/plans/${id}/progress`)));
  const show = () => {
    mount(head, headCard(plan));
    mount(items, itemsTable(plan, t, planner, (item) => drawForm(drawBox, plan, item, async (r, where) => {
      mount(resultBox, drawResult(r, where, staffName));
      await reload();
      resultBox.scrollIntoView({ block: 'nearest' });
    })));
  };
  async function reload() {
    plan = (await get(`/sampling/plans/${id}`)).plan;
    show();
    await loadProgress();
  }
  let addForm = null;
  if (planner) {
    const c = itemControls(t, towns, 'item');
    addForm = h('form', { class: 'card', id: 'item-form', novalidate: true },
      h('h3', {}, '新增计划条目'),
      h('div', { class: 'form-grid' }, c.fields),
      formError(),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'item-submit' }, '添加条目')));
    addForm.addEventListener('submit', submitter(addForm, async () => {
      await post(`/sampling/plans/${id}/items`, c.body());
      c.set({ target: '', analytes: [] });
      await reload();
    }));
  }
  const splitButton = planner ? h('button', { type: 'button', id: 'split-load', onclick: async (ev) => {
    ev.target.disabled = true;
    try {
      const split = await get(`/sampling/plans/${id}/split`);
      splitView(splitBox, plan, t, split, async () => { await reload(); });
    } catch (e) {
      mount(splitBox, h('p', { class: 'error', id: 'split-error' }, e.message));
    } finally { ev.target.disabled = false; }
  } }, '生成分配建议') : null;
  show();
  mount(container,
    h('div', { class: 'title-row' }, h('h2', { id: 'plan-title' }, plan.name),
      h('span', { class: 'badge' }, plan.kind_name || label(SAMPLE_KINDS, plan.kind)),
      h('a', { href: `#/sampling-plans?year=${plan.year}`, class: 'small' }, '返回计划列表')),
    head,
    items, drawBox, resultBox,
    planner ? addForm : h('p', { class: 'muted small' }, user.role === 'township' ? '仅列出本乡镇（街道）的条目和进度；条目由县局制定和抽取。' : '条目由县局制定和抽取。'),
    planner ? h('div', { class: 'card', id: 'split-card' }, h('div', { class: 'title-row' }, h('h3', {}, '分配建议'), splitButton),
      h('p', { class: 'muted small' }, '按各乡镇在营主体数（C、D级加权）和近三年各类别不合格批次，把计划批次分配到乡镇和食品类别，合计等于计划批次；可按建议生成条目。'),
      splitBox) : null,
    progress);
  await loadProgress();
}
