// 进度查询 · the public follows a complaint (#/track, #/track?code=TS…): the tracking code and the phone
// given, a code texted to that phone, then the steps and, once closed, a rating.
import { post } from '../api.js';
import { h, mount } from '../dom.js';
import { field, formError, submitter } from './sample_common.js';
import { portalPage } from './portal_shell.js';

function stars(ask, view, box) {
  let chosen = 0;
  const buttons = [1, 2, 3, 4, 5].map((n) => h('button', { type: 'button', class: 'star', dataset: { n }, 'aria-label': `${n}星`,
    onclick: () => { chosen = n; buttons.forEach((b, i) => b.classList.toggle('on', i < n)); } }, '★'));
  const comment = h('input', { name: 'comment', id: 't-comment', placeholder: '意见建议（可选）' });
  const form = h('form', { class: 'card portal-form', id: 'rate-form' }, h('h3', {}, '请您评价办理情况'),
    h('div', { class: 'stars', id: 't-stars' }, buttons), field('评价', comment, { name: 'rating' }), formError(),
    h('button', { type: 'submit', class: 'primary', id: 't-rate' }, '提交评价'));
  form.addEventListener('submit', submitter(form, async () => {
    show(box, await post('/public/complaints/rate', { ...ask, rating: chosen, comment: comment.value.trim() || undefined }), ask);
  }));
  return form;
}

function show(box, v, ask) {
  mount(box,
    h('div', { class: 'card', id: 'track-result' },
      h('p', {}, `${v.kind_label} `, h('span', { class: 'mono' }, v.tracking_code), ' · ', h('strong', { id: 't-status' }, v.status_label)),
      h('p', { class: 'muted small' }, `对象：${v.respondent_name} · ${v.category_label} · 登记于 ${v.received_on}`),
      v.due_on ? h('p', { class: 'small' }, `当前环节办理期限：${v.due_on}`) : null,
      h('ol', { class: 'timeline', id: 't-steps' }, v.steps.map((s) => h('li', {}, h('span', { class: 'muted small' }, s.date), ' ', s.text))),
      v.rating ? h('p', { id: 't-rated' }, `您的评价：${'★'.repeat(v.rating)}，感谢您的反馈。`) : null),
    v.can_rate ? stars(ask, v, box) : null);
}

export async function renderPortalTrack(container, hash) {
  const code = h('input', { name: 'tracking_code', id: 't-code', value: new URLSearchParams(hash.split('?')[1] || '').get('code') || '',
    placeholder: 'TS开头的10位编号', autocapitalize: 'characters' });
  const phone = h('input', { name: 'phone', id: 't-phone', type: 'tel', placeholder: '登记时留下的手机号' });
  const verify = h('input', { name: 'code', id: 't-verify', inputmode: 'numeric', maxlength: 6, placeholder: '6位验证码' });
  const sent = h('p', { class: 'muted small', id: 't-sent' });
  const result = h('div');
  const ask = () => ({ tracking_code: code.value.trim().toUpperCase(), phone: phone.value.trim() });
  const form = h('form', { class: 'card portal-form', id: 'track-form' },
    h('div', { class: 'form-grid' }, field('查询编号', code, { required: true }), field('手机号', phone, { required: true })),
    h('button', { type: 'button', id: 't-send' }, '获取验证码'), sent,
    field('验证码', verify, { required: true }), formError(),
    h('button', { type: 'submit', class: 'primary', id: 't-submit' }, '查询'));
  form.querySelector('#t-send').addEventListener('click', submitter(form, async () => {
    sent.textContent = (await post('/public/complaints/code', ask())).message;
  }));
  form.addEventListener('submit', submitter(form, async () => {
    const a = { ...ask(), code: verify.value.trim() };
    show(result, await post('/public/complaints/track', a), a);
  }));
  portalPage(container, '进度查询', form, result);
}
