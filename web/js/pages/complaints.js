// 投诉举报 · the officials' list (#/complaints): open ones first with the nearest deadline and its
// countdown, filters, pages; the form that registers a call, a visit, a letter or a media story (登记);
// the year's figures (#/complaints?tab=figures); an export of the 12315 platform imported (导入12315: CSV
// in UTF-8 or GBK, or JSON; each row's outcome shown). A record opens at #/complaint/:id (complaint.js).
import { api, get, post, query } from '../api.js';
import { h, mount, percent } from '../dom.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_KINDS, COMPLAINT_STATUSES, DUE_STEPS, label } from '../labels.js';
import { PAGE, field, formError, platformToday, submitter, pagerFor } from './sample_common.js';
import { markFlagged } from './credit_flags.js';
import { exportButton } from '../export_csv.js';

const params = (hash) => new URLSearchParams(hash.split('?')[1] || '');
const options = (map, blank) => [blank ? h('option', { value: '' }, blank) : null,
  ...Object.entries(map).map(([k, v]) => h('option', { value: k }, v))];

export function countdown(due, today, closed) {
  if (closed || !due) return h('span', { class: 'muted' }, '—');
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400e3);
  if (days < 0) return h('span', { class: 'badge overdue' }, `逾期${-days}天`);
  return h('span', { class: `countdown ${days <= 2 ? 'soon' : ''}` }, days === 0 ? `今日到期` : `${due}（${days}天后）`);
}

function registerForm(box, user, reload) {
  const kind = h('select', { name: 'kind' }, options({ ...COMPLAINT_KINDS, both: '投诉并举报' }));
  const channel = h('select', { name: 'channel' }, options({ phone: '电话', walk_in: '来访', letter: '信函', 12315: '12315平台', media: '媒体' }));
  const respondent = h('input', { name: 'respondent_name', placeholder: '商户名称或摊位描述' });
  const entityId = h('input', { name: 'entity_id', type: 'number', min: 1, placeholder: '在档商户编号（可选）' });
  const division = h('input', { name: 'division_code', value: user.division_code?.length === 12 ? user.division_code : '', placeholder: '乡镇（街道）区划代码' });
  const category = h('select', { name: 'category' }, options(COMPLAINT_CATEGORIES));
  const facts = h('textarea', { name: 'facts', rows: 3, placeholder: '事实和理由（至少10个字）' });
  const request = h('input', { name: 'request', placeholder: '投诉请求，如退款赔偿' });
  const name = h('input', { name: 'person_name' }), phone = h('input', { name: 'person_phone', type: 'tel' });
  const address = h('input', { name: 'person_address' });
  const anonymous = h('input', { type: 'checkbox', name: 'anonymous' });
  const sourceName = h('input', { name: 'source_name', placeholder: '如某短视频平台' }), sourceUrl = h('input', { name: 'source_url', placeholder: 'https://' });
  const form = h('form', { class: 'card sample-form', id: 'complaint-register' },
    h('h3', {}, '登记投诉举报或舆情'),
    h('div', { class: 'form-grid' },
      field('类型', kind, { required: true }), field('来源', channel),
      field('被投诉举报对象', respondent), field('商户编号', entityId, { hint: '在档商户填编号，名称和地区自动带出' }),
      field('承办地区', division), field('问题类别', category, { required: true }),
      field('事实和理由', facts, { required: true, wide: true }), field('投诉请求', request, { wide: true }),
      field('姓名', name), field('联系电话', phone), field('联系地址', address), field('匿名举报', anonymous),
      field('舆情来源', sourceName), field('链接', sourceUrl)),
    formError(),
    h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '登记')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { kind: kind.value, channel: channel.value, category: category.value, facts: facts.value.trim(), request: request.value.trim() || undefined };
    if (entityId.value) body.entity_id = Number(entityId.value);
    else { body.respondent_name = respondent.value.trim(); body.division_code = division.value.trim() || undefined; }
    if (kind.value === 'opinion') Object.assign(body, { source_name: sourceName.value.trim(), source_url: sourceUrl.value.trim() || undefined });
    else if (anonymous.checked) body.anonymous = true;
    else Object.assign(body, { person_name: name.value.trim(), person_phone: phone.value.trim(), person_address: address.value.trim() || undefined });
    const r = await post('/complaints', body);
    location.hash = `#/complaint/${r.items[0].id}`;
    reload?.();
  }));
  mount(box, form);
}

