// 视频监管: the AI alert review queue (confirm a hazard or mark a false positive), the week's online
// patrols, the figures (hazards found and handled, camera coverage, offline cameras, accuracy), and
// the rules (alert rules and label map; admin and county officials change them).
import { api, get, patch, post, query } from '../api.js';
import { formatTime, h, mount, percent } from '../dom.js';
import { ALERT_STATUSES, LABEL_SOURCES, RULE_FIELDS, RULE_SCHEDULES, RULE_SEEN_BY, VIOLATIONS, label } from '../labels.js';
import { onlineBadge, snapshot } from './cameras.js';

const TABS = [['#/video', '告警审核'], ['#/video/patrols', '在线巡查'], ['#/video/stats', '统计分析'], ['#/video/rules', '规则设置']];

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
    snapshot(a.snapshot_id, a.box, a.violation_label),
    h('div', { class: 'alert-body' },
      h('div', { class: 'title-row' },
        h('strong', { class: 'violation' }, a.violation_label),
        h('span', { class: `badge alert-${a.status}` }, label(ALERT_STATUSES, a.status))),
      h('p', {}, h('a', { href: `#/entities/${a.entity_id}` }, a.entity_name), ` · ${a.township_name || ''}`),
      h('p', { class: 'muted' }, `${a.camera_name || ''}${a.area_label ? `（${a.area_label}）` : ''} · ${formatTime(a.first_at)}`,
        a.last_at !== a.first_at ? ` 至 ${formatTime(a.last_at)}` : '',
        ` · ${a.observation_count}次识别 · 置信度 ${Math.round((a.max_score || 0) * 100)}%`),
      a.review_note ? h('p', {}, `审核意见：${a.review_note}`) : null,
      a.rectification_id ? h('p', {}, h('a', { href: '#/rectifications?status=' }, `已生成整改单 #${a.rectification_id}`)) : null,
      reviewActions(a, user, reload)));
}

export async function renderAlerts(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const status = params.get('status') ?? 'open';
  const violation = params.get('violation') || '';
  const r = await get(`/alerts${query({ status, violation, limit: ALERT_PAGE })}`);
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
      : h('p', { class: 'muted card', id: 'no-alerts' }, '暂无告警'),
    moreAlerts(r.next_cursor, { status, violation }, user, reload));
}

const ALERT_PAGE = 10; // cards with pictures: ten a page keeps a phone quick

// 加载更多: the next page after the cursor, appended, until the list ends (it never stops silently)
function moreAlerts(cursor, filters, user, reload) {
  if (!cursor) return null;
  const button = h('button', { type: 'button', id: 'more-alerts', onclick: async () => {
    button.disabled = true;
    const next = await get(`/alerts${query({ ...filters, limit: ALERT_PAGE, cursor })}`);
    document.getElementById('alert-list').append(...next.items.map((a) => alertCard(a, user, reload)));
    button.replaceWith(moreAlerts(next.next_cursor, filters, user, reload) || h('p', { class: 'muted', id: 'alerts-end' }, '已全部加载'));
  } }, '加载更多');
  return button;
}

// 正常 says the picture was looked at: it is offered once the camera's picture has loaded (the server
// refuses it for a camera without one); until then only 无画面 or 发现问题.
function patrolForm(t, picture, reload) {
  const findings = h('input', { class: 'findings', placeholder: '巡查情况（如：人员着装规范，未见异常）' });
  const normal = h('option', { value: 'normal', disabled: true }, '正常');
  const hint = h('span', { class: 'muted normal-hint' }, '画面加载后方可记录“正常”');
  let chosen = false;
  const outcome = h('select', { class: 'outcome', onchange: () => { chosen = true; } },
    normal, h('option', { value: 'problem' }, '发现问题（生成整改单）'), h('option', { value: 'offline' }, '无画面（离线）'));
  outcome.value = 'offline';
  const img = picture.querySelector('img');
  const seen = () => {
    if (!img.naturalWidth) return;
    normal.disabled = false;
    hint.remove();
    if (!chosen) outcome.value = 'normal';
  };
  if (img) {
    img.addEventListener('load', seen);
    if (img.complete) seen();
  }
  const title = h('input', { class: 'problem-title', placeholder: '问题（发现问题时填写）' });
  const msg = h('span', { class: 'field-error' });
  return h('form', { class: 'order-actions', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await post(`/patrols/${t.id}`, { outcome: outcome.value, findings: findings.value.trim(), title: title.value.trim() || undefined });
      reload();
    } catch (e) { msg.textContent = e.message; }
  } }, outcome, findings, title, h('button', { class: 'primary', type: 'submit' }, '提交巡查记录'), hint, msg);
}

