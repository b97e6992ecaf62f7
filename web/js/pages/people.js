// 食品安全管理人员 (#/people): the food-safety directors and officers of the businesses in sight (SAMR
// Order 60) and the bureau's spot exams of them. A business records its own appointments and finds its
// open exams to take on the phone (#/exam/{id}); a county or township official records appointments,
// starts an exam (the questions are drawn by the server) or a re-take after a failure, and reads the pass
// rate by township. Staff health certificates below (an official sees those ending within 30 days).
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const EXAMINERS = ['admin', 'county', 'township'];
const KEEPERS = [...EXAMINERS, 'business'];

function appointForm(user, done) {
  const role = h('select', { name: 'role' }, h('option', { value: 'officer' }, '食品安全员'), h('option', { value: 'director' }, '食品安全总监'));
  const name = h('input', { name: 'name', maxlength: 30 });
  const phone = h('input', { name: 'phone', maxlength: 20, inputmode: 'tel' });
  const entity = user.role === 'business' ? null : h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '主体档案编号' });
  const form = h('form', { class: 'card', id: 'appoint-form' }, h('h3', {}, '登记任命'),
    h('div', { class: 'form-grid' }, entity ? field('经营者编号', entity, { required: true }) : null, field('岗位', role, { required: true }),
      field('姓名', name, { required: true }), field('联系电话', phone)),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'appoint-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { role: role.value, name: name.value.trim(), phone: phone.value.trim() || undefined };
    if (entity) body.entity_id = Number(entity.value) || 0;
    await post('/fs-appointments', body);
    done();
  }));
  return form;
}

function certForm(user, done) {
  const inputs = Object.fromEntries([['person_name', 30], ['cert_no', 40], ['issuer', 100]].map(([n, max]) => [n, h('input', { name: n, maxlength: max })]));
  const issued = h('input', { type: 'date', name: 'issued_on' });
  const until = h('input', { type: 'date', name: 'valid_until' });
  const entity = user.role === 'business' ? null : h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '主体档案编号' });
  const form = h('form', { class: 'card', id: 'cert-form' }, h('h3', {}, '登记健康证明'),
    h('div', { class: 'form-grid' }, entity ? field('经营者编号', entity, { required: true }) : null,
      field('姓名', inputs.person_name, { required: true }), field('证明编号', inputs.cert_no, { required: true }),
      field('发证机构', inputs.issuer, { required: true }), field('体检日期', issued, { required: true }),
      field('有效期至', until, { required: true, hint: '体检日期后一年以内' })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'cert-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { issued_on: issued.value, valid_until: until.value };
    for (const [n, el] of Object.entries(inputs)) body[n] = el.value.trim();
    if (entity) body.entity_id = Number(entity.value) || 0;
    await post('/health-certs', body);
    done();
  }));
  return form;
}

function certs(list, user, box, reload) {
  const remove = async (c) => { await post(`/health-certs/${c.id}/remove`, {}); reload(); };
  return [h('div', { class: 'title-row' }, h('h3', {}, '健康证明'),
    KEEPERS.includes(user.role) ? h('button', { type: 'button', id: 'cert-new', onclick: () => mount(box, certForm(user, reload)) }, '登记健康证明') : null),
  h('div', { class: 'table-wrap' }, h('table', { id: 'cert-table' },
    h('thead', {}, h('tr', {}, ['经营者', '姓名', '证明编号', '有效期至', ''].map((x) => h('th', {}, x)))),
    h('tbody', {}, list.items.length ? list.items.map((c) => h('tr', { dataset: { id: c.id } },
      h('td', {}, c.entity_name), h('td', {}, c.person_name), h('td', { class: 'mono' }, c.cert_no),
      h('td', {}, c.valid_until, ' ', c.expired ? h('span', { class: 'badge revoked' }, '已过期')
        : c.days_left <= 30 ? h('span', { class: 'badge suspended' }, `还剩${c.days_left}天`) : null),
      h('td', {}, KEEPERS.includes(user.role) ? h('button', { type: 'button', class: 'link cert-remove', onclick: () => remove(c) }, '离职移除') : null)))
      : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '暂无健康证明')))))];
}

