// 名特优小作坊 (#/famous, #/famous/{id}): the records of the caller's jurisdiction (a workshop: its own),
// the form to nominate (an official) or apply (the workshop), and one record with every criterion's
// result and evidence, the township's review (the criteria a person judges), the county's decision and
// revocation. A later failed sample or a decided penalty revokes a recognition by itself; the page says so.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const STATUSES = [['', '全部状态'], ['submitted', '待乡镇审查'], ['forwarded', '待县局认定'], ['valid', '认定有效'], ['revoked', '已撤销'],
  ['rejected', '乡镇不予推荐'], ['refused', '不予认定']];
const ACTION = { applied: '作坊申报', nominated: '推荐', forwarded: '乡镇推荐上报', rejected: '乡镇不予推荐', recognised: '县局认定',
  refused: '不予认定', revoked: '撤销' };
const SOURCE = { sample: '抽检不合格', case: '行政处罚', official: '', business: '' };

function createForm(user, done) {
  const business = user.role === 'business';
  const entity = h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '小作坊档案编号' });
  const statement = h('textarea', { name: 'statement', maxlength: 1000, rows: 3, placeholder: '传统工艺、产品特色、口碑等' });
  const form = h('form', { class: 'card', id: 'famous-form' }, h('h3', {}, business ? '申报名特优' : '推荐名特优小作坊'),
    h('div', { class: 'form-grid' }, business ? null : field('小作坊编号', entity, { required: true }),
      field('申报说明', statement, { required: true, wide: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'famous-save' }, business ? '提交申报' : '提交推荐')));
  form.addEventListener('submit', submitter(form, async () => {
    const r = await post('/famous-workshops', { entity_id: business ? undefined : Number(entity.value) || 0, statement: statement.value.trim() });
    done(r.id);
  }));
  return form;
}

export async function renderFamousList(container, user, offset = 0, status = '') {
  const list = await get(`/famous-workshops${query({ limit: PAGE, offset, status: status || undefined })}`);
  const box = h('div', { id: 'famous-form-box' });
  const filter = h('select', { id: 'famous-status', onchange: () => renderFamousList(container, user, 0, filter.value) },
    STATUSES.map(([v, t]) => h('option', { value: v, selected: v === status }, t)));
  const canFile = ['admin', 'county', 'township', 'business'].includes(user.role);
  const rows = list.items.map((f) => h('tr', { dataset: { id: f.id, status: f.status } },
    h('td', {}, h('a', { href: `#/famous/${f.id}` }, f.entity_name), h('div', { class: 'muted small' }, f.address || '')),
    h('td', {}, f.origin_label),
    h('td', {}, h('span', { class: `badge ${f.status}` }, f.status_label)),
    h('td', { class: 'nowrap' }, f.valid_until ? `${f.recognised_on} 至 ${f.valid_until}` : '—')));
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '名特优小作坊'),
      canFile ? h('button', { type: 'button', class: 'primary', id: 'famous-new', onclick: () => mount(box, createForm(user, (id) => { location.hash = `#/famous/${id}`; })) },
        user.role === 'business' ? '申报' : '推荐') : null),
    h('p', { class: 'muted' }, '平台按认定条件自动核验登记年限、抽检、处罚、风险等级、目录产品和食品安全员；乡镇现场核查其余条件后推荐，县局认定。认定后抽检最终不合格或受到行政处罚的，认定自动撤销。'),
    box,
    h('div', { class: 'toolbar' }, filter),
    h('div', { class: 'table-wrap' }, h('table', { id: 'famous-table' },
      h('thead', {}, h('tr', {}, ['小作坊', '来源', '状态', '认定有效期'].map((x) => h('th', {}, x)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, '暂无记录'))))),
    pagerFor(offset, list, (o) => renderFamousList(container, user, o, status)));
}

function criteriaTable(rec) {
  const mark = (p) => (p === true ? h('span', { class: 'badge pass' }, '符合') : p === false ? h('span', { class: 'badge fail' }, '不符合')
    : h('span', { class: 'badge' }, '待核查'));
  return h('div', { class: 'table-wrap' }, h('table', { id: 'famous-criteria' },
    h('thead', {}, h('tr', {}, ['认定条件', '结果', '依据'].map((x) => h('th', {}, x)))),
    h('tbody', {}, rec.criteria.items.map((c) => h('tr', { dataset: { code: c.code, pass: String(c.pass) } },
      h('td', {}, c.label, h('div', { class: 'muted small' }, c.kind === 'auto' ? '平台自动核验' : '现场核查')),
      h('td', {}, mark(c.pass)), h('td', {}, c.evidence))))));
}