export async function renderPatrols(container, user) {
  const r = await get('/patrols');
  const reload = () => renderPatrols(container, user);
  const done = r.items.filter((t) => t.status === 'done').length;
  mount(container,
    h('h2', {}, '视频监管'), tabs('#/video/patrols'),
    h('p', { class: 'muted' }, `本周（${r.week}起）在线巡查 ${r.items.length} 路，已完成 ${done} 路`),
    r.items.length ? r.items.map((t) => patrolCard(t, reload))
      : h('p', { class: 'muted card', id: 'no-patrols' }, '辖区暂无可巡查的摄像头'));
}

function patrolCard(t, reload) {
  const picture = snapshot(t.last_snapshot_id, null, t.camera_name);
  return h('div', { class: 'card patrol', dataset: { id: t.id } }, picture,
      h('div', { class: 'alert-body' },
        h('div', { class: 'title-row' }, h('strong', {}, t.entity_name), onlineBadge({ enabled: true, online: t.online, offline_since: t.offline_since }),
          t.status === 'done' ? h('span', { class: 'badge verified' }, '已巡查') : null),
        h('p', { class: 'muted' }, `${t.camera_name || ''}${t.area_label ? `（${t.area_label}）` : ''}`),
        t.status === 'done' ? h('p', {}, `巡查情况：${t.findings || ''}`) : patrolForm(t, picture, reload)));
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
  const t = byViolation.totals;
  const statRow = (x) => h('tr', {}, h('td', {}, x.label),
    num(x.found), num(x.confirmed), num(x.false_positive), num(x.rectified), num(x.rectified_on_time), num(x.overdue));
  const statHead = ['', '发现', '确认隐患', '误报', '已整改', '按期整改', '逾期未改'];
  mount(container,
    h('h2', {}, '视频监管'), tabs('#/video/stats'),
    h('div', { class: 'stats', id: 'video-totals' },
      [['发现告警', t.found], ['确认隐患', t.confirmed], ['已整改', t.rectified], ['逾期未改', t.overdue],
        ['摄像头在线', `${coverage.total.online} / ${coverage.total.cameras}`],
        ['视频接入覆盖率', coverage.total.share === null ? '—' : percent(coverage.total.share)]]
        .map(([title, v]) => h('div', { class: 'card stat' }, h('div', { class: 'stat-value' }, v ?? 0), h('div', { class: 'stat-title' }, title)))),
    h('div', { class: 'card' }, h('h3', {}, '按违规类型'), table('stats-violation', statHead, byViolation.items.map(statRow))),
    h('div', { class: 'card' }, h('h3', {}, '按乡镇'), table('stats-township', statHead, byTownship.items.map(statRow))),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h3', {}, '视频接入覆盖率（按乡镇）'), table('coverage', ['乡镇', '应接入主体', '重点区域全部在线', '覆盖率', '摄像头', '在线'],
        coverage.townships.map((c) => h('tr', {}, h('td', {}, c.township_name), num(c.required), num(c.covered),
          h('td', { class: 'num' }, c.share === null ? '—' : percent(c.share)), num(c.cameras), num(c.online))))),
      h('div', { class: 'card' }, h('h3', {}, '视频接入覆盖率（按类型）'), table('coverage-kind', ['类型', '应接入主体', '重点区域全部在线', '覆盖率'],
        coverage.kinds.map((c) => h('tr', {}, h('td', {}, c.kind_label), num(c.required), num(c.covered),
          h('td', { class: 'num' }, c.share === null ? '—' : percent(c.share))))))),
    h('div', { class: 'card' }, h('h3', {}, '离线摄像头'), table('offline', ['主体', '摄像头', '离线时间'],
      offline.items.slice(0, 100).map((c) => h('tr', {}, h('td', {}, h('a', { href: `#/entities/${c.entity_id}` }, c.entity_name)),
        h('td', {}, c.name), h('td', { class: 'nowrap' }, c.last_heartbeat_at ? formatTime(c.since) : `从未上线（登记于 ${formatTime(c.since)}）`))), 3)),
    h('div', { class: 'card' }, h('h3', {}, 'AI识别准确率（按违规类型）'), table('accuracy', ['类型', '已审核', '确认', '误报', '误报率'],
      accuracy.by_violation.map((x) => h('tr', {}, h('td', {}, x.label),
        num(x.reviewed), num(x.confirmed), num(x.false_positive), h('td', { class: 'num' }, percent(x.false_positive_rate)))))));
}

