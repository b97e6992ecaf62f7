// 视频监管: the AI alert review queue (confirm a hazard or mark a false positive), the week's online
// patrols, and the figures (hazards found and handled, camera coverage, offline cameras, accuracy).
import { get, post, query } from '../api.js';
import { formatTime, h, mount, percent } from '../dom.js';
import { ALERT_STATUSES, KINDS, VIOLATIONS, label } from '../labels.js';
import { onlineBadge, snapshot } from './cameras.js';

const TABS = [['#/video', '告警审核'], ['#/video/patrols', '在线巡查'], ['#/video/stats', '统计分析']];

function tabs(active) {
  return h('div', { class: 'tabs' }, TABS.map(([href, t]) => h('a', { class: `tab ${href === active ? 'active' : ''}`, href }, t)));
}

function reviewActions(a, user, reload) {
  if (a.status !== 'open' || !['admin', 'county', 'township'].includes(user.role)) return null;
  const note = h('input', { class: 'review-note', placeholder: '审核意见（误报时建议填写原因）' });
  const msg = h('span', { class: 'field-error' });
  const decide = (decision) => async () => {
    try { await post(`/alerts/${a.id}/review`, { decision, note: note.value.trim() || undefined }); reload(); } catch (e) { msg.textContent = e.message; }
  };
  return h('div', { class: 'order-actions' }, note,
    h('button', { class: 'primary confirm', onclick: decide('confirm') }, '确认隐患并推送'),
    h('button', { class: 'false-positive', onclick: decide('false_positive') }, '误报'), msg);
}

function alertCard(a, user, reload) {
  return h('div', { class: 'card alert', dataset: { id: a.id } },
    snapshot(a.snapshot_id, a.box, a.violation_label || label(VIOLATIONS, a.violation)),
    h('div', { class: 'alert-body' },
      h('div', { class: 'title-row' },
        h('strong', { class: 'violation' }, a.violation_label || label(VIOLATIONS, a.violation)),
        h('span', { class: `badge alert-${a.status}` }, label(ALERT_STATUSES, a.status))),
      h('p', {}, h('a', { href: `#/entities/${a.entity_id}` }, a.entity_name), ` · ${a.township_name || ''}`),
      h('p', { class: 'muted' }, `${a.camera_name || ''}${a.area_label ? `（${a.area_label}）` : ''} · ${formatTime(a.first_at)}`,
        a.last_at !== a.first_at ? ` 至 ${formatTime(a.last_at)}` : '',
        ` · ${a.observation_count ?? a.observations}次识别 · 置信度 ${Math.round((a.max_score || 0) * 100)}%`),
      a.review_note ? h('p', {}, `审核意见：${a.review_note}`) : null,
      a.rectification_id ? h('p', {}, h('a', { href: '#/rectifications?status=' }, `已生成整改单 #${a.rectification_id}`)) : null,
      reviewActions(a, user, reload)));
}

export async function renderAlerts(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const status = params.get('status') ?? 'open';
  const violation = params.get('violation') || '';
  const r = await get(`/alerts${query({ status, violation, limit: 50 })}`);
  const reload = () => renderAlerts(container, user, hash);
  const statusTabs = [['open', '待审核'], ['confirmed', '已确认'], ['false_positive', '误报'], ['pending', '持续观察中']]
    .map(([s, t]) => h('a', { class: `tab ${s === status ? 'active' : ''}`, href: `#/video${query({ status: s, violation })}` }, t));
  const filter = h('select', { id: 'filter-violation', onchange: (ev) => { location.hash = `#/video${query({ status, violation: ev.target.value })}`; } },
    h('option', { value: '' }, '全部类型'),
    Object.entries(VIOLATIONS).map(([v, t]) => h('option', { value: v, selected: v === violation }, t)));
  mount(container,
    h('h2', {}, '视频监管'), tabs('#/video'),
    h('div', { class: 'filters' }, h('div', { class: 'tabs inline' }, statusTabs), filter),
    r.items.length ? h('div', { id: 'alert-list' }, r.items.map((a) => alertCard(a, user, reload)))
      : h('p', { class: 'muted card', id: 'no-alerts' }, '暂无告警'));
}

function patrolForm(t, reload) {
  const findings = h('input', { class: 'findings', placeholder: '巡查情况（如：人员着装规范，未见异常）' });
  const outcome = h('select', { class: 'outcome' },
    h('option', { value: 'normal' }, '正常'), h('option', { value: 'problem' }, '发现问题（生成整改单）'), h('option', { value: 'offline' }, '画面离线'));
  const title = h('input', { class: 'problem-title', placeholder: '问题（发现问题时填写）' });
  const msg = h('span', { class: 'field-error' });
  return h('form', { class: 'order-actions', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await post(`/patrols/${t.id}`, { outcome: outcome.value, findings: findings.value.trim(), title: title.value.trim() || undefined });
      reload();
    } catch (e) { msg.textContent = e.message; }
  } }, outcome, findings, title, h('button', { class: 'primary', type: 'submit' }, '提交巡查记录'), msg);
}

