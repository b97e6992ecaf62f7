// The console: session, layout and hash routing.
import { ApiError, get, post } from './api.js';
import { h, labelCellsAlways, mount } from './dom.js';
import { renderLogin } from './pages/login.js';
import { renderHome } from './pages/home.js';
import { renderEntities } from './pages/entities.js';
import { renderEntity } from './pages/entity.js';
import { renderImport } from './pages/import.js';
import { renderInspections } from './pages/inspections.js';
import { renderInspection } from './pages/inspection.js';
import { renderInspectionPrint } from './pages/inspection_print.js';
import { renderRectifications } from './pages/rectifications.js';
import { renderDraw } from './pages/draw.js';
import { renderPublic } from './pages/public.js';
import { renderShops } from './pages/portal_shops.js';
import { renderShop } from './pages/portal_shop.js';
import { renderShopCard } from './pages/portal_card.js';
import { renderPropose } from './pages/portal_propose.js';
import { renderPortalComplain } from './pages/portal_complain.js';
import { renderPortalTrack } from './pages/portal_track.js';
import { renderVerify } from './pages/portal_verify.js';
import { renderPenalties } from './pages/portal_penalties.js';
import { renderHonour } from './pages/portal_honour.js';
import { renderCredit } from './pages/credit.js';
import { renderWork } from './pages/work.js';
import { renderChecklists } from './pages/checklists.js';
import { renderDuty } from './pages/duty.js';
import { renderSelfCheck } from './pages/selfcheck.js';
import { renderCampaigns } from './pages/campaigns.js';
import { renderAlerts, renderPatrols, renderVideoRules, renderVideoStats } from './pages/video.js';
import { renderMyCameras } from './pages/cameras.js';
import { renderCalendar } from './pages/calendar.js';
import { renderSettings } from './pages/settings.js';
import { renderTokens } from './pages/tokens.js';
import { renderUsers } from './pages/users.js';
import { renderPassword } from './pages/password.js';
import { renderCameraRequests } from './pages/camera_requests.js';
import { renderSampling } from './pages/sampling.js';
import { renderSamples } from './pages/samples.js';
import { renderSample } from './pages/sample.js';
import { renderLabs } from './pages/labs.js';
import { renderSamplingPlans } from './pages/sampling_plans.js';
import { renderSamplingPlan } from './pages/sampling_plan.js';
import { renderSamplingProposals } from './pages/sampling_proposals.js';
import { renderSamplingFigures } from './pages/sampling_figures.js';
import { renderComplaints } from './pages/complaints.js';
import { renderComplaint } from './pages/complaint.js';
import { renderCases } from './pages/cases.js';
import { renderCase } from './pages/case.js';
import { renderMyCases } from './pages/my_cases.js';
import { renderTraceCodes } from './pages/trace_codes.js';
import { renderTracing } from './pages/tracing.js';
import { renderRecall, renderRecalls } from './pages/recalls.js';
import { renderLicenceApply, renderLicenceQueue, renderLicenceVerify } from './pages/licences.js';
import { renderWorkshop, renderWorkshops } from './pages/workshops.js';
import { renderWorkshopPlace, renderWorkshopPlaces } from './pages/workshop_places.js';
import { renderUpgradePlan, renderUpgradePlans } from './pages/upgrade_plans.js';
import { renderWorkshopApply, renderWorkshopCert } from './pages/portal_workshop.js';
import { renderGoodsLedger } from './pages/goods_ledger.js';
import { renderPortalTrace } from './pages/portal_trace.js';
import { renderBrands } from './pages/brands.js';
import { renderFamous, renderFamousList } from './pages/famous.js';
import { renderPortalFamous } from './pages/portal_famous.js';
import { renderDemonstration, renderDemonstrations, renderDemonstrationTask, renderDemonstrationTasks } from './pages/demonstration.js';
import { renderPeople } from './pages/people.js';
import { renderInsurance, renderInsuranceCard } from './pages/insurance.js';
import { renderTraining, renderTrainings } from './pages/training.js';
import { renderSeals } from './pages/seals.js';
import { renderSealCheck } from './pages/portal_seal.js';
import { renderExam } from './pages/exam.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderReports } from './pages/reports.js';

const app = document.getElementById('app');
labelCellsAlways(app);
const session = { user: null };