// ---- 规则设置: how observations become alerts, and which label means which violation ----

const RULE_EDITORS = ['admin', 'county'];
// An API error beside the row, naming the field in Chinese.
const fieldError = (e) => (e.field && RULE_FIELDS[e.field] ? `${RULE_FIELDS[e.field]}：${e.message}` : e.message);

function fpRate(acc) {
  if (!acc || !acc.reviewed) return h('td', { class: 'num muted fp-rate' }, '—');
  return h('td', { class: 'num fp-rate', title: `已审核${acc.reviewed}条，误报${acc.false_positive}条` },
    `${percent(acc.false_positive_rate || 0)}（${acc.reviewed}条）`);
}

// Who can see the violation: the platform's own analyser, or only a vendor's model / AI box; where the
// platform has an experimental check of its own (db/082, so far 未佩戴口罩), it is shown marked 实验 with its
// measured precision, off until the county turns it on (toggle: the checkbox of the editable row).
function seenBy(r, toggle) {
  const text = RULE_SEEN_BY[r.violation] || '需厂商模型或AI盒子（平台自带模型不能识别）';
  if (r.platform_check_precision === null || r.platform_check_precision === undefined) return h('td', { class: 'seen-by' }, text);
  return h('td', { class: 'seen-by' }, text, h('div', { class: 'platform-check' }, h('span', { class: 'badge experimental' }, '实验'),
    ` 实测精确率${percent(r.platform_check_precision)} `,
    toggle ? h('label', { class: 'nowrap' }, toggle, '开启') : (r.platform_check ? '已开启' : '未开启')));
}
const nightScore = (r) => (r.night_min_score === null || r.night_min_score === undefined
  ? h('td', { class: 'muted night' }, '同白天') : h('td', { class: 'num night' }, String(r.night_min_score)));

