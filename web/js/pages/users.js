// 账号管理 (admin, county): the accounts of the jurisdiction, found by name and role, a page at a time;
// a new account (its jurisdiction chosen by role: a division, a grid, a business) whose password its
// owner replaces at the first sign-in; an account's name and phone changed, stopped or restarted, or
// given a new password (again to be replaced). Errors beside their fields.
import { get, patch, post, query } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

// as the server names them (role_label, domain/base/principal.c)
export const ROLE_NAMES = { admin: '系统管理员', county: '县局', township: '乡镇监管所', village: '村(社区)网格员',
  inspector: '执法检查员', sampler: '抽样员', business: '经营主体' };

function createForm(user, divisions, grids, done) {
  const roles = Object.entries(ROLE_NAMES).filter(([r]) => user.role === 'admin' || r !== 'admin');
  const role = h('select', { name: 'role', id: 'user-role' }, h('option', { value: '' }, '请选择'), roles.map(([r, t]) => h('option', { value: r }, t)));
  const division = h('select', { name: 'division_code', id: 'user-division' }, divisions.map((d) => h('option', { value: d.code }, d.name)));
  const grid = h('select', { name: 'grid_id', id: 'user-grid' }, grids.map((g) => h('option', { value: g.id }, g.name)));
  const entity = h('input', { name: 'entity_id', id: 'user-entity', inputmode: 'numeric', placeholder: '主体档案编号' });
  const inputs = {
    username: h('input', { name: 'username', id: 'user-username', autocomplete: 'off', maxlength: 32 }),
    display_name: h('input', { name: 'display_name', id: 'user-name', maxlength: 40 }),
    phone: h('input', { name: 'phone', id: 'user-phone', inputmode: 'tel', maxlength: 20 }),
    password: h('input', { name: 'password', id: 'user-password', type: 'password', autocomplete: 'new-password' }),
  };
  const where = { division: field('管辖区划', division, { required: true }), grid: field('网格', grid, { required: true }),
    entity: field('经营主体编号', entity, { required: true, hint: '在主体档案页面地址中可见，如 #/entities/123 的 123' }) };
  const showWhere = () => {
    const r = role.value;
    where.division.hidden = !['county', 'township', 'inspector', 'sampler'].includes(r);
    where.grid.hidden = r !== 'village';
    where.entity.hidden = r !== 'business';
  };
  role.addEventListener('change', showWhere);
  showWhere();
  const form = h('form', { class: 'card sample-form', id: 'user-form' },
    h('h3', {}, '新建账号'),
    h('div', { class: 'sample-grid' },
      field('用户名', inputs.username, { required: true, hint: '2–32个字母、数字或 _ - .' }),
      field('姓名', inputs.display_name, { required: true }),
      field('角色', role, { required: true }),
      where.division, where.grid, where.entity,
      field('手机号', inputs.phone),
      field('初始密码', inputs.password, { required: true, hint: '至少8位，含字母和数字；本人首次登录时须修改' })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'user-create' }, '创建账号')));
  form.addEventListener('submit', submitter(form, async () => {
    const r = role.value;
    const body = { username: inputs.username.value.trim(), display_name: inputs.display_name.value.trim(), role: r,
      phone: inputs.phone.value.trim() || undefined, password: inputs.password.value };
    if (where.division.hidden === false) body.division_code = division.value;
    if (r === 'village') body.grid_id = Number(grid.value) || undefined;
    if (r === 'business') body.entity_id = Number(entity.value) || (entity.value ? -1 : undefined);
    await done(await post('/users', body));
  }));
  return form;
}

