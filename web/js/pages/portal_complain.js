// 投诉举报 · the public's form (#/complain, #/complain?entity=<id> from a shop's page): no sign-in, phone
// first. Photos go with the form (up to 3, 5 MB each); the answer is the tracking code(s) to follow it
// at #/track.
import { ApiError, get } from '../api.js';
import { h, mount } from '../dom.js';
import { COMPLAINT_CATEGORIES } from '../labels.js';
import { field, formError, submitter } from './sample_common.js';
import { portalPage } from './portal_shell.js';

const MAX_PHOTOS = 3, MAX_BYTES = 5 * 1024 * 1024;

// Sends the form as multipart (the JSON and the photos), as the API takes it.
async function send(body, files) {
  const f = new FormData();
  f.append('complaint', JSON.stringify(body));
  for (const file of files) f.append('photo', file, file.name);
  const r = await fetch('/api/v1/public/complaints', { method: 'POST', body: f, headers: { 'X-Requested-With': 'shian' } });
  const data = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(r.status, data?.error);
  return data;
}

function done(container, items) {
  portalPage(container, '提交成功',
    h('div', { class: 'card portal-done', id: 'complaint-done' },
      h('p', {}, '您的诉求已登记，我们将在7个工作日内决定是否受理（举报在15个工作日内核查），并通过短信告知。'),
      items.map((i) => h('p', { class: 'tracking' }, `${i.kind === 'report' ? '举报' : '投诉'}查询编号：`,
        h('strong', { class: 'mono tracking-code' }, i.tracking_code))),
      h('p', { class: 'muted small' }, '请记下编号，凭编号和手机号可随时查询办理进度。'),
      h('a', { class: 'button primary-link', href: `#/track?code=${items[0].tracking_code}`, id: 'go-track' }, '查询进度')));
}

export async function renderPortalComplain(container, hash) {
  const entityId = Number(new URLSearchParams(hash.split('?')[1] || '').get('entity')) || null;
  let shop = null;
  if (entityId) shop = await get(`/public/shops/${entityId}`).then((r) => r.shop || r).catch(() => null);
  const townships = shop ? [] : (await get('/public/divisions').catch(() => ({ items: [] }))).items;

  const kind = h('select', { name: 'kind', id: 'c-kind' },
    h('option', { value: 'complaint' }, '投诉（要求解决与商家的消费纠纷）'),
    h('option', { value: 'report' }, '举报（反映违法行为，不涉及个人赔偿）'),
    h('option', { value: 'both' }, '投诉并举报'));
  const respondent = h('input', { name: 'respondent_name', id: 'c-respondent', placeholder: '商户名称或摊位描述' });
  const respondentAddress = h('input', { name: 'respondent_address', placeholder: '所在地址' });
  const division = h('select', { name: 'division_code', id: 'c-division' }, h('option', { value: '' }, '请选择乡镇（街道）'),
    townships.map((t) => h('option', { value: t.code }, t.name)));
  const category = h('select', { name: 'category', id: 'c-category' }, Object.entries(COMPLAINT_CATEGORIES).map(([k, v]) => h('option', { value: k }, v)));
  const facts = h('textarea', { name: 'facts', id: 'c-facts', rows: 4, placeholder: '请写明时间、地点、经过（至少10个字）' });
  const request = h('input', { name: 'request', id: 'c-request', placeholder: '如：退款、赔偿、道歉' });
  const occurred = h('input', { name: 'occurred_on', type: 'date' });
  const photos = h('input', { name: 'photo', id: 'c-photos', type: 'file', accept: 'image/jpeg,image/png', multiple: true });
  const name = h('input', { name: 'person_name', id: 'c-name', autocomplete: 'name' });
  const phone = h('input', { name: 'person_phone', id: 'c-phone', type: 'tel', autocomplete: 'tel' });
  const address = h('input', { name: 'person_address', id: 'c-address' });
  const anonymous = h('input', { name: 'anonymous', id: 'c-anonymous', type: 'checkbox' });
  const sms = h('input', { name: 'notify_by', type: 'checkbox', checked: true });
  const requestField = field('投诉请求', request, { required: true });
  const anonymousField = field('匿名举报（不留姓名电话，无法告知结果）', anonymous);
  const personFields = h('div', { class: 'form-grid' }, field('姓名', name, { required: true }), field('手机号', phone, { required: true, hint: '用于告知结果和查询进度，不会公开' }),
    field('联系地址', address, { required: true }), field('短信告知办理结果', sms));
  const sync = () => {
    requestField.classList.toggle('hidden', kind.value === 'report');
    anonymousField.classList.toggle('hidden', kind.value !== 'report');
    personFields.classList.toggle('hidden', kind.value === 'report' && anonymous.checked);
  };
  kind.addEventListener('change', sync);
  anonymous.addEventListener('change', sync);

  const form = h('form', { class: 'card portal-form', id: 'complaint-form' },
    shop ? h('p', { class: 'portal-shop' }, '被投诉举报商户：', h('strong', { id: 'c-shop' }, shop.name), h('span', { class: 'muted small' }, ` ${shop.address || ''}`))
      : h('div', { class: 'form-grid' }, field('被投诉举报对象', respondent, { required: true }), field('对象地址', respondentAddress),
        field('所在乡镇（街道）', division, { required: true })),
    h('div', { class: 'form-grid' }, field('类型', kind, { required: true }), field('问题类别', category, { required: true }),
      field('事实和理由', facts, { required: true, wide: true }), requestField, field('发生日期', occurred),
      field(`照片（最多${MAX_PHOTOS}张，每张不超过5MB）`, photos, { name: 'photo' }), anonymousField),
    personFields,
    formError(),
    h('button', { type: 'submit', class: 'primary', id: 'c-submit' }, '提交'));
  form.addEventListener('submit', submitter(form, async () => {
    const files = [...photos.files];
    if (files.length > MAX_PHOTOS) throw Object.assign(new Error(`照片：最多${MAX_PHOTOS}张`), { field: 'photo' });
    if (files.some((f) => f.size > MAX_BYTES)) throw Object.assign(new Error('照片：每张不超过5MB'), { field: 'photo' });
    const body = { kind: kind.value, category: category.value, facts: facts.value.trim(), occurred_on: occurred.value || undefined };
    if (kind.value !== 'report') body.request = request.value.trim();
    if (shop) body.entity_id = entityId;
    else Object.assign(body, { respondent_name: respondent.value.trim(), respondent_address: respondentAddress.value.trim() || undefined,
      division_code: division.value || undefined });
    if (kind.value === 'report' && anonymous.checked) body.anonymous = true;
    else Object.assign(body, { person_name: name.value.trim(), person_phone: phone.value.trim(), person_address: address.value.trim(),
      notify_by: sms.checked ? 'sms' : 'none' });
    done(container, (await send(body, files)).items);
  }));
  sync();
  portalPage(container, '投诉举报',
    h('p', { class: 'muted small' }, '依据《市场监督管理投诉举报处理暂行办法》：投诉须留下姓名、电话和地址，7个工作日内决定是否受理；举报可匿名，举报人信息严格保密。'),
    form);
}