export async function renderPatrols(container, user) {
  const r = await get('/patrols');
  const reload = () => renderPatrols(container, user);
  const done = r.items.filter((t) => t.status === 'done').length;
  mount(container,
    h('h2', {}, '视频监管'), tabs('#/video/patrols'),
    h('p', { class: 'muted' }, `本周（${r.week}起）在线巡查 ${r.items.length} 路，已完成 ${done} 路`),
    r.items.length ? r.items.map((t) => h('div', { class: 'card patrol', dataset: { id: t.id } },
      snapshot(t.last_snapshot_id, null, t.camera_name),
      h('div', { class: 'alert-body' },
        h('div', { class: 'title-row' }, h('strong', {}, t.entity_name), t.camera ? onlineBadge(t.camera) : (t.online ? h('span', { class: 'badge active' }, '在线') : h('span', { class: 'badge revoked' }, '离线')),
          t.status === 'done' ? h('span', { class: 'badge verified' }, '已巡查') : null),
        h('p', { class: 'muted' }, `${t.camera_name || ''}${t.area_label ? `（${t.area_label}）` : ''}`),
        t.status === 'done' ? h('p', {}, `巡查情况：${t.findings || ''}`) : patrolForm(t, reload))))
      : h('p', { class: 'muted card', id: 'no-patrols' }, '辖区暂无可巡查的摄像头'));
}

// A table whose first column names the row and the others are figures (headers aligned with them).
function table(id, head, rows, textColumns = 1) {
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, head.map((t, i) => h('th', { class: i < textColumns ? '' : 'num' }, t)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: head.length, class: 'muted' }, '暂无数据')))));
}

const num = (v) => h('td', { class: 'num' }, v ?? 0);

export async function renderVideoStats(container, user) {
  const [byViolation, byTownship, coverage, offline, accuracy] = await Promise.all([
    get('/video/stats?group=violation'), get('/video/stats?group=township'), get('/cameras/coverage'),
    get('/cameras/offline'), get('/alerts/accuracy')]);
  const t = byViolation.totals || {};
  const statRow = (key) => (x) => h('tr', {}, h('td', {}, key === 'violation' ? (x.label || label(VIOLATIONS, x.key ?? x.violation)) : (x.label || x.name || x.key)),
    num(x.found), num(x.confirmed), num(x.false_positive), num(x.rectified), num(x.rectified_on_time), num(x.overdue));
  const statHead = ['', '发现', '确认隐患', '误报', '已整改', '按期整改', '逾期未改'];
  mount(container,
    h('h2', {}, '视频监管'), tabs('#/video/stats'),
    h('div', { class: 'stats', id: 'video-totals' },
      [['发现告警', t.found], ['确认隐患', t.confirmed], ['已整改', t.rectified], ['逾期未改', t.overdue],
        ['摄像头在线', `${coverage.total?.online ?? 0} / ${coverage.total?.cameras ?? 0}`],
        ['视频接入覆盖率', percent(coverage.total?.share ?? 0)]]
        .map(([title, v]) => h('div', { class: 'card stat' }, h('div', { class: 'stat-value' }, v ?? 0), h('div', { class: 'stat-title' }, title)))),
    h('div', { class: 'card' }, h('h3', {}, '按违规类型'), table('stats-violation', statHead, (byViolation.items || byViolation.rows || []).map(statRow('violation')))),
    h('div', { class: 'card' }, h('h3', {}, '按乡镇'), table('stats-township', statHead, (byTownship.items || byTownship.rows || []).map(statRow('township')))),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h3', {}, '视频接入覆盖率（按乡镇）'), table('coverage', ['乡镇', '应接入主体', '重点区域全部在线', '覆盖率', '摄像头', '在线'],
        (coverage.townships || []).map((c) => h('tr', {}, h('td', {}, c.township_name), num(c.required), num(c.covered),
          h('td', { class: 'num' }, c.share === null ? '—' : percent(c.share)), num(c.cameras), num(c.online))))),
      h('div', { class: 'card' }, h('h3', {}, '视频接入覆盖率（按类型）'), table('coverage-kind', ['类型', '应接入主体', '重点区域全部在线', '覆盖率'],
        (coverage.kinds || []).map((c) => h('tr', {}, h('td', {}, c.kind_label || label(KINDS, c.kind)), num(c.required), num(c.covered),
          h('td', { class: 'num' }, c.share === null ? '—' : percent(c.share))))))),
    h('div', { class: 'card' }, h('h3', {}, '离线摄像头'), table('offline', ['主体', '摄像头', '离线时间'],
      (offline.items || []).slice(0, 100).map((c) => h('tr', {}, h('td', {}, h('a', { href: `#/entities/${c.entity_id}` }, c.entity_name)),
        h('td', {}, c.name), h('td', { class: 'nowrap' }, c.since || c.offline_since ? formatTime(c.since || c.offline_since) : '从未上线'))), 3)),
    h('div', { class: 'card' }, h('h3', {}, 'AI识别准确率（按违规类型）'), table('accuracy', ['类型', '已审核', '确认', '误报', '误报率'],
      (accuracy.by_violation || accuracy.violations || []).map((x) => h('tr', {}, h('td', {}, label(VIOLATIONS, x.violation)),
        num(x.reviewed), num(x.confirmed), num(x.false_positive), h('td', { class: 'num' }, percent(x.false_positive_rate || 0)))))));
}
