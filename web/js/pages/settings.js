// 风险设置: the county's risk settings — the score bands of grades A–D, the inspections a year per
// grade, the points of the dynamic factors and the working days given to rectify. Officials of the
// county change them here (audited); a change of bands or points regrades every business.
import { get, patch } from '../api.js';
import { h, mount } from '../dom.js';

const GROUPS = [
  ['bands', '风险等级分值界限', '风险分值满分100分（静态40分、动态60分），按界限评定A（低）至D（高）四级；界限须递增。'],
  ['visits', '各等级年度检查频次', '每年至少监督检查次数（国家市场监督管理总局第49号令：每两年至少全项目检查一次）。'],
  ['deadlines', '整改期限', '责令整改的期限，按工作日计算（节假日依国务院放假通知）。'],
  ['points', '动态风险计分', '近两年内发生的事项计入动态风险分，合计不超过60分。'],
  ['sampling', '抽样检验', '抽检计划按常住人口确定批次；复检申请的受理决定期限按工作日计算；一年内多批次不合格的主体列入重点监管。'],
];

export async function renderSettings(container, user) {
  const { items } = await get('/settings');
  const editable = ['admin', 'county'].includes(user.role);
  const inputs = new Map();
  const errors = new Map();
  const msg = h('p', { id: 'settings-message' });
  const row = (s) => {
    const input = h('input', { type: 'number', name: s.key, min: s.min, max: s.max, step: 1, value: s.value, disabled: !editable });
    const err = h('span', { class: 'error field-error', id: `error-${s.key}` });
    inputs.set(s.key, { input, s });
    errors.set(s.key, err);
    return h('tr', { dataset: { key: s.key } },
      h('td', {}, h('strong', {}, s.label)),
      h('td', {}, input, h('div', {}, err)),
      h('td', { class: 'muted' }, `${s.meaning}（${s.min}–${s.max}，默认${s.default}）`));
  };
  const save = async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    msg.className = '';
    for (const e of errors.values()) e.textContent = '';
    const changes = {};
    for (const [key, { input, s }] of inputs) {
      if (input.value.trim() === '' || !/^\d+$/.test(input.value.trim())) {
        errors.get(key).textContent = `${s.label}应为整数`;
        return;
      }
      if (Number(input.value) !== s.value) changes[key] = Number(input.value);
    }
    if (!Object.keys(changes).length) { msg.textContent = '没有修改'; return; }
    try {
      const r = await patch('/settings', changes);
      msg.className = 'ok';
      msg.textContent = r.regraded ? `已保存，并已重新评定 ${r.graded} 户主体的风险等级` : '已保存';
      for (const s of r.items) if (inputs.has(s.key)) { inputs.get(s.key).s.value = s.value; inputs.get(s.key).input.value = s.value; }
    } catch (e) {
      const target = e.field && errors.get(e.field);
      if (target) target.textContent = e.message;
      msg.className = 'error';
      msg.textContent = e.message;
    }
  };
  mount(container,
    h('h2', {}, '风险设置'),
    h('p', { class: 'muted' }, '依据《食品生产经营风险分级管理办法（试行）》（2016）：以下数值由县局设置，修改记入审计日志。'),
    h('form', { id: 'settings-form', onsubmit: save },
      GROUPS.map(([group, title, note]) => h('div', { class: 'card', id: `settings-${group}` },
        h('h3', {}, title), h('p', { class: 'muted' }, note),
        h('div', { class: 'table-wrap' }, h('table', { class: 'settings-table' },
          h('thead', {}, h('tr', {}, h('th', {}, '设置'), h('th', {}, '数值'), h('th', {}, '含义'))),
          h('tbody', {}, items.filter((s) => s.group === group).map(row)))))),
      editable ? h('button', { type: 'submit', class: 'primary', id: 'settings-save' }, '保存') : null,
      msg));
}