function reviewForm(rec, done) {
  const manual = rec.criteria.items.filter((c) => c.kind === 'manual').map((c) => ({
    c, pass: h('select', { name: `pass-${c.code}` }, [['', '请选择'], ['true', '符合'], ['false', '不符合']].map(([v, t]) => h('option', { value: v }, t))),
    note: h('input', { name: `note-${c.code}`, maxlength: 500, placeholder: '核查情况' }),
  }));
  const decision = h('select', { name: 'decision' }, [['forward', '推荐上报县局'], ['reject', '不予推荐']].map(([v, t]) => h('option', { value: v }, t)));
  const note = h('input', { name: 'note', maxlength: 500 });
  const form = h('form', { class: 'card', id: 'famous-review' }, h('h3', {}, '乡镇审查'),
    h('div', { class: 'form-grid' }, manual.map((m) => [field(m.c.label, m.pass), field('核查说明', m.note)]),
      field('审查意见', decision, { required: true }), field('说明', note, { hint: '不予推荐时必填', wide: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'famous-review-save' }, '提交审查')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { decision: decision.value, note: note.value.trim() || undefined, manual: {} };
    for (const m of manual) if (m.pass.value) body.manual[m.c.code] = { pass: m.pass.value === 'true', note: m.note.value.trim() };
    await post(`/famous-workshops/${rec.id}/review`, body);
    done();
  }));
  return form;
}

function decideForm(rec, done) {
  const decision = h('select', { name: 'decision' }, [['recognise', '认定为名特优'], ['refuse', '不予认定']].map(([v, t]) => h('option', { value: v }, t)));
  const note = h('input', { name: 'note', maxlength: 500 });
  const form = h('form', { class: 'card', id: 'famous-decide' }, h('h3', {}, '县局认定'),
    h('div', { class: 'form-grid' }, field('认定意见', decision, { required: true }), field('意见或理由', note, { hint: '不予认定时必填', wide: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'famous-decide-save' }, '提交')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/famous-workshops/${rec.id}/decide`, { decision: decision.value, note: note.value.trim() || undefined });
    done();
  }));
  return form;
}

function revokeForm(rec, done) {
  const reason = h('input', { name: 'reason', maxlength: 500, placeholder: '理由（必填）' });
  const form = h('form', { class: 'inline-form', id: 'famous-revoke' }, field('撤销理由', reason, { required: true }), formError(),
    h('button', { type: 'submit', class: 'primary' }, '撤销认定'));
  form.addEventListener('submit', submitter(form, async () => { await post(`/famous-workshops/${rec.id}/revoke`, { reason: reason.value.trim() }); done(); }));
  return form;
}

export async function renderFamous(container, id, user) {
  const rec = await get(`/famous-workshops/${id}`);
  const reload = () => renderFamous(container, id, user);
  const county = ['admin', 'county'].includes(user.role);
  const reviewer = county || user.role === 'township';
  const c = rec.criteria;
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, `名特优：${rec.entity_name}`), h('a', { href: '#/famous' }, '返回列表')),
    h('div', { class: 'card', id: 'famous-summary' },
      h('p', {}, h('span', { class: `badge ${rec.status}` }, rec.status_label), `　${rec.origin_label}`),
      h('p', {}, rec.statement),
      rec.valid_until ? h('p', {}, `认定有效期：${rec.recognised_on} 至 ${rec.valid_until}`) : null,
      rec.revoke_reason ? h('p', { class: 'field-error' }, `撤销：${rec.revoke_reason}`) : null,
      rec.review_note ? h('p', { class: 'muted' }, `乡镇意见：${rec.review_note}`) : null,
      rec.decision_note ? h('p', { class: 'muted' }, `县局意见：${rec.decision_note}`) : null),
    h('h3', {}, `认定条件（符合 ${c.passed}，不符合 ${c.failed}，待核查 ${c.pending}）`),
    rec.criteria_kept ? h('p', { class: 'muted small' }, '以下为县局决定时的核验结果') : null,
    criteriaTable(rec),
    reviewer && rec.status === 'submitted' ? reviewForm(rec, reload) : null,
    county && rec.status === 'forwarded' ? decideForm(rec, reload) : null,
    county && rec.status === 'recognised' ? revokeForm(rec, reload) : null,
    h('div', { class: 'card' }, h('h3', {}, '办理记录'), h('ol', { class: 'small', id: 'famous-events' }, rec.events.map((e) => h('li', {},
      `${e.at} ${ACTION[e.action] || e.action}${SOURCE[e.source_kind] ? `（${SOURCE[e.source_kind]} ${e.source_id}）` : ''}${e.by ? `，${e.by}` : ''}${e.note ? `：${e.note}` : ''}`)))));
}
