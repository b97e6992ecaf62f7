// What the 抽样检验 pages share (samples.js, sample.js, sample_actions.js): the limit tables read once,
// the analytes a food category is tested for, the platform's today, badges, and form fields that show
// the API's error beside the field it names.
import { get, query } from '../api.js';
import { h } from '../dom.js';
import { SAMPLE_STATUSES, VERDICTS, label } from '../labels.js';

export const UNITS = ['µg/kg', 'mg/kg', 'g/kg', 'mg/L'];
// who decides, serves notices and follows up; who may also record, deliver, receive and report
export const OFFICIALS = ['admin', 'county', 'township'];
export const WORKERS = [...OFFICIALS, 'sampler'];
export const PAGE = 20;

// Every row of a paged list, read 500 at a time.
async function all(path) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = await get(`${path}${query({ limit: 500, offset })}`);
    out.push(...page.items);
    if (out.length >= page.total || !page.items.length) return out;
  }
}

let tables = null;
// The food categories (by code) and every limit, read once per visit of the console.
export function limitTables() {
  if (!tables) {
    tables = Promise.all([all('/sampling/food-categories'), all('/sampling/limits')])
      .then(([cats, limits]) => ({ list: cats, categories: new Map(cats.map((c) => [c.code, c])), limits }))
      .catch((e) => { tables = null; throw e; });
  }
  return tables;
}

// The category and its ancestors, the most specific first.
function pathOf(t, code) {
  const out = [];
  for (let c = t.categories.get(code); c && out.length < 20; c = t.categories.get(c.parent)) out.push(c.code);
  return out;
}

export function depth(t, code) { return Math.max(0, pathOf(t, code).length - 1); }

// The analytes a sample of this category can be judged for: a limit on the category or on one of its
// ancestors (the most specific one counts), [{code, name, limit}].
export function analytesFor(t, category) {
  const path = pathOf(t, category);
  const best = new Map();
  for (const l of t.limits) {
    const rank = path.indexOf(l.food_category);
    if (rank < 0) continue;
    const had = best.get(l.analyte);
    if (!had || rank < had.rank) best.set(l.analyte, { code: l.analyte, name: l.analyte_name, limit: l, rank });
  }
  return [...best.values()];
}

export function analyteName(t, code) {
  return t.limits.find((l) => l.analyte === code)?.analyte_name || code;
}

// A limit in a few characters: ≤20 µg/kg, 不得检出, n=5, c=2, m=100, M=1000 CFU/g.
export function limitText(l) {
  if (!l) return '';
  if (l.kind === 'not_detected') return '不得检出';
  if (l.kind === 'microbial') return `n=${l.n}, c=${l.c}, m=${l.m}${l.M !== null && l.M !== undefined ? `, M=${l.M}` : ''} ${l.unit}`;
  return `≤${l.value} ${l.unit}`;
}

// Today on the platform's clock (Beijing), which may not be the browser's.
let todayAt = null;
export async function platformToday() {
  if (!todayAt || Date.now() - todayAt.read > 60000) {
    const r = await fetch('/api/v1/health').then((x) => x.json()).catch(() => ({ now: Date.now() }));
    todayAt = { read: Date.now(), today: new Date(r.now + 8 * 3600e3).toISOString().slice(0, 10) };
  }
  return todayAt.today;
}

export function statusBadge(s) {
  return h('span', { class: `badge sample-status status-${s.status}` }, label(SAMPLE_STATUSES, s.status));
}

// The verdict that stands: the re-test's when there was one.
export function verdictOf(s) { return s.final_verdict || s.verdict; }

export function verdictBadge(v, extra = '') {
  return v ? h('span', { class: `badge verdict result-${v} ${extra}` }, label(VERDICTS, v)) : null;
}

// The next step a sample waits for, with its due date: [what, due] or null.
export function nextDue(s) {
  const failed = verdictOf(s) === 'fail';
  if (s.status === 'sampled') return ['送检', s.delivery_due];
  if (s.status === 'received') return ['检验报告', s.report_due];
  if (s.status === 'reported' && s.verdict === 'fail' && !s.notice_sent_on) return ['送达通知', s.notice_due];
  if (s.status === 'reported' && failed && s.followup_due && !s.followup_done_on) return ['后处理', s.followup_due];
  return null;
}

// A labelled control; its error span is found by the field name the API answers with.
// A group of controls (checkboxes, a picker) sits in a div, not a label.
export function field(text, control, { required = false, hint = null, name = control.name, wide = false } = {}) {
  const single = ['INPUT', 'SELECT', 'TEXTAREA'].includes(control.tagName);
  const error = h('span', { class: 'field-error', dataset: { for: name } });
  control.addEventListener('input', () => { error.textContent = ''; }); // corrected: the old message goes
  return h(single ? 'label' : 'div', { class: `sample-field${wide ? ' wide' : ''}` },
    h('span', { class: 'field-label' }, text, required ? h('em', { class: 'required-mark', title: '必填' }, '*') : null),
    control,
    hint ? h('span', { class: 'muted small' }, hint) : null,
    error);
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
}

// Shows an API error beside the field it names (results[2].value: the third row; analytes[0]: the
// analytes), else in the form's general message.
export function showError(form, e) {
  clearErrors(form);
  const f = e.field || '';
  const tries = [f, f.replace(/\.[\w]+$/, ''), f.replace(/\[.*$/, '')].filter(Boolean);
  const spot = tries.map((k) => form.querySelector(`.field-error[data-for="${CSS.escape(k)}"]`)).find(Boolean)
    || form.querySelector('.form-error');
  if (spot) spot.textContent = e.message;
  return spot;
}

// Runs an action of a form: errors beside their fields, the submit button held while it runs.
export function submitter(form, action) {
  return async (ev) => {
    ev?.preventDefault();
    clearErrors(form);
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try {
      await action();
    } catch (e) {
      showError(form, e);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };
}

export function formError() { return h('p', { class: 'field-error form-error', role: 'alert' }); }

// more: the API stopped counting at total (total_more, "10000+"); the next page is still there.
export function pager(offset, shown, total, go, more = false) {
  const last = Math.min(offset + shown, total);
  return h('div', { class: 'toolbar pager' },
    h('span', { class: 'muted sample-total' }, total ? `共 ${total}${more ? '+' : ''} 条，第 ${offset + 1}–${last} 条` : '共 0 条'),
    h('span', {},
      h('button', { type: 'button', class: 'prev', disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE)) }, '上一页'), ' ',
      h('button', { type: 'button', class: 'next', disabled: offset + PAGE >= total, onclick: () => go(offset + PAGE) }, '下一页')));
}

// The pager of a page of a list as the API answers it ({items, total, total_more}).
export function pagerFor(offset, page, go) {
  return pager(offset, page.items.length, page.total, go, page.total_more);
}