async function renderList(container, user, hash) {
  const p = params(hash);
  const offset = Number(p.get('offset')) || 0;
  const filter = { kind: p.get('kind') || '', status: p.get('status') || '', q: p.get('q') || '', overdue: p.get('overdue') || '', open: p.get('open') ?? '1' };
  const [today, data] = await Promise.all([platformToday(),
    get(`/complaints${query({ ...filter, open: filter.status ? '' : filter.open, limit: PAGE, offset })}`)]);
  const go = (over) => { location.hash = `#/complaints${query({ ...filter, ...over })}`; };
  const kind = h('select', { id: 'filter-kind', onchange: (e) => go({ kind: e.target.value }) }, options(COMPLAINT_KINDS, '全部类型'));
  kind.value = filter.kind;
  const status = h('select', { id: 'filter-status', onchange: (e) => go({ status: e.target.value }) }, options(COMPLAINT_STATUSES, '未办结'));
  status.value = filter.status;
  const q = h('input', { type: 'search', id: 'filter-q', value: filter.q, placeholder: '编号、对象或内容' });
  const formBox = h('div');
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '投诉举报'),
      h('a', { class: 'button', href: '#/complaints?tab=figures', id: 'complaint-figures-link' }, '统计'),
      h('button', { type: 'button', id: 'complaint-import', onclick: () => importForm(formBox) }, '导入12315'),
      h('button', { type: 'button', id: 'complaint-new', onclick: () => registerForm(formBox, user) }, '登记')),
    formBox,
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); go({ q: q.value.trim() }); } },
      kind, status, q, h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'filter-overdue', checked: filter.overdue === '1',
        onchange: (e) => go({ overdue: e.target.checked ? '1' : '' }) }), '只看逾期'), h('button', { type: 'submit' }, '查询')),
    h('div', { class: 'toolbar' }, exportButton(`/complaints${query({ ...filter, open: filter.status ? '' : filter.open })}`, [['编号', (c) => c.tracking_code],
      ['类型', (c) => c.kind_label], ['对象', (c) => c.respondent_name], ['类别', (c) => c.category_label], ['承办', (c) => c.division_name],
      ['承办人', (c) => c.handler_name], ['状态', (c) => c.status_label], ['办理期限', (c) => (c.status === 'closed' ? '' : c.due_on)]], '投诉举报')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'complaint-list' },
      h('thead', {}, h('tr', {}, ['编号', '类型', '对象', '类别', '承办', '状态', '办理期限'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.length ? data.items.map((c) => h('tr', { dataset: { id: c.id, entity: c.entity_id || '' } },
        h('td', { class: 'mono' }, h('a', { href: `#/complaint/${c.id}` }, c.tracking_code)),
        h('td', {}, c.kind_label), h('td', {}, c.respondent_name), h('td', {}, c.category_label),
        h('td', {}, c.division_name, c.handler_name ? h('span', { class: 'muted small' }, ` · ${c.handler_name}`) : null),
        h('td', {}, h('span', { class: `badge complaint-status status-${c.status}` }, c.status_label)),
        h('td', {}, c.due_step && c.status !== 'closed' ? `${label(DUE_STEPS, c.due_step)} ` : '', countdown(c.due_on, today, c.status === 'closed'))))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted', id: 'no-complaints' }, '暂无记录'))))),
    pagerFor(offset, data, (at) => go({ offset: at || undefined })));
  markFlagged(container.querySelector('#complaint-list tbody'));
}

function figureRows(rows, first) {
  return rows.map((r) => h('tr', {}, h('td', {}, first(r)), h('td', {}, r.received), h('td', {}, r.closed),
    h('td', {}, r.completion_rate == null ? '—' : percent(r.completion_rate)),
    h('td', {}, r.mediation_success == null ? '—' : `${percent(r.mediation_success)}（${r.agreed}/${r.agreed + r.terminated}）`),
    h('td', {}, r.on_time_rate == null ? '—' : percent(r.on_time_rate)),
    h('td', {}, r.satisfaction == null ? '—' : `${percent(r.satisfaction)}（${r.rated}人评价）`)));
}

async function renderFigures(container, user, hash) {
  const today = await platformToday();
  const year = Number(params(hash).get('year')) || Number(today.slice(0, 4));
  const f = await get(`/complaints/figures?year=${year}`);
  const head = (first) => h('thead', {}, h('tr', {}, [first, '受理登记', '办结', '办结率', '调解成功率', '按期办理率', '满意度'].map((t) => h('th', {}, t))));
  const table = (id, first, rows, key) => h('div', { class: 'table-wrap' }, h('table', { id }, head(first), h('tbody', {}, figureRows(rows, key))));
  const yearSel = h('select', { id: 'figures-year', onchange: (e) => { location.hash = `#/complaints?tab=figures&year=${e.target.value}`; } },
    [0, 1, 2].map((d) => Number(today.slice(0, 4)) - d).map((y) => h('option', { value: y, selected: y === year }, `${y}年`)));
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '投诉举报统计'), yearSel, h('a', { class: 'button', href: '#/complaints' }, '返回列表')),
    f.total ? table('figures-total', '合计', [f.total], () => `${year}年`) : h('p', { class: 'muted card' }, '本年度暂无投诉举报'),
    h('h3', {}, '按乡镇（街道）'), table('figures-township', '乡镇（街道）', f.by_township, (r) => r.label),
    h('h3', {}, '按问题类别'), table('figures-category', '类别', f.by_category, (r) => label(COMPLAINT_CATEGORIES, r.key)),
    h('h3', {}, '按月份'), table('figures-month', '月份', f.by_month, (r) => r.key),
    h('p', { class: 'muted small' }, '办结率＝办结数÷登记数；调解成功率＝达成协议数÷（达成协议数＋终止调解数）；按期办理率＝按期完成的环节÷有期限的环节；满意度＝4星及以上评价÷评价数。'));
}

