// 食品经营许可（告知承诺制） in the console: the business's application form with the commitment letter
// (#/licence-apply), the county's issuance queue (#/licence-queue), the township's verification list with
// the licences about to end (#/licence-verify). After an inconsistent verification the business reports its
// correction on its page and the township confirms or returns it (tab 整改待确认). Made to work on a phone:
// cards and full-width fields.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, pagerFor } from './sample_common.js';

const KINDS = [['new', '新办'], ['change', '变更'], ['renew', '延续'], ['cancel', '注销']];
const RESULT = { consistent: '相符', inconsistent: '不相符' };

function verifyLine(a) {
  if (a.verify_result) {
    return h('p', {}, `现场核查：${RESULT[a.verify_result]}（${a.verified_on}）`,
      a.correct_due && a.correction !== 'confirmed' ? h('strong', { class: 'countdown overdue' }, ` 责令${a.correct_due}前整改`) : null);
  }
  if (a.verify_pending) {
    return h('p', { class: a.verify_overdue ? 'step-due late' : '' }, `现场核查：应于${a.verify_due}前完成${a.verify_overdue ? '（已逾期）' : ''}`);
  }
  return null;
}

function correctionLine(a) {
  if (a.correction === 'ordered') {
    return h('p', { class: 'lic-correction', dataset: { state: a.correction } }, h('strong', {}, '待整改'),
      a.correct_review_note ? `：整改被退回，${a.correct_review_note}` : '');
  }
  if (a.correction === 'reported') return h('p', { class: 'lic-correction', dataset: { state: a.correction } }, `已报告整改完成（${a.corrected_on}）：${a.correct_note}，待确认`);
  if (a.correction === 'confirmed') return h('p', { class: 'lic-correction ok', dataset: { state: a.correction } }, `整改已确认（${a.correct_confirmed_on}）`);
  return null;
}

// A note and one button per choice, posting body(choice, note) to url; the error shown in place.
function noteActions(url, placeholder, choices, reload) {
  const note = h('input', { class: 'lic-note', maxlength: 500, placeholder });
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const go = async (body) => {
    msg.textContent = '';
    try { await post(url, body(note.value.trim() || undefined)); reload(); } catch (e) { msg.textContent = e.message; }
  };
  return h('div', { class: 'portal-form' }, note, h('div', { class: 'toolbar' },
    choices.map(([cls, text, body], i) => h('button', { type: 'button', class: `${i ? '' : 'primary '}${cls}`, onclick: () => go(body) }, text))), msg);
}

function card(a, ...actions) {
  return h('li', { class: 'card lic-card', dataset: { id: a.id, status: a.status } },
    h('p', {}, h('strong', {}, a.name), ` ${a.kind_label} · ${a.division_name || ''}`),
    h('p', {}, a.status_label, a.licence_no ? ` · ${a.licence_no}` : '', a.valid_until ? ` · 有效期至${a.valid_until}` : ''),
    h('p', { class: 'muted' }, `${a.address} · 承诺人${a.signer} · ${a.submitted_on}申请`),
    a.decision_note ? h('p', {}, `决定意见：${a.decision_note}`) : null,
    verifyLine(a), a.verify_note ? h('p', {}, `核查情况：${a.verify_note}`) : null, correctionLine(a), actions);
}

// The business: its applications, and the form with every commitment to sign.
export async function renderLicenceApply(container, user) {
  const [mine, items, me] = await Promise.all([get('/licence-applications?limit=50'), get('/licence-commitments'),
    get(`/entities/${user.entity_id}`)]);
  const e = me.entity;
  const licensed = e.licence_kind === 'jy' && e.licence_no;
  const open = mine.items.some((a) => a.status === 'submitted');
  const kind = h('select', { id: 'lic-kind', name: 'kind' },
    KINDS.filter(([k]) => (k === 'new') !== Boolean(licensed)).map(([v, t]) => h('option', { value: v }, t)));
  const name = h('input', { id: 'lic-name', value: e.name, maxlength: 100 });
  const address = h('input', { id: 'lic-address', value: e.address || '', maxlength: 200 });
  const signer = h('input', { id: 'lic-signer', value: e.legal_rep || '', maxlength: 30, placeholder: '承诺人姓名' });
  const note = h('textarea', { id: 'lic-note', rows: 2, maxlength: 500, placeholder: '备注（选填）' });
  const boxes = items.items.map((i) => h('label', { class: 'lic-commit' },
    h('input', { type: 'checkbox', value: i.code, name: 'commitment' }), ` ${i.code} ${i.text}`));
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'lic-error' });
  const form = h('form', { class: 'card portal-form', id: 'lic-form', onsubmit: async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    const body = { kind: kind.value, signer: signer.value.trim(), note: note.value.trim() || undefined,
      commitments: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value) };
    if (name.value.trim() !== e.name) body.name = name.value.trim();
    if (address.value.trim() !== (e.address || '')) body.address = address.value.trim();
    try { await post('/licence-applications', body); renderLicenceApply(container, user); } catch (err) { msg.textContent = err.message; }
  } }, h('h3', {}, '申请食品经营许可（告知承诺）'),
  h('label', {}, '申请类型', kind), h('label', {}, '经营者名称', name), h('label', {}, '经营场所', address),
  h('fieldset', { id: 'lic-commitments' }, h('legend', {}, '本人承诺（逐项勾选）'), boxes),
  h('label', {}, '承诺人', signer), note, h('button', { type: 'submit', class: 'primary' }, '签署承诺并提交'), msg);
  mount(container, h('h2', {}, '食品经营许可'),
    h('div', { class: 'card', id: 'lic-current' }, licensed
      ? h('p', {}, `许可证编号：${e.licence_no}，有效期至${e.licence_valid_until || '—'}`) : h('p', {}, '尚未取得食品经营许可证')),
    h('ul', { class: 'plain-list', id: 'lic-list' }, mine.items.length ? mine.items.map((a) => card(a, a.correction === 'ordered'
      ? noteActions(`/licence-applications/${a.id}/correction`, '整改情况（做了哪些整改）', [['lic-corrected', '报告整改完成', (note) => ({ note })]],
        () => renderLicenceApply(container, user)) : null)) : h('li', { class: 'muted' }, '暂无申请')),
    open ? h('p', { class: 'muted' }, '有申请正在办理，县局决定后可再次申请。') : form);
}

