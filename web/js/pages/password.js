// 修改密码: everyone's own; the only page of someone whose password an administrator set, until it is
// replaced (the server refuses everything else meanwhile).
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { field, formError, submitter } from './sample_common.js';

export async function renderPassword(container, user, done) {
  const old = h('input', { name: 'old_password', id: 'pw-old', type: 'password', autocomplete: 'current-password' });
  const fresh = h('input', { name: 'new_password', id: 'pw-new', type: 'password', autocomplete: 'new-password' });
  const again = h('input', { name: 'again', id: 'pw-again', type: 'password', autocomplete: 'new-password' });
  const form = h('form', { class: 'card sample-form', id: 'password-form' },
    h('h2', {}, '修改密码'),
    user.must_change_password ? h('p', { class: 'warn', id: 'pw-forced' }, '您的密码由管理员设置，请先修改为只有您本人知道的密码，然后才能使用平台。') : null,
    h('div', { class: 'sample-grid' },
      field(user.must_change_password ? '管理员告知的密码' : '原密码', old, { required: true }),
      field('新密码', fresh, { required: true, hint: '至少8位，含字母和数字' }),
      field('再次输入新密码', again, { required: true })),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'pw-save' }, '修改密码')));
  form.addEventListener('submit', submitter(form, async () => {
    if (fresh.value !== again.value) throw Object.assign(new Error('两次输入的新密码不一致'), { field: 'again' });
    await post('/me/password', { old_password: old.value, new_password: fresh.value });
    await done((await get('/me')).user);
  }));
  mount(container, form);
}