function figures(f) {
  return h('div', { class: 'card', id: 'exam-figures' }, h('h3', {}, `${f.year}年抽查考核合格率（合格线 ${f.pass_score} 分）`),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['乡镇（街道）', '考核人次', '合格', '合格率', '考核人数'].map((x) => h('th', {}, x)))),
      h('tbody', {}, f.townships.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.exams), h('td', {}, t.passed),
        h('td', {}, `${t.pass_rate.toFixed(1)}%`), h('td', {}, t.people))),
      h('tr', {}, h('td', {}, h('strong', {}, '合计')), h('td', {}, f.total.exams), h('td', {}, f.total.passed),
        h('td', {}, `${f.total.pass_rate.toFixed(1)}%`), h('td', {}))))));
}

// entity: one business's people only (#/people?entity_id=N).
export async function renderPeople(container, user, offset = 0, entity = null) {
  const examiner = EXAMINERS.includes(user.role);
  const [appts, exams, figs, health] = await Promise.all([
    get(`/fs-appointments${query({ limit: PAGE, offset, entity_id: entity || undefined })}`),
    get(`/fs-exams${query({ limit: 10, entity_id: entity || undefined })}`),
    examiner ? get('/fs-exams/figures') : null,
    get(`/health-certs${query({ limit: 50, entity_id: entity || undefined, expiring: user.role === 'business' || entity ? undefined : 1 })}`)]);
  const reload = () => renderPeople(container, user, offset, entity);
  const box = h('div', { id: 'appoint-box' });
  const msg = h('p', { class: 'field-error', id: 'people-error' });
  const start = async (a) => {
    msg.textContent = '';
    try { const e = await post(`/fs-appointments/${a.id}/exams`, {}); location.hash = `#/exam/${e.id}`; } catch (e) { msg.textContent = e.message; }
  };
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '食品安全管理人员'),
      KEEPERS.includes(user.role) ? h('button', { type: 'button', class: 'primary', id: 'appoint-new',
        onclick: () => mount(box, appointForm(user, reload)) }, '登记任命') : null),
    h('p', { class: 'muted' }, '依据《企业落实食品安全主体责任监督管理规定》（市场监管总局令第60号），企业配备食品安全总监、食品安全员；监管部门随机进行监督抽查考核，考核不收取费用。'),
    box, msg,
    h('h3', {}, '考核'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'exam-table' },
      h('thead', {}, h('tr', {}, ['经营者', '人员', '次数', '状态', '得分', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, exams.items.length ? exams.items.map((x) => h('tr', { dataset: { id: x.id } },
        h('td', {}, x.entity_name), h('td', {}, x.person), h('td', {}, x.attempt),
        h('td', {}, h('span', { class: `badge ${x.status === 'open' ? 'suspended' : x.passed ? 'active' : 'revoked'}` },
          x.status === 'open' ? (x.overdue ? '已超时' : '待答题') : x.passed ? '合格' : '不合格')),
        h('td', {}, x.score ?? '—'),
        h('td', {}, h('a', { href: `#/exam/${x.id}`, class: 'exam-open' }, x.status === 'open' && user.role === 'business' ? '去答题' : '查看'))))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '暂无考核'))))),
    h('h3', {}, '任命'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'appoint-table' },
      h('thead', {}, h('tr', {}, ['经营者', '岗位', '姓名', '任命日期', '最近考核', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, appts.items.map((a) => h('tr', { dataset: { id: a.id } },
        h('td', {}, a.entity_name), h('td', {}, a.role_label), h('td', {}, a.name),
        h('td', {}, a.appointed_on, a.ended_on ? h('div', { class: 'muted small' }, `${a.ended_on} 离任`) : null),
        h('td', {}, a.last_score === null ? '—' : `${a.last_score} 分${a.last_passed ? '（合格）' : '（不合格）'}`),
        h('td', {}, examiner && !a.ended_on ? h('button', { type: 'button', class: 'link exam-start', onclick: () => start(a) },
          a.last_passed === false ? '组织补考' : '抽查考核') : null)))))),
    pagerFor(offset, appts, (o) => renderPeople(container, user, o, entity)),
    certs(health, user, box, reload),
    figs ? figures(figs) : null);
}