// One account's tools: name and phone, stop or restart, a new password (the buttons reach the form once it is made).
function editForm(u, me, done) {
  const name = h('input', { name: 'display_name', value: u.display_name, maxlength: 40 });
  const phone = h('input', { name: 'phone', value: u.phone || '', inputmode: 'tel', maxlength: 20 });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const form = h('form', { class: 'card sample-form', id: 'user-edit', dataset: { id: u.id } },
    h('h3', {}, `${u.display_name}（${u.username}）`),
    h('div', { class: 'sample-grid' }, field('姓名', name), field('手机号', phone)),
    formError(),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'user-save' }, '保存'),
      u.id === me.id ? null : h('button', { type: 'button', id: 'user-toggle', onclick: (ev) => submitter(form, async () => {
        done(await patch(`/users/${u.id}`, { disabled: !u.disabled }), u.disabled ? '账号已启用' : '账号已停用，其登录已失效');
      })(ev) }, u.disabled ? '启用账号' : '停用账号')),
    h('div', { class: 'sample-grid' }, field('新密码', password, { hint: '本人下次登录时须修改', name: 'password' })),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'user-reset', onclick: (ev) => submitter(form, async () => {
      done(await post(`/users/${u.id}/password`, { password: password.value }), '已重置密码，本人下次登录时须修改');
    })(ev) }, '重置密码')));
  form.addEventListener('submit', submitter(form, async () => {
    done(await patch(`/users/${u.id}`, { display_name: name.value.trim(), phone: phone.value.trim() }), '已保存');
  }));
  return form;
}

export async function renderUsers(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const q = params.get('q') || '', role = params.get('role') || '', offset = Number(params.get('offset')) || 0;
  const go = (over) => { location.hash = `#/users${query({ q: q || undefined, role: role || undefined, ...over })}`; };
  const [list, townships, grids] = await Promise.all([get(`/users${query({ q: q || undefined, role: role || undefined, limit: PAGE, offset })}`),
    get('/divisions'), get('/grids')]);
  const divisions = [...(user.division_code ? [{ code: user.division_code, name: user.jurisdiction_name || user.division_code }] : []), ...townships.items];
  const side = h('div', { id: 'user-side' });
  const notice = h('p', { class: 'muted', id: 'user-notice', role: 'status' });
  const reload = async (msg) => { await renderUsers(container, user, hash); container.querySelector('#user-notice').textContent = msg || ''; };
  const search = h('input', { id: 'user-q', value: q, placeholder: '用户名或姓名' });
  const roleFilter = h('select', { id: 'user-role-filter' }, h('option', { value: '' }, '全部角色'),
    Object.entries(ROLE_NAMES).map(([r, t]) => h('option', { value: r, selected: r === role }, t)));
  mount(container,
    h('h2', {}, '账号管理'),
    h('form', { class: 'toolbar', onsubmit: (ev) => { ev.preventDefault(); go({ q: search.value.trim() || undefined, role: roleFilter.value || undefined, offset: undefined }); } },
      search, roleFilter, h('button', { type: 'submit' }, '查询'),
      h('button', { type: 'button', class: 'primary', id: 'user-new', onclick: () => mount(side, createForm(user, divisions, grids.items || [],
        async (r) => reload(`已创建账号 ${r.username}，请将初始密码告知本人`))) }, '新建账号')),
    notice,
    side,
    h('div', { class: 'table-wrap' }, h('table', { id: 'users' },
      h('thead', {}, h('tr', {}, ['用户名', '姓名', '角色', '管辖范围', '手机号', '状态', '创建时间'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.items.length ? list.items.map((u) => h('tr', { class: 'row-link', dataset: { id: u.id }, onclick: () => {
        mount(side, editForm(u, user, async (r, msg) => reload(msg)));
        side.scrollIntoView?.({ block: 'nearest' });
      } },
      h('td', {}, u.username), h('td', {}, u.display_name), h('td', {}, u.role_label),
      h('td', {}, u.entity_name || u.jurisdiction_name || ''), h('td', {}, u.phone || ''),
      h('td', {}, u.disabled ? h('span', { class: 'badge' }, '已停用') : u.must_change_password ? h('span', { class: 'badge open' }, '待改初始密码') : '正常'),
      h('td', {}, formatTime(u.created_at))))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, '没有符合条件的账号'))))),
    pagerFor(offset, list, (o) => go({ offset: o || undefined })));
}