const planner = (u) => ['admin', 'county', 'township'].includes(u.role);
// the business kinds that hold a food business licence (JY): sellers, caterers, canteens
const LICENSED_KINDS = ['seller', 'caterer', 'central_kitchen', 'group_meal', 'school_canteen', 'unit_canteen'];
const NAV = [
  ['#/', '首页'],
  ['#/dashboard', '指挥大屏', planner],
  ['#/reports', '统计报表', planner],
  ['#/entities', '主体档案'],
  ['#/inspections', '检查任务', (u) => u.role !== 'business'],
  ['#/inspections?status=completed', '检查结果', (u) => u.role === 'business'],
  ['#/rectifications', '整改', () => true],
  ['#/self', '企业自查', () => true],
  ['#/duty', '包保责任', (u) => ['admin', 'county', 'township', 'village', 'business'].includes(u.role)],
  ['#/campaigns', '整治验收', () => true],
  ['#/video', '视频监管', (u) => ['admin', 'county', 'township', 'village'].includes(u.role)],
  ['#/cameras', '视频监控', (u) => u.role === 'business'],
  ['#/camera-requests', '摄像头审批', (u) => ['admin', 'county', 'township'].includes(u.role)],
  ['#/draw', '双随机抽取', planner],
  ['#/samples', '抽样检验', (u) => ['admin', 'county', 'township', 'sampler'].includes(u.role)],
  ['#/samples', '抽检结果', (u) => u.role === 'business'],
  ['#/sampling-plans', '抽检计划', (u) => ['admin', 'county', 'township', 'sampler'].includes(u.role)],
  ['#/sampling-proposals', '你点我检', (u) => ['admin', 'county', 'township'].includes(u.role)],
  ['#/sampling-figures', '抽检统计', (u) => ['admin', 'county', 'township', 'sampler', 'inspector'].includes(u.role)],
  ['#/complaints', '投诉举报', planner],
  ['#/credit', '信用管理', planner],
  ['#/cases', '案件办理', (u) => ['admin', 'county', 'township', 'inspector'].includes(u.role)],
  ['#/my-cases', '行政处罚', (u) => u.role === 'business'],
  ['#/trace-codes', '追溯码', (u) => ['admin', 'county', 'township', 'business'].includes(u.role)],
  ['#/goods', '进出货台账', (u) => u.role === 'business'],
  ['#/tracing', '追溯查询', planner],
  ['#/recalls', '食品召回', (u) => ['admin', 'county', 'township', 'business'].includes(u.role)],
  ['#/brands', '品牌授权', (u) => ['admin', 'county', 'township', 'village', 'inspector', 'business'].includes(u.role)],
  ['#/people', '食品安全管理人员', (u) => ['admin', 'county', 'township', 'village', 'inspector', 'business'].includes(u.role)],
  ['#/licence-queue', '许可审批', (u) => ['admin', 'county'].includes(u.role)],
  ['#/licence-verify', '许可核查', (u) => ['admin', 'county', 'township'].includes(u.role)],
  ['#/licence-apply', '食品经营许可', (u) => u.role === 'business' && LICENSED_KINDS.includes(u.entity_kind)],
  ['#/insurance', '食品安全责任保险', (u) => ['admin', 'county', 'township', 'village', 'inspector', 'business'].includes(u.role)],
  ['#/training', '食品安全培训', (u) => ['admin', 'county', 'township', 'business'].includes(u.role)],
  ['#/seals', '食安封签', (u) => ['admin', 'county', 'township', 'village', 'inspector', 'business'].includes(u.role)],
  ['#/workshops', '小作坊登记', (u) => ['admin', 'county', 'township'].includes(u.role)],
  ['#/workshops', '登记证', (u) => u.role === 'business' && u.entity_kind === 'workshop'],
  ['#/demonstration', '示范创建', (u) => ['admin', 'county', 'township'].includes(u.role)],
  ['#/famous', '名特优小作坊', (u) => u.role !== 'business' || u.entity_kind === 'workshop'],
  ['#/workshop-places', '园区与示范单元', (u) => u.role !== 'business'],
  ['#/upgrade-plans', '提升改造', (u) => u.role !== 'business' || u.entity_kind === 'workshop'],
  ['#/sampling', '检验判定', (u) => u.role !== 'business'],
  ['#/labs', '检验机构', (u) => !['business', 'village'].includes(u.role)],
  ['#/work', '工作统计', (u) => u.role !== 'business'],
  ['#/checklists', '检查标准', (u) => u.role !== 'business'],
  ['#/import', '批量导入', planner],
  ['#/calendar', '节假日设置', (u) => u.role !== 'business'],
  ['#/settings', '风险设置', (u) => ['admin', 'county'].includes(u.role)],
  ['#/tokens', '设备令牌', (u) => u.role !== 'business'],
  ['#/users', '账号管理', (u) => ['admin', 'county'].includes(u.role)],
];

