// 进出货台账 (#/goods): a business records what it receives (进货查验: the supplier, the code or lot, the
// quantity, the 承诺达标合格证 or quarantine certificate, the invoice) and what it ships, each as a GS1
// EPCIS 2.0 event through /epcis/capture, and sees its own and its partners' records about it, newest first, paged by
// the query's nextPageToken. The time is the server's clock, not the phone's.
import { api, get } from '../api.js';
import { formatTime, h, mount } from '../dom.js';
import { field, formError, submitter } from './sample_common.js';
import { biz_step } from './trace_labels.js';

const CODE = /^[2-9A-HJ-NP-Z]{12}$/;
const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const EV = 'epcisBody.eventList[0]';

class FieldError extends Error { constructor(field, message) { super(message); this.field = field; } }

// A trace code (12 characters) or an identifier as the events write it.
function identifier(text, name) {
  const t = text.trim().toUpperCase();
  if (CODE.test(t)) return `urn:shian:product:${t}`;
  if (/^(urn:|https?:\/\/)/i.test(text.trim())) return text.trim();
  throw new FieldError(name, '追溯码：请填写12位追溯码，或 urn:epc:… 等GS1标识');
}

// The other business: its 档案编号 or its 统一社会信用代码.
function partner(text, name) {
  const t = text.trim().toUpperCase();
  if (/^\d{1,12}$/.test(t)) return `urn:shian:entity:${t}`;
  if (/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(t)) return `urn:shian:uscc:${t}`;
  throw new FieldError(name, '对方：请填写对方的档案编号或18位统一社会信用代码');
}

function recordForm(user, direction, now, done) {
  const receiving = direction === 'receiving';
  const side = receiving ? 'sourceList[0].source' : 'destinationList[0].destination';
  const other = h('input', { name: `${EV}.${side}`, id: `${direction}-partner`, placeholder: '档案编号或统一社会信用代码' });
  const code = h('input', { name: `${EV}.quantityList[0].epcClass`, id: `${direction}-code`, placeholder: '12位追溯码或GS1标识' });
  const quantity = h('input', { name: `${EV}.quantityList[0].quantity`, id: `${direction}-quantity`, type: 'number', min: 0, step: 'any' });
  const uom = h('select', { name: `${EV}.quantityList[0].uom`, id: `${direction}-uom` },
    [['KGM', '千克'], ['H87', '件'], ['XBX', '箱'], ['HEA', '头']].map(([v, t]) => h('option', { value: v }, t)));
  const cert = h('input', { name: `${EV}.certificationInfo`, id: `${direction}-cert`, placeholder: '承诺达标合格证或检疫证明编号' });
  const invoice = h('input', { name: `${EV}.bizTransactionList[0]`, id: `${direction}-invoice`, placeholder: '发票或送货单号' });
  const when = h('input', { name: `${EV}.eventTime`, id: `${direction}-time`, type: 'datetime-local',
    value: new Date(now + 8 * 3600e3).toISOString().slice(0, 16) });
  const form = h('form', { class: 'card sample-form', id: `${direction}-form` }, h('h3', {}, receiving ? '登记进货（进货查验）' : '登记出货'),
    h('div', { class: 'form-grid' }, field(receiving ? '供货方' : '购货方', other, { required: true }), field('追溯码', code, { required: true }),
      field('数量', quantity, { required: true }), field('单位', uom), field(receiving ? '合格证明' : '随货证明', cert), field('票据号', invoice),
      field('时间', when, { required: true })),
    formError(), h('div', { class: 'toolbar' }, h('span', { class: 'muted small' }, receiving ? '进货查验记录依法保存，不得少于产品保质期满后六个月；没有明确保质期的，不得少于二年。' : ''),
      h('button', { type: 'submit', class: 'primary' }, '登记')));
  form.addEventListener('submit', submitter(form, async () => {
    const me = `urn:shian:entity:${user.entity_id}`;
    const them = partner(other.value, other.name);
    if (!(Number(quantity.value) > 0)) throw new FieldError(quantity.name, '数量：应为大于0的数');
    const at = Date.parse(`${when.value}:00+08:00`);
    if (!Number.isFinite(at)) throw new FieldError(when.name, '时间：请选择时间');
    const ev = { type: 'ObjectEvent', eventTime: new Date(at).toISOString(), eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: direction,
      disposition: receiving ? 'in_progress' : 'in_transit', bizLocation: { id: me },
      quantityList: [{ epcClass: identifier(code.value, code.name), quantity: Number(quantity.value), uom: uom.value }],
      sourceList: [{ type: 'owning_party', source: receiving ? them : me }], destinationList: [{ type: 'owning_party', destination: receiving ? me : them }] };
    const c = cert.value.trim().toUpperCase();
    if (c) {
      if (!/^[0-9A-Z]{6,32}$/.test(c)) throw new FieldError(cert.name, '合格证明：编号应为6至32位字母或数字');
      ev.certificationInfo = `urn:shian:cert:${c}`;
    }
    const inv = invoice.value.trim();
    if (inv) {
      if (!/^[0-9A-Za-z._-]{1,40}$/.test(inv)) throw new FieldError(invoice.name, '票据号：应为1至40位字母、数字或 . _ -');
      ev.bizTransactionList = [{ type: receiving ? 'recadv' : 'desadv', bizTransaction: `urn:shian:invoice:${inv}` }];
    }
    await api('POST', '/epcis/capture', { '@context': CTX, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date(now).toISOString(),
      epcisBody: { eventList: [ev] } }, { root: '' });
    done();
  }));
  return form;
}

