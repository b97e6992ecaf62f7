// 食品安全培训 (#/training): a county or township official plans a session (title, date, place, audience,
// material and its link), invites businesses before the day and, once it is held, records who attended
// (#/training/{id}): an appointed director or officer by appointment number, or a person of a business by
// name. The year's figures by township; per session the invited and how many of them came. A business
// sees the sessions it was invited to or attended, with its own people.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { entityPicker } from './entity_picker.js';
import { PAGE, field, formError, platformToday, submitter, pagerFor } from './sample_common.js';

const AUDIENCES = [['managers', '食品安全总监、食品安全员'], ['staff', '从业人员'], ['workshops', '小作坊经营者'], ['all', '各类经营者']];

function planForm(done) {
  const inputs = Object.fromEntries([['title', 100], ['place', 100]].map(([n, max]) => [n, h('input', { name: n, maxlength: max })]));
  const held = h('input', { type: 'date', name: 'held_on' });
  const audience = h('select', { name: 'audience' }, AUDIENCES.map(([v, t]) => h('option', { value: v }, t)));
  const material = h('textarea', { name: 'material', rows: 3, maxlength: 4000 });
  const url = h('input', { type: 'url', name: 'material_url', maxlength: 500, placeholder: 'https://' });
  const form = h('form', { class: 'card', id: 'training-form' }, h('h3', {}, '计划培训'),
    h('div', { class: 'form-grid' }, field('培训主题', inputs.title, { required: true }), field('培训日期', held, { required: true }),
      field('培训地点', inputs.place, { required: true }), field('培训对象', audience, { required: true }),
      field('培训材料', material, { wide: true, hint: '提纲、教材名称' }), field('材料链接', url, { wide: true, hint: '课件或视频的网址（可不填）' })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'training-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const s = await post('/training-sessions', { title: inputs.title.value.trim(), place: inputs.place.value.trim(), held_on: held.value,
      audience: audience.value, material: material.value.trim() || undefined, material_url: url.value.trim() || undefined });
    done(s);
  }));
  return form;
}

function figures(f) {
  return h('div', { class: 'card', id: 'training-figures' }, h('h3', {}, `${f.year}年培训情况`),
    h('p', { class: 'muted small' }, '场次按举办地计；参训人次、参训经营者按经营者所在乡镇（街道）计'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['乡镇（街道）', '场次', '参训人次', '参训经营者'].map((x) => h('th', {}, x)))),
      h('tbody', {}, f.townships.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.sessions), h('td', {}, t.attendees), h('td', {}, t.businesses))),
        h('tr', {}, h('td', {}, h('strong', {}, '合计')), h('td', {}, f.total.sessions), h('td', {}, f.total.attendees), h('td', {}, f.total.businesses))))));
}

export async function renderTrainings(container, user, offset = 0) {
  const business = user.role === 'business';
  const [list, figs] = await Promise.all([get(`/training-sessions${query({ limit: PAGE, offset })}`), business ? null : get('/training-sessions/figures')]);
  const box = h('div', { id: 'training-box' });
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '食品安全培训'), business ? null :
      h('button', { type: 'button', class: 'primary', id: 'training-new', onclick: () => mount(box, planForm((s) => { location.hash = `#/training/${s.id}`; })) }, '计划培训')),
    business ? h('p', { class: 'muted' }, '本单位受邀参加或已参加的培训') : null,
    box,
    h('div', { class: 'table-wrap' }, h('table', { id: 'training-table' },
      h('thead', {}, h('tr', {}, ['日期', '主题', '地点', '对象', business ? '本单位参训' : '参训人次', business ? '' : '受邀单位到场'].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.length ? list.items.map((s) => h('tr', { dataset: { id: s.id } },
        h('td', {}, s.held_on, s.held ? null : h('span', { class: 'badge suspended' }, '未举办')),
        h('td', {}, h('a', { href: `#/training/${s.id}` }, s.title)), h('td', {}, s.place), h('td', {}, s.audience_label), h('td', {}, s.attendees),
        h('td', {}, business ? (s.invited_me ? h('span', { class: 'badge active' }, '受邀') : null) : `${s.invited_attended} / ${s.invited}`)))
        : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '暂无培训'))))),
    pagerFor(offset, list, (o) => renderTrainings(container, user, o)),
    figs ? figures(figs) : null);
}

