// 节假日设置: the State Council's holiday notice of each year, loaded by the county (a year without its
// notice counts on the fixed public holidays alone, and its deadlines are provisional), and a deadline
// calculator on the same engine every module uses.
import { get, put, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { actorName } from '../labels.js';

const KIND = { holiday: '放假', workday: '调休上班' };

// "2027-01-01,holiday,元旦" lines (as the notice CSV), also with 放假/上班 for the kind
function parseDays(text) {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const [date = '', kind = '', name = ''] = l.split(/[,，\t]/).map((s) => s.trim());
    const k = kind === '放假' ? 'holiday' : kind === '上班' || kind === '调休上班' ? 'workday' : kind;
    return { date, kind: k, name };
  });
}

function yearCard(y) {
  const status = y.notice
    ? h('p', { id: 'year-status' }, `已导入：${y.notice.source}（第${y.notice.revision}次，${actorName(y.notice.loaded_by)}，${formatTime(y.notice.loaded_at)}）`)
    : h('p', { id: 'year-status', class: 'warn' }, `${y.year}年国务院放假通知尚未导入：期限暂按法定节日计算，标注为“暂定”。`);
  return h('div', { class: 'card', id: 'calendar-year' },
    h('h3', {}, `${y.year}年`), status,
    h('p', {}, `全年工作日 `, h('strong', { id: 'working-days' }, y.working_days), ' 天'),
    h('div', { class: 'grid2' },
      h('div', {}, h('h4', {}, '法定节日（《全国年节及纪念日放假办法》）'),
        h('table', {}, h('tbody', {}, y.fixed_holidays.map((d) => h('tr', {}, h('td', {}, d.date), h('td', {}, d.name)))))),
      h('div', {}, h('h4', {}, '放假通知安排'),
        y.days.length ? h('table', { id: 'notice-days' }, h('thead', {}, h('tr', {}, h('th', {}, '日期'), h('th', {}, '安排'), h('th', {}, '名称'))),
          h('tbody', {}, y.days.map((d) => h('tr', {}, h('td', {}, d.date), h('td', {}, KIND[d.kind] || d.kind), h('td', {}, d.name)))))
          : h('p', { class: 'muted' }, '无'))));
}

function loadForm(user, year, reload) {
  if (!['admin', 'county'].includes(user.role)) return null;
  const source = h('input', { name: 'source', class: 'wide', placeholder: '如：国务院办公厅关于2027年部分节假日安排的通知' });
  const days = h('textarea', { name: 'days', rows: 8, placeholder: '每行一天：日期,放假|上班,名称\n2027-01-01,放假,元旦\n2027-02-20,上班,春节调休上班' });
  const msg = h('p', { class: 'error', id: 'calendar-error' });
  return h('form', { class: 'card self-form', id: 'calendar-form', onsubmit: async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      await put(`/calendar/${year}`, { source: source.value.trim(), days: parseDays(days.value) });
      reload();
    } catch (e) { msg.textContent = e.field ? `${e.field}：${e.message}` : e.message; }
  } },
  h('h3', {}, `导入${year}年放假通知`),
  h('p', { class: 'muted' }, '导入后替换该年已有安排，并记入审计日志。'),
  h('label', {}, '通知名称或文号 ', source), days,
  h('button', { type: 'submit', class: 'primary' }, '导入'), msg);
}

function deadlineForm(today) {
  const from = h('input', { type: 'date', name: 'from', value: today });
  const days = h('input', { type: 'number', name: 'days', min: 0, max: 1000, value: 5 });
  const unit = h('select', { name: 'unit' }, h('option', { value: '0' }, '工作日'), h('option', { value: '1' }, '自然日'));
  const out = h('p', { id: 'deadline-result' });
  return h('form', { class: 'card filters', id: 'deadline-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const d = await get(`/calendar/deadline${query({ from: from.value, days: days.value, calendar_days: unit.value })}`);
      out.textContent = `期限至 ${d.deadline}${d.provisional ? `（暂定：${d.provisional_year}年放假通知未导入）` : ''}`;
    } catch (e) { out.textContent = e.message; }
  } }, h('h3', {}, '期限计算'), from, days, unit, h('button', { type: 'submit' }, '计算'), out);
}

export async function renderCalendar(container, user, hash) {
  const o = await get('/calendar');
  const thisYear = Number(o.today.slice(0, 4));
  const year = Number(new URLSearchParams(hash.split('?')[1] || '').get('year')) || (o.warning ? o.warning.year : thisYear);
  const y = await get(`/calendar/${year}`);
  const reload = () => renderCalendar(container, user, `#/calendar?year=${year}`);
  mount(container,
    h('h2', {}, '节假日设置'),
    o.warning ? h('p', { class: 'warn', id: 'calendar-warning' }, `尚未导入${o.warning.year}年国务院节假日安排通知，该年的期限暂按法定节日计算，标注为“暂定”。`) : null,
    h('div', { class: 'filters' }, [thisYear - 1, thisYear, thisYear + 1].map((n) =>
      h('a', { href: `#/calendar?year=${n}`, class: n === year ? 'button active' : 'button' }, `${n}年`))),
    yearCard(y),
    loadForm(user, year, reload),
    deadlineForm(o.today),
    h('div', { class: 'card' }, h('h3', {}, '已导入的放假通知'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'notices' },
        h('thead', {}, h('tr', {}, ['年度', '通知', '天数', '导入人', '导入时间'].map((t) => h('th', {}, t)))),
        h('tbody', {}, o.notices.map((n) => h('tr', {}, h('td', {}, h('a', { href: `#/calendar?year=${n.year}` }, n.year)),
          h('td', {}, n.source), h('td', { class: 'num' }, n.days), h('td', {}, actorName(n.loaded_by)), h('td', {}, formatTime(n.loaded_at)))))))));
}
