// The console: session, layout and hash routing.
import { ApiError, get, post } from './api.js';
import { h, mount } from './dom.js';
import { renderLogin } from './pages/login.js';
import { renderHome } from './pages/home.js';
import { renderEntities } from './pages/entities.js';
import { renderEntity } from './pages/entity.js';
import { renderImport } from './pages/import.js';
import { renderInspections } from './pages/inspections.js';
import { renderInspection } from './pages/inspection.js';
import { renderRectifications } from './pages/rectifications.js';
import { renderDraw } from './pages/draw.js';
import { renderPublic } from './pages/public.js';
import { renderWork } from './pages/work.js';
import { renderChecklists } from './pages/checklists.js';

const app = document.getElementById('app');
const session = { user: null };

const planner = (u) => ['admin', 'county', 'township'].includes(u.role);
const NAV = [
  ['#/', '首页'],
  ['#/entities', '主体档案'],
  ['#/inspections', '检查任务', (u) => u.role !== 'business'],
  ['#/rectifications', '整改', () => true],
  ['#/draw', '双随机抽取', planner],
  ['#/work', '工作统计', (u) => u.role !== 'business'],
  ['#/checklists', '检查标准', (u) => u.role !== 'business'],
  ['#/import', '批量导入', planner],
];

function layout(content, active) {
  const u = session.user;
  const logout = async () => {
    try { await post('/auth/logout', {}); } catch { /* already signed out */ }
    session.user = null;
    location.hash = '#/login';
  };
  return h('div', { class: 'shell' },
    h('aside', { class: 'sidebar' },
      h('div', { class: 'brand' }, '食安', h('small', {}, '智慧监管平台')),
      h('nav', {}, NAV.filter(([, , allow]) => !allow || allow(u)).map(([href, text]) =>
        h('a', { href, class: href === active ? 'active' : '' }, text)))),
    h('div', { class: 'main' },
      h('header', { class: 'topbar' },
        h('span', { class: 'jurisdiction' }, u.jurisdiction_name || ''),
        h('span', { class: 'who' }, `${u.display_name}（${u.role_label}）`),
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

async function route() {
  const hash = location.hash || '#/';
  if (hash.startsWith('#/public')) {
    const page = h('div', { class: 'content' });
    mount(app, page);
    await renderPublic(page);
    return;
  }
  if (hash.startsWith('#/login')) {
    mount(app, renderLogin(async (user) => { session.user = user; location.hash = '#/'; }));
    return;
  }
  const user = await ensureUser();
  if (!user) { location.hash = '#/login'; return; }
  const container = h('div', {}, h('p', { class: 'loading' }, '正在加载…'));
  let active = '#/';
  let render;
  const m = hash.match(/^#\/entities\/(\d+)/);
  if (m) { active = '#/entities'; render = () => renderEntity(container, Number(m[1]), user); }
  else if (hash.startsWith('#/entities')) { active = '#/entities'; render = () => renderEntities(container, user, hash); }
  else if (hash.startsWith('#/import')) { active = '#/import'; render = () => renderImport(container, user); }
  else if (hash.match(/^#\/inspections\/(\d+)/)) {
    const id = Number(hash.match(/^#\/inspections\/(\d+)/)[1]);
    active = '#/inspections';
    render = () => renderInspection(container, id, user);
  } else if (hash.startsWith('#/inspections')) { active = '#/inspections'; render = () => renderInspections(container, user, hash); }
  else if (hash.startsWith('#/rectifications')) { active = '#/rectifications'; render = () => renderRectifications(container, user, hash); }
  else if (hash.startsWith('#/draw')) { active = '#/draw'; render = () => renderDraw(container, user); }
  else if (hash.startsWith('#/work')) { active = '#/work'; render = () => renderWork(container, user); }
  else if (hash.startsWith('#/checklists')) {
    const m2 = hash.match(/^#\/checklists\/(\d+)/);
    active = '#/checklists';
    render = () => renderChecklists(container, m2 ? Number(m2[1]) : null);
  }
  else render = () => renderHome(container, user);
  mount(app, layout(container, active));
  try {
    await render();
  } catch (e) {
    mount(container, h('div', { class: 'error' }, e.message || String(e)));
  }
}

window.addEventListener('hashchange', route);
route();