function layout(content, active) {
  const u = session.user;
  const logout = async () => {
    try { await post('/auth/logout', {}); } catch { /* already signed out */ }
    session.user = null;
    location.hash = '#/login';
  };
  // on a phone the menu is a bar that scrolls sideways; 全部菜单 unfolds every entry at once
  const unfold = (ev) => {
    const open = ev.currentTarget.closest('.sidebar').classList.toggle('open');
    ev.currentTarget.textContent = open ? '收起' : '全部菜单';
    ev.currentTarget.setAttribute('aria-expanded', open);
  };
  return h('div', { class: 'shell' },
    h('aside', { class: 'sidebar' },
      h('div', { class: 'brand' }, '食安', h('small', {}, '智慧监管平台')),
      h('button', { type: 'button', class: 'menu-toggle', id: 'menu-toggle', 'aria-expanded': 'false', onclick: unfold }, '全部菜单'),
      h('nav', {}, NAV.filter(([, , allow]) => !allow || allow(u)).map(([href, text]) =>
        h('a', { href, class: href.split('?')[0] === active ? 'active' : '' }, text)))),
    h('div', { class: 'main' },
      h('header', { class: 'topbar' },
        h('span', { class: 'jurisdiction' }, u.jurisdiction_name || ''),
        h('span', { class: 'who' }, `${u.display_name}（${u.role_label}）`),
        h('a', { href: '#/password', id: 'change-password' }, '修改密码'),
        h('button', { class: 'link', onclick: logout, id: 'logout' }, '退出')),
      h('main', { class: 'content' }, content)));
}

