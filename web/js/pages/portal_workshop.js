// 小作坊登记 for workshops, on a phone and without an account: the application form, then (with the
// id and the access key the answer gave, kept in the address) the application's progress, its documents
// and, when the township returned it, the same form to correct and file it again.
import { api, get, post, put } from '../api.js';
import { h, mount } from '../dom.js';
import { portalPage } from './portal_shell.js';
import { countdown, mountAttachments, stepList, workshopFields } from './workshop_form.js';

async function reference() {
  const [catalogue, divisions] = await Promise.all([get('/public/workshop-catalogue'), get('/public/divisions')]);
  return { catalogue, townships: divisions.items.filter((d) => d.level === 2) };
}

function applyForm(ref) {
  const f = workshopFields(ref.catalogue, ref.townships);
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ws-submit' }, '提交登记申请');
  return h('form', { class: 'card portal-form', id: 'ws-apply', onsubmit: async (ev) => {
    ev.preventDefault();
    f.clear();
    submit.disabled = true;
    try {
      const r = await post('/public/workshop-applications', f.values());
      location.hash = `#/workshop-apply?id=${r.application.id}&key=${r.key}`;
    } catch (e) {
      f.showError(e);
    } finally { submit.disabled = false; }
  } }, h('p', { class: 'muted' }, '食品小作坊在线登记：填写信息并提交后，所在乡镇（街道）将到现场核查，县市场监管局核发登记证。'),
  f.form, submit);
}

async function progress(container, ref, id, key) {
  const a = await get(`/public/workshop-applications/${id}?key=${encodeURIComponent(key)}`);
  const files = h('p', { id: 'ws-files' });
  mountAttachments(files, a.attachments);
  const fileMsg = h('span', { class: 'field-error' });
  const upload = h('input', { type: 'file', accept: 'image/jpeg,image/png', capture: 'environment', id: 'ws-upload', onchange: async () => {
    fileMsg.textContent = '';
    for (const file of upload.files) {
      try {
        await api('POST', `/public/workshop-applications/${id}/attachments?key=${encodeURIComponent(key)}`, undefined, { raw: file, contentType: file.type });
      } catch (e) { fileMsg.textContent = e.message; }
    }
    progress(container, ref, id, key);
  } });
  const open = ['submitted', 'returned'].includes(a.status);
  let correction = null;
  if (a.status === 'returned') {
    const f = workshopFields(ref.catalogue, ref.townships, a);
    correction = h('form', { class: 'card portal-form', id: 'ws-correct', onsubmit: async (ev) => {
      ev.preventDefault();
      f.clear();
      try {
        await put(`/public/workshop-applications/${id}?key=${encodeURIComponent(key)}`, f.values());
        progress(container, ref, id, key);
      } catch (e) { f.showError(e); }
    } }, h('h2', {}, '补正后重新提交'), f.form, h('button', { type: 'submit', class: 'primary' }, '重新提交'));
  }
  portalPage(container, '小作坊登记',
    h('div', { class: 'card', id: 'ws-progress', dataset: { status: a.status } },
      h('p', {}, h('strong', {}, a.name), ' ', a.kind_label),
      h('p', {}, '状态：', h('strong', { id: 'ws-status' }, a.status_label), ' ', countdown(a)),
      a.review_note ? h('p', {}, '核查意见：', a.review_note) : null,
      a.cert ? h('p', {}, '登记证编号：', h('strong', {}, a.cert.cert_no), `，有效期至${a.cert.valid_until}`) : null,
      h('p', { class: 'muted' }, '请收藏本页地址，凭此查看进度、补充材料。'),
      stepList(a.steps)),
    open ? h('div', { class: 'card portal-form' }, h('h2', {}, '申请材料'),
      h('p', { class: 'muted' }, '请拍照上传：经营者身份证明、生产加工场所照片、从业人员健康证明、生产工艺流程等本省要求的材料。'),
      files, upload, fileMsg) : null,
    correction);
}

export async function renderWorkshopApply(container, hash) {
  const ref = await reference();
  const params = new URLSearchParams((hash.split('?')[1]) || '');
  if (params.get('id') && params.get('key')) return progress(container, ref, Number(params.get('id')), params.get('key'));
  portalPage(container, '小作坊登记', applyForm(ref));
}

// The public verification the certificate's QR code opens.
export async function renderWorkshopCert(container, code) {
  const c = await get(`/public/workshop-certs/${encodeURIComponent(code)}`);
  portalPage(container, '小作坊登记证核验',
    h('div', { class: 'card', id: 'ws-cert', dataset: { valid: String(c.valid) } },
      h('p', { class: c.valid ? 'ok' : 'field-error' }, c.valid ? '✔ 登记证有效' : c.status === 'cancelled' ? '✘ 登记证已注销' : '✘ 登记证已过期'),
      h('p', {}, '编号：', c.cert_no), h('p', {}, '作坊名称：', c.name), h('p', {}, '所在乡镇：', c.division_name),
      h('p', {}, `有效期：${c.issued_on} 至 ${c.valid_until}`),
      h('p', {}, '准予生产：', c.products.map((p) => `${p.name}（${p.catalogue_name}）`).join('、'))));
}
