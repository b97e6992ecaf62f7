// 信用管理 (#/credit, officials): the red and black lists of the jurisdiction (the county adds and takes
// entries off), summons (约谈) with their follow-ups (#/credit?tab=summons) and the 经营异常名录
// (#/credit?tab=abnormal: the county lists and removes). Every list pages.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, pager, platformToday, submitter } from './sample_common.js';

const KIND = { red: '红榜', black: '黑榜' };
const SUBJECT = { business: '经营者', unit: '单位', staff: '工作人员' };
const options = (map) => Object.entries(map).map(([k, v]) => h('option', { value: k }, v));
const params = (hash) => new URLSearchParams(hash.split('?')[1] || '');
// Moves to another page or filter of the tab shown, keeping the rest.
const goTo = (hash, over) => {
  const p = Object.fromEntries(params(hash));
  location.hash = `#/credit${query({ ...p, offset: undefined, ...over })}`;
};

function honourForm(user, done) {
  const kind = h('select', { name: 'list_kind', id: 'honour-kind' }, options(KIND));
  const subject = h('select', { name: 'subject_kind', id: 'honour-subject' }, options(SUBJECT));
  const entity = h('input', { name: 'entity_id', type: 'number', min: 1, id: 'honour-entity', placeholder: '经营者的档案编号' });
  const name = h('input', { name: 'subject_name', placeholder: '单位或工作人员的名称' });
  const division = h('input', { name: 'division_code', value: user.division_code || '', placeholder: '区划代码' });
  const reason = h('textarea', { name: 'reason', rows: 2, id: 'honour-reason' });
  const until = h('input', { name: 'until_on', type: 'date', id: 'honour-until' });
  const form = h('form', { class: 'card sample-form', id: 'honour-form' }, h('h3', {}, '上榜'),
    h('div', { class: 'form-grid' }, field('榜单', kind), field('对象类型', subject), field('经营者', entity), field('名称', name),
      field('所在地区', division), field('事由', reason, { required: true, wide: true }), field('截止日期', until, { required: true })),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '发布')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { list_kind: kind.value, subject_kind: subject.value, reason: reason.value.trim(), until_on: until.value };
    if (subject.value === 'business') body.entity_id = Number(entity.value) || null;
    else Object.assign(body, { subject_name: name.value.trim(), division_code: division.value.trim() });
    await post('/honour-lists', body);
    done();
  }));
  return form;
}

async function renderLists(box, user, hash, reload) {
  const p = params(hash);
  const offset = Number(p.get('offset')) || 0;
  const filter = { list_kind: p.get('list_kind') || '', current: p.get('current') || '' };
  const { items, total, total_more: more } = await get(`/honour-lists${query({ ...filter, limit: PAGE, offset })}`);
  const county = ['county', 'admin'].includes(user.role);
  const kind = h('select', { id: 'honour-filter-kind', onchange: (e) => goTo(hash, { list_kind: e.target.value || undefined }) },
    h('option', { value: '' }, '全部榜单'), options(KIND));
  kind.value = filter.list_kind;
  mount(box, county ? honourForm(user, reload) : null,
    h('div', { class: 'filters' }, kind, h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'honour-filter-current', checked: filter.current === '1',
      onchange: (e) => goTo(hash, { current: e.target.checked ? '1' : undefined }) }), '只看在榜')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'honour-list' },
      h('thead', {}, h('tr', {}, ['榜单', '对象', '事由', '期限', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, items.length ? items.map((x) => h('tr', { dataset: { id: x.id } },
        h('td', {}, h('span', { class: `badge honour-${x.list_kind}` }, KIND[x.list_kind])),
        h('td', {}, x.entity_id ? h('a', { href: `#/entities/${x.entity_id}` }, x.subject_name) : x.subject_name, h('span', { class: 'muted small' }, ` ${SUBJECT[x.subject_kind]}`)),
        h('td', {}, x.reason), h('td', { class: 'nowrap' }, `${x.from_on}至${x.until_on}`, x.removed_on ? h('span', { class: 'muted' }, `（${x.removed_on}撤下）`) : ''),
        h('td', {}, county && !x.removed_on ? h('button', { type: 'button', class: 'link', onclick: async () => {
          const note = prompt('撤下理由');
          if (note) { await post(`/honour-lists/${x.id}/remove`, { note }); reload(); }
        } }, '撤下') : '')))
        : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '暂无上榜'))))),
    pager(offset, items.length, total, (at) => goTo(hash, { offset: at || undefined }), more));
}

function summonsForm(done) {
  const entity = h('input', { name: 'entity_id', type: 'number', min: 1, id: 'summons-entity', placeholder: '经营者的档案编号' });
  const attendees = h('input', { name: 'attendees', id: 'summons-attendees', placeholder: '如：法定代表人、食品安全总监' });
  const reason = h('input', { name: 'reason', id: 'summons-reason' });
  const record = h('textarea', { name: 'record', rows: 3, id: 'summons-record' });
  const form = h('form', { class: 'card sample-form', id: 'summons-form' }, h('h3', {}, '登记约谈'),
    h('div', { class: 'form-grid' }, field('被约谈经营者', entity, { required: true }), field('参加人员', attendees, { required: true }),
      field('约谈事由', reason, { required: true }), field('约谈记录', record, { required: true, wide: true })),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '登记')));
  form.addEventListener('submit', submitter(form, async () => {
    await post('/summons', { entity_id: Number(entity.value) || null, attendees: attendees.value.trim(), reason: reason.value.trim(),
      record: record.value.trim() });
    done();
  }));
  return form;
}

