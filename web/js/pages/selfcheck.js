// 企业自查: a business records daily control, weekly check and monthly scheduling; officials see who is missing.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { exportButton } from '../export_csv.js';
import { PAGE, pagerFor } from './sample_common.js';

const KIND_LABELS = { daily: '日管控', weekly: '周排查', monthly: '月调度' };

async function businessView(container, user, offset = 0) {
  const reload = () => renderSelfCheck(container, user);
  const page = await get(`/self-records${query({ limit: PAGE, offset })}`);
  const records = page.items;
  const kind = h('select', { id: 'self-kind' }, Object.entries(KIND_LABELS).map(([v, t]) => h('option', { value: v }, t)));
  const nothing = h('input', { type: 'checkbox', id: 'self-nothing', checked: true });
  const content = h('textarea', { id: 'self-content', rows: 2, placeholder: '检查内容（对照风险管控清单）' });
  const problems = h('textarea', { id: 'self-problems', rows: 2, placeholder: '发现的问题及处理情况' });
  const msg = h('p', { class: 'error hidden', id: 'self-error' });
  mount(container,
    h('h2', {}, '企业自查'),
    h('form', { class: 'card self-form', onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        await post('/self-records', { kind: kind.value, nothing_found: nothing.checked, content: content.value.trim(),
          problems: nothing.checked ? undefined : problems.value.trim() });
        reload();
      } catch (e) { msg.textContent = e.message; msg.classList.remove('hidden'); }
    } }, h('label', {}, '类型', kind), h('label', { class: 'inline' }, nothing, '未发现问题'), content, problems, msg,
    h('button', { type: 'submit', class: 'primary', id: 'self-submit' }, '提交本期记录')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'self-records' },
      h('thead', {}, h('tr', {}, ['类型', '期间', '结果', '内容'].map((t) => h('th', {}, t)))),
      h('tbody', {}, records.map((r) => h('tr', {}, h('td', {}, KIND_LABELS[r.kind]), h('td', {}, r.period),
        h('td', {}, r.nothing_found ? '未发现问题' : `发现问题：${r.problems}`), h('td', {}, r.content)))))),
    pagerFor(offset, page, (o) => businessView(container, user, o)));
}

async function officialView(container, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const kind = params.get('kind') || 'daily', offset = Number(params.get('offset')) || 0;
  const m = await get(`/self-records/missing${query({ kind, limit: PAGE, offset })}`);
  mount(container,
    h('h2', {}, '企业自查落实情况'),
    h('div', { class: 'tabs' }, Object.entries(KIND_LABELS).map(([v, t]) => h('a', { class: `tab ${v === kind ? 'active' : ''}`, href: `#/self?kind=${v}` }, t))),
    h('p', { id: 'missing-summary' }, `${m.period} 未填写${KIND_LABELS[kind]}记录的主体：${m.missing} 户`),
    h('div', { class: 'toolbar' }, exportButton(`/self-records/missing${query({ kind })}`, [['主体', (e) => e.name], ['乡镇', (e) => e.township_name],
      ['食品安全员', (e) => e.officer_name], ['电话', (e) => e.officer_phone]], `未填写${KIND_LABELS[kind]}的主体`)),
    h('div', { class: 'table-wrap' }, h('table', { id: 'self-missing' },
      h('thead', {}, h('tr', {}, ['主体', '乡镇', '食品安全员', '电话'].map((t) => h('th', {}, t)))),
      h('tbody', {}, m.items.map((e) => h('tr', {}, h('td', {}, h('a', { href: `#/entities/${e.id}` }, e.name)), h('td', {}, e.township_name),
        h('td', {}, e.officer_name || ''), h('td', {}, e.officer_phone || '')))))),
    pagerFor(offset, m, (o) => { location.hash = `#/self${query({ kind, offset: o || undefined })}`; }));
}

export async function renderSelfCheck(container, user, hash = '') {
  return user.role === 'business' ? businessView(container, user) : officialView(container, hash);
}
