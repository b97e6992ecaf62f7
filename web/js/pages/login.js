// 登录
import { api } from '../api.js';
import { h } from '../dom.js';

export function renderLogin(onSignedIn) {
  const msg = h('p', { class: 'error hidden', id: 'login-error', role: 'alert' });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, '登录');
  const form = h('form', {
    class: 'login-card',
    onsubmit: async (ev) => {
      ev.preventDefault();
      msg.classList.add('hidden');
      submit.disabled = true;
      try {
        const r = await api('POST', '/auth/login', { username: username.value.trim(), password: password.value });
        onSignedIn(r.user);
      } catch (e) {
        msg.textContent = e.message;
        msg.classList.remove('hidden');
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h1', {}, '食安智慧监管平台'),
  h('p', { class: 'muted' }, '市场监督管理局 · 食品安全监管'),
  h('label', {}, '用户名', username),
  h('label', {}, '密码', password),
  msg, submit,
  h('a', { href: '#/public', class: 'public-link' }, '检查结果公示（公众查询）'));
  return h('div', { class: 'login-page' }, form);
}
