// 追溯码 (#/trace-codes): a business mints the codes it prints on its labels, seals and certificates (an
// official for a business of the jurisdiction), each with its QR code to print and the public page it
// opens. Paged.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const KIND = { lot: '批次', seal: '食安封签', certificate: '承诺达标合格证', product: '产品' };

function codeForm(user, done) {
  const kind = h('select', { name: 'kind', id: 'code-kind' }, Object.entries(KIND).map(([k, v]) => h('option', { value: k }, v)));
  const entity = h('input', { name: 'entity_id', type: 'number', min: 1, id: 'code-entity', placeholder: '经营者的档案编号' });
  const product = h('input', { name: 'product', id: 'code-product', placeholder: '如：鲜猪肉（前腿）' });
  const batch = h('input', { name: 'batch', id: 'code-batch', placeholder: '批次号' });
  const produced = h('input', { name: 'produced_on', type: 'date', id: 'code-produced' });
  const quantity = h('input', { name: 'quantity', type: 'number', min: 0, step: 'any', id: 'code-quantity' });
  const uom = h('input', { name: 'uom', id: 'code-uom', placeholder: '如：KGM（千克）' });
  const epc = h('input', { name: 'epc', id: 'code-epc', placeholder: '已有GS1编码时填写，如 urn:epc:class:lgtin:…' });
  const business = user.role === 'business';
  const form = h('form', { class: 'card sample-form', id: 'code-form' }, h('h3', {}, '生成追溯码'),
    h('div', { class: 'form-grid' }, field('种类', kind), business ? null : field('经营者', entity, { required: true }),
      field('产品名称', product, { required: true }), field('批次', batch), field('生产日期', produced), field('数量', quantity), field('计量单位', uom),
      field('标识（可选）', epc, { wide: true })),
    formError(), h('div', { class: 'toolbar' }, h('span'), h('button', { type: 'submit', class: 'primary' }, '生成')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { kind: kind.value, product: product.value.trim(), batch: batch.value.trim() || undefined, produced_on: produced.value || undefined,
      uom: uom.value.trim() || undefined, epc: epc.value.trim() || undefined };
    if (quantity.value) body.quantity = Number(quantity.value);
    if (!business) body.entity_id = Number(entity.value) || null;
    done(await post('/trace-codes', body));
  }));
  return form;
}

export async function renderTraceCodes(container, user, hash) {
  const offset = Number(new URLSearchParams(hash.split('?')[1] || '').get('offset')) || 0;
  const data = await get(`/trace-codes${query({ limit: PAGE, offset })}`);
  const reload = () => renderTraceCodes(container, user, hash);
  mount(container, h('h2', {}, '追溯码'),
    h('p', { class: 'muted small' }, '追溯码印在标签、食安封签或承诺达标合格证上；消费者扫码可查看产品、批次、流向和抽检结果。'),
    codeForm(user, reload),
    h('div', { class: 'table-wrap' }, h('table', { id: 'code-list' },
      h('thead', {}, h('tr', {}, ['追溯码', '种类', '产品', '批次', '经营者', '二维码'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.length ? data.items.map((c) => h('tr', { dataset: { id: c.id } },
        h('td', { class: 'mono' }, h('a', { href: `#/trace/${c.code}`, target: '_blank' }, c.code)), h('td', {}, KIND[c.kind] || c.kind),
        h('td', {}, c.product), h('td', {}, c.batch || ''), h('td', {}, c.entity_name),
        h('td', {}, h('a', { href: `/api/v1/trace-codes/${c.id}/qr.png`, target: '_blank' },
          h('img', { src: `/api/v1/trace-codes/${c.id}/qr.png`, alt: `追溯码${c.code}`, class: 'code-qr', width: 72, height: 72 })))))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '尚未生成追溯码'))))),
    pagerFor(offset, data, (at) => { location.hash = `#/trace-codes${query({ offset: at || undefined })}`; }));
}