function ruleRow(r, acc, editable) {
  const name = r.label;
  if (!editable) {
    return h('tr', { class: 'rule', dataset: { violation: r.violation } }, h('td', {}, name), seenBy(r),
      h('td', {}, r.enabled ? '是' : '否'), num(r.min_score), nightScore(r), num(r.min_duration_s), num(r.cooldown_s),
      h('td', {}, label(RULE_SCHEDULES, r.schedule)), h('td', {}, r.use_zones ? '是' : '否'), num(r.deadline_wd), fpRate(acc));
  }
  const numberInput = (field, attrs) => h('input', { type: 'number', name: field, value: r[field] ?? '', class: 'rule-num', ...attrs });
  const inputs = {
    enabled: h('input', { type: 'checkbox', name: 'enabled', checked: r.enabled }),
    min_score: numberInput('min_score', { min: 0, max: 1, step: 0.01 }),
    night_min_score: numberInput('night_min_score', { min: 0, max: 1, step: 0.01, placeholder: '同白天',
      title: '夜间红外（黑白）画面的最低置信度；留空则与白天相同' }),
    min_duration_s: numberInput('min_duration_s', { min: 0, max: 86400, step: 1 }),
    cooldown_s: numberInput('cooldown_s', { min: 0, max: 86400, step: 1 }),
    schedule: h('select', { name: 'schedule' },
      Object.entries(RULE_SCHEDULES).map(([v, t]) => h('option', { value: v, selected: v === r.schedule }, t))),
    use_zones: h('input', { type: 'checkbox', name: 'use_zones', checked: r.use_zones }),
    deadline_wd: numberInput('deadline_wd', { min: 1, max: 60, step: 1 }),
  };
  const check = r.platform_check_precision === null || r.platform_check_precision === undefined ? null
    : h('input', { type: 'checkbox', name: 'platform_check', checked: r.platform_check });
  const msg = h('span', { class: 'field-error rule-msg' });
  const value = (field) => {
    const el = inputs[field];
    if (el.type === 'checkbox') return el.checked;
    if (el.type === 'number') return el.value.trim() === '' ? null : Number(el.value);
    return el.value;
  };
  const save = async () => {
    msg.textContent = '';
    msg.className = 'field-error rule-msg';
    try {
      const body = Object.fromEntries(Object.keys(inputs).map((f) => [f, value(f)]));
      if (check) body.platform_check = check.checked;
      await patch(`/video/rules/${encodeURIComponent(r.violation)}`, body);
      msg.className = 'muted rule-msg saved';
      msg.textContent = '已保存';
    } catch (e) { msg.textContent = fieldError(e); }
  };
  const cell = (field) => h('td', {}, inputs[field]);
  return h('tr', { class: 'rule', dataset: { violation: r.violation } }, h('td', {}, name), seenBy(r, check),
    Object.keys(inputs).map(cell), fpRate(acc),
    h('td', { class: 'nowrap' }, h('button', { class: 'primary save', onclick: save }, '保存'), ' ', msg));
}

function violationSelect(violations, selected, attrs = {}) {
  return h('select', { name: 'violation', ...attrs },
    violations.map((v) => h('option', { value: v.code, selected: v.code === selected }, v.label)));
}

function labelMapCard(d, editable, reload) {
  const putMapping = (body) => api('PUT', '/video/label-map', body);
  const names = Object.fromEntries(d.violations.map((v) => [v.code, v.label]));
  const rows = d.label_map.map((m) => {
    const msg = h('span', { class: 'field-error' });
    const cells = [h('td', {}, label(LABEL_SOURCES, m.source)), h('td', { class: 'map-label' }, m.label)];
    if (!editable) return h('tr', { class: 'mapping' }, cells, h('td', {}, names[m.violation] || m.violation));
    const sel = violationSelect(d.violations, m.violation, { onchange: async () => {
      msg.textContent = '';
      try { await putMapping({ source: m.source, label: m.label, violation: sel.value }); } catch (e) { msg.textContent = fieldError(e); }
    } });
    const remove = async () => {
      try { await putMapping({ source: m.source, label: m.label, violation: null }); reload(); } catch (e) { msg.textContent = fieldError(e); }
    };
    return h('tr', { class: 'mapping', dataset: { source: m.source, label: m.label } }, cells, h('td', {}, sel),
      h('td', { class: 'nowrap' }, h('button', { class: 'remove', onclick: remove }, '删除'), ' ', msg));
  });
  let add = null;
  if (editable) {
    const source = h('select', { name: 'source' }, Object.entries(LABEL_SOURCES).map(([v, t]) => h('option', { value: v }, t)));
    const lbl = h('input', { name: 'label', placeholder: '识别标签（如 chef_hat_missing）', maxlength: 64 });
    const sel = violationSelect(d.violations, null);
    const msg = h('span', { class: 'field-error' });
    add = h('form', { id: 'label-map-add', class: 'filters', onsubmit: async (ev) => {
      ev.preventDefault();
      msg.textContent = '';
      try { await putMapping({ source: source.value, label: lbl.value.trim(), violation: sel.value }); reload(); } catch (e) { msg.textContent = fieldError(e); }
    } }, source, lbl, sel, h('button', { class: 'primary', type: 'submit' }, '添加'), msg);
  }
  return h('div', { class: 'card' }, h('h3', {}, '识别标签映射'),
    h('p', { class: 'muted' }, 'AI来源上报的标签（不区分大小写）对应的违规类型；某来源自己的映射优先于“所有来源”。'),
    table('label-map', ['来源', '标签', '违规类型', ...(editable ? ['操作'] : [])], rows, 4), add);
}

