// 文书核验 (#/verify/<hash>): where the QR code on an issued document leads. Says whether the bureau
// issued a document with exactly this content, and which: title, number, date, agency.
import { get } from '../api.js';
import { h } from '../dom.js';
import { portalPage } from './portal_shell.js';

export async function renderVerify(container, hash) {
  let doc = null;
  try { doc = await get(`/public/documents/${encodeURIComponent(hash)}`); } catch { doc = null; }
  portalPage(container, '文书核验', doc
    ? h('div', { class: 'card verify-ok', id: 'verify-result' }, h('p', {}, h('strong', {}, '核验通过：'), '本文书由以下机关签发，内容未被改动。'),
      h('p', {}, `${doc.title}　${doc.number}`), h('p', {}, `${doc.agency}　${doc.issued_on}`))
    : h('div', { class: 'card verify-fail', id: 'verify-result' }, h('p', {}, h('strong', {}, '核验未通过：'),
      '没有找到与此二维码对应的已签发文书。文书可能尚未签发、已被改动，或二维码有误，请向签发机关核实。')));
}