// 导入12315: the file goes up as it is; the answer says, row by row, what was kept, skipped or refused.
function importForm(box) {
  const file = h('input', { type: 'file', accept: '.csv,.json,text/csv,application/json', id: 'import-12315-file', required: true });
  const out = h('div', { id: 'import-12315-result' });
  const form = h('form', { class: 'card sample-form', id: 'import-12315' }, h('h3', {}, '导入12315平台数据'),
    h('p', { class: 'muted small' }, '12315平台导出的CSV（UTF-8或GBK）或JSON；同一编号已导入的跳过，有错误的行不导入并逐行说明。'),
    file, h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '导入')), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    mount(out, h('p', { class: 'loading' }, `正在导入 ${f.name} …`));
    try {
      const json = /\.json$/i.test(f.name) || f.type === 'application/json';
      const r = await api('POST', '/complaints/import', undefined, { raw: f, contentType: json ? 'application/json' : 'text/csv' });
      mount(out, h('p', { class: 'ok', id: 'import-12315-summary' }, `共 ${r.total} 行：导入 ${r.imported} 行，已导入过跳过 ${r.skipped} 行，有误 ${r.rejected.length} 行。`),
        r.rejected.length ? h('ul', { class: 'import-errors' }, r.rejected.map((x) => h('li', {}, `第${x.row}行${x.field ? `（${x.field}）` : ''}：${x.message.replace(/\s*\([^)]*\)$/, '')}`))) : null,
        h('button', { type: 'button', class: 'link', onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, '刷新列表'));
    } catch (err) {
      mount(out, h('p', { class: 'error' }, err.message));
    }
  });
  mount(box, form);
}

export async function renderComplaints(container, user, hash) {
  if (params(hash).get('tab') === 'figures') return renderFigures(container, user, hash);
  return renderList(container, user, hash);
}