async function renderSummons(box, hash, reload) {
  const offset = Number(params(hash).get('offset')) || 0;
  const [{ items, total, total_more: more }, today] = await Promise.all([get(`/summons${query({ limit: PAGE, offset })}`), platformToday()]);
  mount(box, summonsForm(reload),
    h('div', { class: 'table-wrap' }, h('table', { id: 'summons-list' },
      h('thead', {}, h('tr', {}, ['经营者', '日期', '事由', '回访', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, items.length ? items.map((x) => h('tr', { dataset: { id: x.id } },
        h('td', {}, h('a', { href: `#/entities/${x.entity_id}` }, x.entity_name)), h('td', { class: 'nowrap' }, x.held_on), h('td', {}, x.reason),
        h('td', {}, x.followed_up_on ? `${x.followed_up_on} ${x.follow_up}` : h('span', { class: x.follow_up_due < today ? 'badge overdue' : '' }, `应于${x.follow_up_due}前回访`)),
        h('td', {}, x.followed_up_on ? '' : h('button', { type: 'button', class: 'link', onclick: async () => {
          const note = prompt('回访情况');
          if (note) { await post(`/summons/${x.id}/follow-up`, { note }); reload(); }
        } }, '登记回访'))))
        : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '暂无约谈记录'))))),
    pager(offset, items.length, total, (at) => goTo(hash, { offset: at || undefined }), more));
}

const ABNORMAL_REASONS = { annual_report: '未按期公示年度报告', disclosure: '未按责令期限公示企业信息', false_info: '隐瞒真实情况、弄虚作假',
  unreachable: '住所或经营场所无法联系' };

function abnormalForm(done) {
  const entity = h('input', { name: 'entity_id', type: 'number', min: 1, id: 'abnormal-entity', placeholder: '经营者的档案编号' });
  const reason = h('select', { name: 'reason', id: 'abnormal-reason' }, options(ABNORMAL_REASONS));
  const decision = h('input', { name: 'decision_no', id: 'abnormal-decision', placeholder: '如：县市监异〔2026〕1号' });
  const facts = h('textarea', { name: 'facts', rows: 2, id: 'abnormal-facts' });
  const listed = h('input', { name: 'listed_on', type: 'date', id: 'abnormal-listed' });
  const form = h('form', { class: 'card sample-form', id: 'abnormal-form' }, h('h3', {}, '列入经营异常名录'),
    h('div', { class: 'form-grid' }, field('经营者', entity, { required: true }), field('列入事由', reason, { required: true }),
      field('决定书文号', decision, { required: true }), field('列入日期', listed, { hint: '不填为今天' }),
      field('列入情况', facts, { required: true, wide: true })),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '列入')));
  form.addEventListener('submit', submitter(form, async () => {
    await post('/abnormal-listings', { entity_id: Number(entity.value) || null, reason: reason.value, decision_no: decision.value.trim(),
      facts: facts.value.trim(), listed_on: listed.value || undefined });
    done();
  }));
  return form;
}

async function renderAbnormal(box, user, hash, reload) {
  const p = params(hash);
  const offset = Number(p.get('offset')) || 0;
  const current = p.get('current') ?? '1';
  const { items, total, total_more: more } = await get(`/abnormal-listings${query({ current, limit: PAGE, offset })}`);
  const county = ['county', 'admin'].includes(user.role);
  mount(box, county ? abnormalForm(reload) : null,
    h('div', { class: 'filters' }, h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'abnormal-filter-current', checked: current === '1',
      onchange: (e) => goTo(hash, { current: e.target.checked ? '1' : '0' }) }), '只看未移出')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'abnormal-list' },
      h('thead', {}, h('tr', {}, ['经营者', '列入事由', '决定书文号', '列入日期', '状态', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, items.length ? items.map((x) => h('tr', { dataset: { id: x.id } },
        h('td', {}, h('a', { href: `#/entities/${x.entity_id}` }, x.entity_name)), h('td', {}, x.reason_label, h('div', { class: 'muted small' }, x.facts)),
        h('td', { class: 'mono' }, x.decision_no), h('td', { class: 'nowrap' }, x.listed_on),
        h('td', {}, x.removed_on ? `${x.removed_on}已移出` : x.qualifies_serious
          ? h('span', { class: 'badge overdue', title: '列入经营异常名录满三年仍未履行相关义务' }, '满三年，可列入严重违法失信名单') : `${x.serious_from}满三年`),
        h('td', {}, county && !x.removed_on ? h('button', { type: 'button', class: 'link', onclick: async () => {
          const note = prompt('移出事由（如：已补报年度报告并公示）');
          if (note) { await post(`/abnormal-listings/${x.id}/remove`, { note }); reload(); }
        } }, '移出') : '')))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '暂无列入经营异常名录的经营者'))))),
    pager(offset, items.length, total, (at) => goTo(hash, { offset: at || undefined }), more));
}

export async function renderCredit(container, user, hash) {
  const tab = params(hash).get('tab') || 'lists';
  const box = h('div');
  const reload = () => renderCredit(container, user, hash);
  mount(container, h('h2', {}, '信用管理'),
    h('div', { class: 'tabs' }, h('a', { class: `tab ${tab === 'lists' ? 'active' : ''}`, href: '#/credit', id: 'tab-lists' }, '红黑榜'),
      h('a', { class: `tab ${tab === 'summons' ? 'active' : ''}`, href: '#/credit?tab=summons', id: 'tab-summons' }, '约谈'),
      h('a', { class: `tab ${tab === 'abnormal' ? 'active' : ''}`, href: '#/credit?tab=abnormal', id: 'tab-abnormal' }, '经营异常名录')),
    box);
  if (tab === 'summons') await renderSummons(box, hash, reload);
  else if (tab === 'abnormal') await renderAbnormal(box, user, hash, reload);
  else await renderLists(box, user, hash, reload);
}