function decideActions(a, reload) {
  return noteActions(`/licence-applications/${a.id}/decision`, '决定意见（不予许可须写明理由）', [
    ['lic-issue', a.kind === 'cancel' ? '准予注销' : '准予许可', (note) => ({ decision: 'issue', note })],
    ['lic-refuse', '不予许可', (note) => ({ decision: 'refuse', note })]], reload);
}

// The county: the applications waiting for its decision, issued at once on the commitment.
export async function renderLicenceQueue(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const tab = params.has('tab') ? params.get('tab') : 'submitted';
  const offset = Number(params.get('offset')) || 0;
  const data = await get(`/licence-applications${query({ status: tab, limit: PAGE, offset })}`);
  const go = (t, o) => { location.hash = `#/licence-queue${query({ tab: t, offset: o || undefined })}`; };
  const reload = () => renderLicenceQueue(container, user, hash);
  const decider = ['admin', 'county'].includes(user.role);
  mount(container, h('h2', {}, '食品经营许可审批（告知承诺制）'),
    h('div', { class: 'toolbar', id: 'lic-tabs' }, [['submitted', '待决定'], ['issued', '已许可'], ['refused', '不予许可'], ['', '全部']].map(([t, text]) =>
      h('button', { type: 'button', class: t === tab ? 'primary' : '', onclick: () => go(t, 0) }, text))),
    h('ul', { class: 'plain-list', id: 'lic-list' }, data.items.length
      ? data.items.map((a) => card(a, a.status === 'submitted' && decider ? decideActions(a, reload) : null)) : h('li', { class: 'muted' }, '暂无申请')),
    pagerFor(offset, data, (o) => go(tab, o)));
}

function verifyActions(a, reload) {
  return noteActions(`/licence-applications/${a.id}/verification`, '核查情况（不相符须写明）', [
    ['lic-consistent', '核查相符', (note) => ({ result: 'consistent', note })],
    ['lic-inconsistent', '不相符，责令整改', (note) => ({ result: 'inconsistent', note })]], reload);
}

function reviewActions(a, reload) {
  return noteActions(`/licence-applications/${a.id}/correction-review`, '确认意见（退回须写明理由）', [
    ['lic-confirm', '整改到位', (note) => ({ accept: true, note })],
    ['lic-return', '退回重新整改', (note) => ({ accept: false, note })]], reload);
}

// The township: verifications after issuance (pending, overdue, done) and the licences ending within 30 days.
export async function renderLicenceVerify(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const tab = params.get('tab') || 'pending';
  const offset = Number(params.get('offset')) || 0;
  const go = (t, o) => { location.hash = `#/licence-verify${query({ tab: t, offset: o || undefined })}`; };
  const reload = () => renderLicenceVerify(container, user, hash);
  const tabs = h('div', { class: 'toolbar', id: 'lic-tabs' }, [['pending', '待核查'], ['overdue', '已逾期'], ['done', '已核查'], ['corrections', '整改待确认'],
    ['expiring', '30天内到期']]
    .map(([t, text]) => h('button', { type: 'button', class: t === tab ? 'primary' : '', onclick: () => go(t, 0) }, text)));
  if (tab === 'expiring') {
    const data = await get(`/licence-expiring${query({ limit: PAGE, offset })}`);
    return mount(container, h('h2', {}, '许可证后现场核查'), tabs,
      h('ul', { class: 'plain-list', id: 'lic-expiring' }, data.items.length ? data.items.map((x) => h('li', { class: 'card', dataset: { entity: x.entity_id } },
        h('p', {}, h('a', { href: `#/entities/${x.entity_id}` }, h('strong', {}, x.name)), ` · ${x.division_name || ''}`),
        h('p', {}, `${x.licence_no} · ${x.valid_until}到期，剩${x.days_left}天`))) : h('li', { class: 'muted' }, '30天内没有到期的许可证')),
      pagerFor(offset, data, (o) => go(tab, o)));
  }
  const filter = tab === 'corrections' ? { correction: 'reported' } : { verify: tab };
  const data = await get(`/licence-applications${query({ ...filter, limit: PAGE, offset })}`);
  const verifier = ['admin', 'county', 'township'].includes(user.role);
  const actions = (a) => !verifier ? null : a.verify_pending ? verifyActions(a, reload) : a.correction === 'reported' ? reviewActions(a, reload) : null;
  mount(container, h('h2', {}, '许可证后现场核查'), tabs,
    h('ul', { class: 'plain-list', id: 'lic-list' }, data.items.length ? data.items.map((a) => card(a, actions(a))) : h('li', { class: 'muted' }, '暂无')),
    pagerFor(offset, data, (o) => go(tab, o)));
}
