// 整改: the business's inbox of orders (submit what was done) and the officials' review queue; below it, for the
// officials of a jurisdiction, hazards found and rectified by month (GET /stats/trends).
import { get, post, query, upload } from '../api.js';
import { h, mount } from '../dom.js';
import { RECTIFY_STATUSES, label } from '../labels.js';
import { exportButton } from '../export_csv.js';
import { snapshot } from './cameras.js';
import { trendChart } from './home_charts.js';
import { PAGE, pagerFor } from './sample_common.js';

const SOURCES = { inspection: '监督检查', duty_visit: '包保走访', video_alert: 'AI视频识别', patrol: '在线巡查', sample: '抽检不合格' };

function actionsFor(o, user, reload) {
  const msg = h('span', { class: 'field-error' });
  const fail = (e) => { msg.textContent = e.message; };
  if (user.role === 'business' && o.status === 'open') {
    const evidence = h('textarea', { rows: 2, placeholder: '整改措施和完成情况', class: 'evidence' });
    const photo = h('label', { class: 'photo-button small' }, '上传整改照片',
      h('input', { type: 'file', accept: 'image/jpeg,image/png', class: 'evidence-photo', onchange: async (ev) => {
        try { await upload(`/rectifications/${o.id}/evidence`, ev.target.files[0]); reload(); } catch (e) { fail(e); }
      } }));
    return h('div', { class: 'order-actions' }, evidence, photo,
      h('button', { class: 'primary submit-evidence', onclick: async () => {
        try { await post(`/rectifications/${o.id}/submit`, { evidence: evidence.value.trim() }); reload(); } catch (e) { fail(e); }
      } }, '提交整改'), msg);
  }
  if (user.role !== 'business' && o.status === 'submitted') {
    const note = h('input', { placeholder: '验收意见（退回时必填）', class: 'review-note' });
    const review = (accept) => async () => {
      try { await post(`/rectifications/${o.id}/review`, { accept, note: note.value.trim() || undefined }); reload(); } catch (e) { fail(e); }
    };
    return h('div', { class: 'order-actions' }, note,
      h('button', { class: 'primary accept', onclick: review(true) }, '验收通过'),
      h('button', { class: 'reject', onclick: review(false) }, '退回'), msg);
  }
  return null;
}

export async function renderRectifications(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const status = params.get('status') ?? (user.role === 'business' ? 'open' : 'submitted');
  // entity: one business's orders (a failed sample's 责令整改 leads here); offset: the page, by deadline
  const entity = params.get('entity') || undefined, offset = Number(params.get('offset')) || 0;
  const figures = ['admin', 'county', 'township'].includes(user.role);
  const [r, trends] = await Promise.all([get(`/rectifications${query({ status, entity, limit: PAGE, offset })}`),
    figures ? get('/stats/trends?metric=hazards_found,hazards_rectified&months=12') : null]);
  const reload = () => renderRectifications(container, user, hash);
  const tabs = [['open', '待整改'], ['submitted', '待验收'], ['overdue', '已逾期'], ['verified', '已验收'], ['', '全部']]
    .map(([s, t]) => h('a', { class: `tab ${s === status ? 'active' : ''}`, href: `#/rectifications${query({ status: s })}` }, t));
  mount(container,
    h('h2', {}, user.role === 'business' ? '整改通知' : '整改验收'),
    h('div', { class: 'tabs' }, tabs),
    h('div', { class: 'toolbar' }, exportButton(`/rectifications${query({ status, entity })}`, [['整改事项', (o) => o.title], ['来源', (o) => label(SOURCES, o.source_type)],
      ['主体', (o) => o.entity_name], ['乡镇', (o) => o.township_name], ['整改期限', (o) => o.deadline], ['状态', (o) => label(RECTIFY_STATUSES, o.status)],
      ['是否逾期', (o) => (o.overdue ? '已逾期' : '')], ['发现问题', (o) => o.requirement], ['整改情况', (o) => o.evidence_note], ['验收意见', (o) => o.review_note]], '整改单')),
    r.items.length ? r.items.map((o) => h('div', { class: `card order ${o.overdue ? 'overdue' : ''}`, dataset: { id: o.id } },
      h('div', { class: 'title-row' },
        h('strong', {}, o.title),
        o.key_item ? h('span', { class: 'badge key' }, '重点项') : null,
        h('span', { class: `badge ${o.status}` }, label(RECTIFY_STATUSES, o.status)),
        o.overdue ? h('span', { class: 'badge overdue' }, '已逾期') : null),
      h('p', { class: 'muted' }, `${label(SOURCES, o.source_type)} · ${o.entity_name} · ${o.township_name} · 整改期限 ${o.deadline}`,
        // a deadline counted through a year whose State Council holiday notice is not loaded yet
        o.deadline_provisional ? h('span', { class: 'badge provisional', title: `${o.deadline_provisional_year}年国务院放假通知尚未导入，期限按法定节日暂算` }, '暂定') : null),
      o.snapshot_id ? h('div', { class: 'order-snapshot' }, snapshot(o.snapshot_id, o.box)) : null,
      o.requirement ? h('p', {}, `发现问题：${o.requirement}`) : null,
      o.evidence_note ? h('p', {}, `整改情况：${o.evidence_note}`) : null,
      o.attachments?.length ? h('div', { class: 'thumbs' }, o.attachments.map((a) => h('a', { href: `/api/v1/attachments/${a.id}`, target: '_blank' },
        h('img', { class: 'thumb', src: `/api/v1/attachments/${a.id}`, alt: '整改照片' })))) : null,
      o.review_note ? h('p', {}, `验收意见：${o.review_note}${o.rejections ? `（已退回${o.rejections}次）` : ''}`) : null,
      actionsFor(o, user, reload)))
      : h('p', { class: 'muted card', id: 'no-orders' }, '暂无整改单'),
    pagerFor(offset, r, (o) => { location.hash = `#/rectifications${query({ status, entity, offset: o || undefined })}`; }),
    trends ? h('div', { class: 'charts' }, trendChart('rectify-trend', '近12个月隐患发现与整改', trends)) : null);
}
