// 文书核验 (#/verify/<hash>): where the QR code on an issued document leads. Says whether the bureau
// issued a document with exactly this content, and which: title, number, date, agency; and its leaf in the
// public ledger with a link to its inclusion proof against the latest signed checkpoint (`shian ledger verify`).
import { get } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

export async function renderVerify(container, hash) {
  let doc = null;
  try { doc = await get(`/public/documents/${encodeURIComponent(hash)}`); } catch { doc = null; }
  portalPage(container, '文书核验', doc
    ? h('div', { class: 'card verify-ok', id: 'verify-result' }, h('p', {}, h('strong', {}, '核验通过：'), '本文书由以下机关签发，内容未被改动。'),
      h('p', {}, `${doc.title}　${doc.number}`), h('p', {}, `${doc.agency}　${doc.issued_on}`),
      Number.isInteger(doc.ledger_index) ? h('p', { class: 'muted', id: 'verify-ledger' }, `已记入公开账本第 ${doc.ledger_index} 条，`,
        h('a', { href: `/api/v1/ledger/proof/inclusion?index=${doc.ledger_index}` }, '包含证明'), '与',
        h('a', { href: '/api/v1/ledger/checkpoint' }, '签名检查点'), '可离线核验。') : null)
    : h('div', { class: 'card verify-fail', id: 'verify-result' }, h('p', {}, h('strong', {}, '核验未通过：'),
      '没有找到与此二维码对应的已签发文书。文书可能尚未签发、已被改动，或二维码有误，请向签发机关核实。')));
}