function attendForm(s, done) {
  const appt = h('input', { name: 'appointment_id', inputmode: 'numeric', placeholder: '任命编号（可不填）' });
  const entity = h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '主体档案编号' });
  const name = h('input', { name: 'person_name', maxlength: 30 });
  const form = h('form', { class: 'card', id: 'attend-form' }, h('h3', {}, '登记参训人员'),
    h('div', { class: 'form-grid' }, field('任命编号', appt, { hint: '食品安全总监、食品安全员按任命登记' }),
      field('经营者编号', entity), field('姓名', name)),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'attend-save' }, '登记')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = appt.value.trim() ? { appointment_id: Number(appt.value) || 0 } : { entity_id: Number(entity.value) || 0, person_name: name.value.trim() };
    await post(`/training-sessions/${s.id}/attendees`, body);
    done();
  }));
  return form;
}

// 邀请经营者: one business at a time, found by name or credit code, before the day.
function inviteForm(s, done) {
  const { element: picker, entityId } = entityPicker();
  const form = h('form', { class: 'card', id: 'invite-form' }, h('h3', {}, '邀请经营者'),
    field('经营者', picker, { required: true, name: 'entity_ids', wide: true }), formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'invite-save' }, '邀请')));
  form.addEventListener('submit', submitter(form, async () => {
    await post(`/training-sessions/${s.id}/invitations`, { entity_ids: entityId.value ? [Number(entityId.value)] : [] });
    done();
  }));
  return form;
}

function invitations(s) {
  return [h('h3', {}, `受邀经营者（${s.invited}，到场 ${s.invited_attended}）`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'invitation-table' },
      h('thead', {}, h('tr', {}, ['经营者', '是否到场'].map((x) => h('th', {}, x)))),
      h('tbody', {}, s.invitations.length ? s.invitations.map((i) => h('tr', {}, h('td', {}, i.entity_name), h('td', {}, i.attended ? '已到场' : '—')))
        : h('tr', {}, h('td', { colspan: 2, class: 'muted' }, '暂无')))))];
}

export async function renderTraining(container, id) {
  const [s, today] = await Promise.all([get(`/training-sessions/${id}`), platformToday()]);
  const business = s.invitations === undefined;
  mount(container,
    h('p', {}, h('a', { href: '#/training' }, '← 培训列表')),
    h('h2', {}, s.title),
    h('dl', { class: 'fields' }, ...[['日期', s.held_on], ['地点', s.place], ['组织区域', s.division_name], ['对象', s.audience_label],
      ['材料', s.material || '—'], ['材料链接', s.material_url ? h('a', { href: s.material_url, target: '_blank', rel: 'noopener', id: 'material-link' }, '打开培训材料') : '—']]
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    business ? h('p', { class: s.invited_me ? 'warn' : 'muted', id: 'my-invitation' }, s.invited_me ? '本单位受邀参加此次培训，请按时参加。' : '本单位参加了此次培训。')
      : s.held ? attendForm(s, () => renderTraining(container, id)) : h('p', { class: 'muted' }, '培训举办后登记参训人员'),
    !business && s.held_on >= today ? inviteForm(s, () => renderTraining(container, id)) : null,
    business ? null : invitations(s),
    h('h3', {}, `${business ? '本单位' : ''}参训人员（${s.attendees}）`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'attendee-table' },
      h('thead', {}, h('tr', {}, ['经营者', '姓名', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, s.people.length ? s.people.map((p) => h('tr', {}, h('td', {}, p.entity_name), h('td', {}, p.person_name),
        h('td', {}, p.appointment_id ? h('span', { class: 'badge active' }, '按任命') : null)))
        : h('tr', {}, h('td', { colspan: 3, class: 'muted' }, '暂无'))))));
}