async function ensureUser() {
  if (session.user) return session.user;
  try {
    session.user = (await get('/me')).user;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  return session.user;
}

// Hash routes: pattern, the navigation entry it lights, the page, and bare: shown on the whole screen
// without the menu (the command room's dashboard, a record to print). The last one is the fallback.
const ROUTES = [
  [/^#\/dashboard/, '#/dashboard', (c, u) => renderDashboard(c, u), true],
  [/^#\/entities\/(\d+)/, '#/entities', (c, u, m) => renderEntity(c, Number(m[1]), u)],
  [/^#\/entities/, '#/entities', (c, u, m, hash) => renderEntities(c, u, hash)],
  [/^#\/import/, '#/import', (c, u) => renderImport(c, u)],
  [/^#\/inspection-print\/(\d+)/, '#/inspections', (c, u, m) => renderInspectionPrint(c, Number(m[1])), true],
  [/^#\/inspections\/(\d+)/, '#/inspections', (c, u, m) => renderInspection(c, Number(m[1]), u)],
  [/^#\/inspections/, '#/inspections', (c, u, m, hash) => renderInspections(c, u, hash)],
  [/^#\/rectifications/, '#/rectifications', (c, u, m, hash) => renderRectifications(c, u, hash)],
  [/^#\/draw/, '#/draw', (c, u) => renderDraw(c, u)],
  [/^#\/self/, '#/self', (c, u, m, hash) => renderSelfCheck(c, u, hash)],
  [/^#\/duty/, '#/duty', (c, u) => renderDuty(c, u)],
  [/^#\/campaigns\/(\d+)/, '#/campaigns', (c, u, m) => renderCampaigns(c, u, Number(m[1]))],
  [/^#\/campaigns/, '#/campaigns', (c, u) => renderCampaigns(c, u, null)],
  [/^#\/video\/patrols/, '#/video', (c, u) => renderPatrols(c, u)],
  [/^#\/video\/stats/, '#/video', (c, u) => renderVideoStats(c, u)],
  [/^#\/video\/rules/, '#/video', (c, u) => renderVideoRules(c, u)],
  [/^#\/video/, '#/video', (c, u, m, hash) => renderAlerts(c, u, hash)],
  [/^#\/cameras/, '#/cameras', (c, u) => renderMyCameras(c, u)],
  [/^#\/camera-requests/, '#/camera-requests', (c, u) => renderCameraRequests(c, u)],
  [/^#\/sampling-plans\/(\d+)/, '#/sampling-plans', (c, u, m) => renderSamplingPlan(c, Number(m[1]), u)],
  [/^#\/sampling-plans/, '#/sampling-plans', (c, u, m, hash) => renderSamplingPlans(c, u, hash)],
  [/^#\/sampling-proposals/, '#/sampling-proposals', (c, u, m, hash) => renderSamplingProposals(c, u, hash)],
  [/^#\/sampling-figures/, '#/sampling-figures', (c, u, m, hash) => renderSamplingFigures(c, u, hash)],
  [/^#\/sampling/, '#/sampling', (c) => renderSampling(c)],
  [/^#\/samples/, '#/samples', (c, u, m, hash) => renderSamples(c, u, hash)],
  [/^#\/sample\/(\d+)/, '#/samples', (c, u, m) => renderSample(c, Number(m[1]), u)],
  [/^#\/complaint\/(\d+)/, '#/complaints', (c, u, m) => renderComplaint(c, Number(m[1]), u)],
  [/^#\/complaints/, '#/complaints', (c, u, m, hash) => renderComplaints(c, u, hash)],
  [/^#\/credit/, '#/credit', (c, u, m, hash) => renderCredit(c, u, hash)],
  [/^#\/case\/(\d+)/, '#/cases', (c, u, m) => renderCase(c, Number(m[1]), u)],
  [/^#\/cases/, '#/cases', (c, u, m, hash) => renderCases(c, u, hash)],
  [/^#\/my-cases/, '#/my-cases', (c, u, m, hash) => renderMyCases(c, u, hash)],
  [/^#\/trace-codes/, '#/trace-codes', (c, u, m, hash) => renderTraceCodes(c, u, hash)],
  [/^#\/goods/, '#/goods', (c, u, m, hash) => renderGoodsLedger(c, u, hash)],
  [/^#\/tracing/, '#/tracing', (c, u, m, hash) => renderTracing(c, u, hash)],
  [/^#\/recall\/(\d+)/, '#/recalls', (c, u, m) => renderRecall(c, Number(m[1]), u)],
  [/^#\/recalls/, '#/recalls', (c, u, m, hash) => renderRecalls(c, u, hash)],
  [/^#\/brands/, '#/brands', (c, u) => renderBrands(c, u)],
  [/^#\/demonstration\/(\d+)/, '#/demonstration', (c, u, m) => renderDemonstration(c, Number(m[1]), u)],
  [/^#\/demonstration-tasks/, '#/demonstration', (c, u, m, hash) => renderDemonstrationTasks(c, u, hash)],
  [/^#\/demonstration-task\/(\d+)/, '#/demonstration', (c, u, m) => renderDemonstrationTask(c, Number(m[1]), u)],
  [/^#\/demonstration/, '#/demonstration', (c, u) => renderDemonstrations(c, u)],
  [/^#\/famous\/(\d+)/, '#/famous', (c, u, m) => renderFamous(c, Number(m[1]), u)],
  [/^#\/famous/, '#/famous', (c, u) => renderFamousList(c, u)],
  [/^#\/people/, '#/people', (c, u, m, hash) => renderPeople(c, u, 0, new URLSearchParams(hash.split('?')[1] || '').get('entity_id'))],
  [/^#\/exam\/(\d+)/, '#/people', (c, u, m) => renderExam(c, Number(m[1]), u)],
  [/^#\/licence-apply/, '#/licence-apply', (c, u) => renderLicenceApply(c, u)],
  [/^#\/licence-queue/, '#/licence-queue', (c, u, m, hash) => renderLicenceQueue(c, u, hash)],
  [/^#\/licence-verify/, '#/licence-verify', (c, u, m, hash) => renderLicenceVerify(c, u, hash)],
  [/^#\/seals/, '#/seals', (c, u) => renderSeals(c, u)],
  [/^#\/reports/, '#/reports', (c, u) => renderReports(c, u)],
  [/^#\/training\/(\d+)/, '#/training', (c, u, m) => renderTraining(c, Number(m[1]))],
  [/^#\/training/, '#/training', (c, u) => renderTrainings(c, u)],
  [/^#\/insurance-card\/(\d+)/, '#/insurance', (c, u, m) => renderInsuranceCard(c, Number(m[1]))],
  [/^#\/insurance/, '#/insurance', (c, u, m, hash) => renderInsurance(c, u, 0, new URLSearchParams(hash.split('?')[1] || '').get('entity_id'))],
  [/^#\/workshop\/(\d+)/, '#/workshops', (c, u, m) => renderWorkshop(c, Number(m[1]), u)],
  [/^#\/workshops/, '#/workshops', (c, u, m, hash) => renderWorkshops(c, u, hash)],
  [/^#\/workshop-place\/(\d+)/, '#/workshop-places', (c, u, m) => renderWorkshopPlace(c, Number(m[1]), u)],
  [/^#\/workshop-places/, '#/workshop-places', (c, u, m, hash) => renderWorkshopPlaces(c, u, hash)],
  [/^#\/upgrade-plan\/(\d+)/, '#/upgrade-plans', (c, u, m) => renderUpgradePlan(c, Number(m[1]), u)],
  [/^#\/upgrade-plans/, '#/upgrade-plans', (c, u, m, hash) => renderUpgradePlans(c, u, hash)],
  [/^#\/labs/, '#/labs', (c, u) => renderLabs(c, u)],
  [/^#\/work/, '#/work', (c, u) => renderWork(c, u)],
  [/^#\/calendar/, '#/calendar', (c, u, m, hash) => renderCalendar(c, u, hash)],
  [/^#\/settings/, '#/settings', (c, u) => renderSettings(c, u)],
  [/^#\/tokens/, '#/tokens', (c, u) => renderTokens(c, u)],
  [/^#\/users/, '#/users', (c, u, m, hash) => renderUsers(c, u, hash)],
  [/^#\/password/, '#/password', (c, u) => renderPassword(c, u, passwordChanged)],
  [/^#\/checklists\/(\d+)/, '#/checklists', (c, u, m) => renderChecklists(c, Number(m[1]))],
  [/^#\/checklists/, '#/checklists', (c) => renderChecklists(c, null)],
  [/.*/, '#/', (c, u) => renderHome(c, u)],
];

// The public portal's pages: no sign-in, each mounts its own shell (pages/portal_shell.js).
const PUBLIC_ROUTES = [
  [/^#\/public/, (c) => renderPublic(c)],
  [/^#\/complain(\?|$)/, (c, m, hash) => renderPortalComplain(c, hash)],
  [/^#\/track(\?|$)/, (c, m, hash) => renderPortalTrack(c, hash)],
  [/^#\/verify\/([0-9a-f]{64})$/, (c, m) => renderVerify(c, m[1])],
  [/^#\/trace\/([0-9A-Z]{12})$/, (c, m) => renderPortalTrace(c, m[1])],
  [/^#\/penalties/, (c) => renderPenalties(c)],
  [/^#\/honour/, (c) => renderHonour(c)],
  [/^#\/famous-workshops/, (c) => renderPortalFamous(c)],
  [/^#\/shops/, (c) => renderShops(c)],
  [/^#\/shop\/(\d+)/, (c, m) => renderShop(c, Number(m[1]))],
  [/^#\/shop-card\/(\d+)/, (c, m) => renderShopCard(c, Number(m[1]))],
  [/^#\/propose/, (c) => renderPropose(c)],
  [/^#\/workshop-apply(\?|$)/, (c, m, hash) => renderWorkshopApply(c, hash)],
  [/^#\/workshop-cert\/([0-9A-Z]{12})$/, (c, m) => renderWorkshopCert(c, m[1])],
  [/^#\/seal(?:\/([^/?]*))?$/, (c, m) => renderSealCheck(c, m[1] ? decodeURIComponent(m[1]) : '')],
];

const PASSWORD_ROUTE = [/.*/, '#/password', (c, u) => renderPassword(c, u, passwordChanged)];
async function passwordChanged(user) {
  session.user = user;
  if (location.hash === '#/') route();
  else location.hash = '#/';
}

async function route() {
  const hash = location.hash || '#/';
  const open = PUBLIC_ROUTES.find(([re]) => re.test(hash));
  if (open) {
    const page = h('div', { class: 'public-root' });
    mount(app, page);
    try {
      await open[1](page, hash.match(open[0]), hash);
    } catch (e) {
      mount(page, h('div', { class: 'error' }, e.message || String(e)));
    }
    return;
  }
  if (hash.startsWith('#/login')) {
    mount(app, renderLogin(async (user) => { session.user = user; location.hash = '#/'; }));
    return;
  }
  const user = await ensureUser();
  if (!user) { location.hash = '#/login'; return; }
  const container = h('div', {}, h('p', { class: 'loading' }, '正在加载…'));
  // a password an administrator set is replaced before anything else (the server refuses the rest)
  const entry = user.must_change_password ? PASSWORD_ROUTE : ROUTES.find(([re]) => re.test(hash)) || ROUTES[ROUTES.length - 1];
  const [re, active, page, bare] = entry;
  const match = hash.match(re);
  const render = () => page(container, user, match, hash);
  mount(app, bare ? h('main', { class: 'content bare' }, container) : layout(container, active));
  try {
    await render();
  } catch (e) {
    mount(container, h('div', { class: 'error' }, e.message || String(e)));
  }
}

window.addEventListener('hashchange', route);
route();
