// 检验判定: a sampler or official enters a sample's results and reads the verdict, each item citing the
// standard and clause it rests on; below, the limit tables in force, page by page. Nothing is stored
// here: sampling records come with the rest of issue 11.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';

const PAGE = 50;
const UNITS = ['µg/kg', 'mg/kg', 'g/kg', 'µg/L', 'mg/L'];
const KIND = { max: '最大限量', not_detected: '不得检出', microbial: '微生物采样方案' };

// Every row of a paged list, read 500 at a time.
async function all(path) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = await get(`${path}${query({ limit: 500, offset })}`);
    out.push(...page.items);
    if (out.length >= page.total || !page.items.length) return out;
  }
}

function depth(code) { return code.split('.').length - 1; }

function resultRow(analytes) {
  const analyte = h('select', { class: 'analyte' }, analytes.map(([code, name]) => h('option', { value: code }, name)));
  const value = h('input', { class: 'value', type: 'number', min: 0, step: 'any', placeholder: '检测值' });
  const unit = h('select', { class: 'unit' }, UNITS.map((u) => h('option', { value: u }, u)));
  const nd = h('input', { class: 'not-detected', type: 'checkbox' });
  const row = h('div', { class: 'filters result-row' }, analyte, value, unit, h('label', { class: 'inline' }, nd, '未检出'),
    h('button', { type: 'button', class: 'link remove', onclick: () => row.remove() }, '删除'));
  row.read = () => (nd.checked ? { analyte: analyte.value, detected: false }
    : { analyte: analyte.value, value: value.value === '' ? undefined : Number(value.value), unit: unit.value });
  return row;
}

function verdictCard(r) {
  const good = r.verdict === 'pass';
  return h('div', { class: 'card', id: 'judge-verdict' },
    h('div', { class: 'title-row' }, h('strong', {}, `${r.food_category_name}：`),
      h('span', { class: `badge ${good ? 'active' : 'revoked'}`, id: 'judge-overall' }, good ? '合格' : '不合格')),
    h('ul', {}, r.items.map((i) => h('li', { class: `judge-item ${i.verdict}` },
      h('strong', {}, `${i.analyte_name}：${i.verdict === 'pass' ? '合格' : '不合格'}`), h('br'), h('span', { class: 'muted small' }, i.basis)))));
}

async function limitsTable(box, offset = 0) {
  const data = await get(`/sampling/limits${query({ limit: PAGE, offset })}`);
  const last = Math.min(offset + data.items.length, data.total);
  const level = (l) => (l.kind === 'microbial' ? `n=${l.n}, c=${l.c}, m=${l.m}${l.M !== null ? `, M=${l.M}` : ''} ${l.unit}` : `${l.value} ${l.unit}`);
  mount(box,
    h('div', { class: 'toolbar pager' },
      h('span', { class: 'muted', id: 'limits-total' }, data.total ? `共 ${data.total} 条限量，第 ${offset + 1}–${last} 条` : '暂无限量'),
      h('span', {},
        h('button', { type: 'button', class: 'prev', disabled: offset === 0, onclick: () => limitsTable(box, Math.max(0, offset - PAGE)) }, '上一页'), ' ',
        h('button', { type: 'button', class: 'next', disabled: offset + PAGE >= data.total, onclick: () => limitsTable(box, offset + PAGE) }, '下一页'))),
    h('div', { class: 'table-wrap' }, h('table', { id: 'limits-table' },
      h('thead', {}, h('tr', {}, ['检测项目', '食品类别', '类型', '限量', '依据'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.map((l) => h('tr', {},
        h('td', {}, l.analyte_name), h('td', {}, l.food_category_name), h('td', {}, KIND[l.kind] || l.kind),
        h('td', { class: 'nowrap' }, level(l)), h('td', {}, `${l.standard} ${l.clause}`)))))));
}

export async function renderSampling(container) {
  const [categories, limits] = await Promise.all([all('/sampling/food-categories'), all('/sampling/limits')]);
  const analytes = [...new Map(limits.filter((l) => l.kind !== 'microbial').map((l) => [l.analyte, l.analyte_name])).entries()];
  const category = h('select', { id: 'judge-category' },
    categories.map((c) => h('option', { value: c.code }, `${'　'.repeat(depth(c.code))}${c.name}`)));
  const rows = h('div', { id: 'judge-rows' }, resultRow(analytes));
  const msg = h('p', { class: 'field-error', id: 'judge-error' });
  const out = h('div', { id: 'judge-out' });
  const judge = async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    mount(out);
    const results = [...rows.querySelectorAll('.result-row')].map((r) => r.read());
    try {
      mount(out, verdictCard(await post('/sampling/judge', { food_category: category.value, results })));
    } catch (e) {
      const m = /^results\[(\d+)\]\.(\w+)/.exec(e.field || '');
      msg.textContent = m ? `第${Number(m[1]) + 1}项${{ value: '检测值', unit: '单位', analyte: '检测项目' }[m[2]] || ''}：${e.message}`
        : e.field === 'food_category' ? `食品类别：${e.message}` : e.message;
    }
  };
  const tableBox = h('div', { id: 'limits-box' });
  mount(container,
    h('h2', {}, '检验判定'),
    h('p', { class: 'muted' }, '按样品的食品类别逐项判定：采用该类别或其上级类别中最具体的限量，检测值等于限量为合格（全数值比较法），结论注明依据的标准条款。'),
    h('form', { class: 'card', id: 'judge-form', onsubmit: judge },
      h('label', { class: 'inline' }, '食品类别', category),
      rows,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'judge-add', onclick: () => rows.append(resultRow(analytes)) }, '增加检测项目'),
        h('button', { type: 'submit', class: 'primary', id: 'judge-submit' }, '判定')),
      msg),
    out,
    h('div', { class: 'card' }, h('h3', {}, '限量标准'), tableBox));
  await limitsTable(tableBox);
}