const short = (uri) => {
  const m = /^urn:shian:(entity|uscc|product|eartag|cert|seal|quarantine):(.+)$/.exec(uri || '');
  if (!m) return uri || '';
  return { entity: `主体#${m[2]}`, uscc: m[2], product: m[2], eartag: `耳标${m[2]}`, cert: `合格证${m[2]}`, seal: `封签${m[2]}`, quarantine: `检疫证${m[2]}` }[m[1]];
};

function eventRow(ev) {
  const what = [...(ev.epcList || []), ...(ev.quantityList || []).map((q) => q.epcClass), ...(ev.outputQuantityList || []).map((q) => q.epcClass)];
  const qty = (ev.quantityList || ev.outputQuantityList || []).map((q) => `${q.quantity ?? ''}${q.uom === 'KGM' ? '千克' : q.uom || ''}`).join('、');
  return h('tr', {}, h('td', {}, formatTime(Date.parse(ev.eventTime))), h('td', {}, biz_step(ev.bizStep)),
    h('td', { class: 'mono' }, what.slice(0, 3).map(short).join('、') + (what.length > 3 ? ` 等${what.length}项` : '')), h('td', {}, qty),
    h('td', {}, (ev.sourceList || []).map((s) => short(s.source)).join('、')), h('td', {}, (ev.destinationList || []).map((d) => short(d.destination)).join('、')),
    h('td', {}, ev.errorDeclaration ? h('span', { class: 'badge warn' }, '已更正') : ''));
}

export async function renderGoodsLedger(container, user, hash) {
  const token = new URLSearchParams(hash.split('?')[1] || '').get('page') || '';
  const [health, res] = await Promise.all([get('/health'), fetch(`/epcis/events?perPage=20&orderDirection=DESC${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`,
    { credentials: 'same-origin' })]);
  const data = await res.json();
  if (!res.ok) throw new Error(data?.error?.message || `请求失败（${res.status}）`);
  const events = data.epcisBody.queryResults.resultsBody.eventList;
  const next = /nextPageToken=([^&>]+)/.exec(res.headers.get('link') || '')?.[1];
  const reload = () => { location.hash = '#/goods'; renderGoodsLedger(container, user, '#/goods'); };
  mount(container, h('h2', {}, '进出货台账'),
    h('p', { class: 'muted small' }, '每一笔进货、出货都记为标准追溯事件（GS1 EPCIS 2.0），写入可验证的账本；监管部门据此正向、反向追溯和召回。'),
    h('div', { class: 'form-pair' }, recordForm(user, 'receiving', health.now, reload), recordForm(user, 'shipping', health.now, reload)),
    h('div', { class: 'table-wrap' }, h('table', { id: 'goods-list' },
      h('thead', {}, h('tr', {}, ['时间', '环节', '追溯码/标识', '数量', '来源', '去向', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, events.length ? events.map(eventRow) : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, '尚无进出货记录'))))),
    h('div', { class: 'toolbar pager' }, h('span', { class: 'muted' }, `本页 ${events.length} 条`),
      h('span', {}, h('button', { type: 'button', class: 'prev', disabled: !token, onclick: () => { location.hash = '#/goods'; } }, '第一页'), ' ',
        h('button', { type: 'button', class: 'next', disabled: !next, onclick: () => { location.hash = `#/goods?page=${next}`; } }, '下一页'))));
}