export async function renderVideoRules(container, user) {
  const [d, accuracy] = await Promise.all([get('/video/rules'), get('/alerts/accuracy')]);
  const editable = RULE_EDITORS.includes(user.role);
  const reload = () => renderVideoRules(container, user);
  const acc = Object.fromEntries((accuracy.by_violation || []).map((x) => [x.violation, x]));
  const head = ['类型', '识别能力', '启用', '最低置信度', '夜间最低置信度', '持续时间(秒)', '合并间隔(秒)', '时段', '区域判定', '整改期限(工作日)', '误报率', ...(editable ? [''] : [])];
  mount(container,
    h('h2', {}, '视频监管'), tabs('#/video/rules'),
    h('div', { class: 'card' }, h('h3', {}, '告警规则'),
      h('p', { class: 'muted' }, editable
        ? '识别结果达到最低置信度、持续出现达到持续时间后生成告警；合并间隔内的同类识别并入同一告警。误报率为已审核告警中标记误报的比例，可据此调整规则。修改对之后的识别生效。'
        : '识别规则由县局设置；误报率为已审核告警中标记误报的比例。'),
      h('p', { class: 'muted' }, '夜间最低置信度：摄像头夜间切换为红外黑白画面后，识别置信度普遍偏低；平台识别到黑白画面时按此阈值判定，留空则与白天相同。'),
      table('video-rules', head, d.rules.map((r) => ruleRow(r, acc[r.violation], editable)), 12)),
    h('div', { class: 'card', id: 'vision-scope' }, h('h3', {}, '平台自带识别能力'),
      h('p', {}, '平台自带的视频分析程序（shian-vision，使用随软件提供的通用目标检测模型）能识别：',
        h('strong', {}, '猫、狗、鸟等动物出没；非营业时间出现的人员；玩手机'), '。'),
      h('p', {}, '以下违规平台自带模型不能识别，需接入厂商的识别模型或AI盒子（明厨亮灶设备）上报：',
        h('strong', {}, '未佩戴工作帽、未穿工作服、吸烟、鼠类（老鼠）、蟑螂、垃圾桶未加盖'),
        '。未接入相应设备时，这些规则不会产生告警。'),
      h('p', { id: 'mask-check' }, h('span', { class: 'badge experimental' }, '实验'), ' ',
        h('strong', {}, '未佩戴口罩'), '：正式识别需厂商模型或AI盒子。平台另有实验性的口鼻遮挡检查（默认关闭，县局在上表中开启）：',
        '用随软件提供的人脸检测模型找到正脸，比较口鼻部与眼下脸颊的颜色，口鼻部与脸颊同色即判为未佩戴口罩。',
        '在随软件提供的照片制成的画面上实测（112张人脸，各加白色、蓝色、黑色、条纹、肤色五种遮挡）：',
        h('strong', {}, '精确率63%、召回率79%'), '；肤色口罩多被误判为未佩戴（不计肤色口罩时精确率96%）。',
        '只判断彩色画面中足够近的正脸，夜间红外画面不判断；开启后请逐条人工审核告警。')),
    labelMapCard(d, editable, reload));
}
