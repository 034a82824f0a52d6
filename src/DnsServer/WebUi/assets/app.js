// The single-page app: hash routes, login state, the navigation.
import { h } from './dom.js';
import { api, session } from './api.js';
import { problemBox } from './ui.js';
import { loginPage } from './login.js';
import { dashboardPage } from './dashboard.js';
import { zonesPage, recordsPage } from './zones.js';
import { historyPage } from './history.js';
import { queryLogPage } from './querylog.js';
import { explainPage } from './explain.js';
import { blocklistsPage } from './blocklists.js';

const routes = [
  [/^\/login$/, () => loginPage(onLogin)],
  [/^\/dashboard$/, dashboardPage],
  [/^\/zones$/, zonesPage],
  [/^\/zones\/([^/]+)$/, (zone, params) => recordsPage(zone, params)],
  [/^\/history\/([^/]+)$/, (zone, params) => historyPage(zone, params)],
  [/^\/querylog$/, (params) => queryLogPage(params)],
  [/^\/explain$/, (params) => explainPage(params)],
  [/^\/blocklists$/, blocklistsPage],
];

let dispose = null;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/dashboard';
  const [path, search] = raw.split('?');
  return { path, params: new URLSearchParams(search || '') };
}

async function render() {
  if (dispose) { dispose(); dispose = null; }
  const main = document.getElementById('main');
  const { path, params } = parseHash();
  if (!session.token && path !== '/login') {
    location.hash = '#/login';
    return;
  }
  markNav(path);
  for (const [pattern, build] of routes) {
    const m = pattern.exec(path);
    if (!m) continue;
    const args = m.slice(1).map(decodeURIComponent);
    try {
      const view = build(...args, params);
      main.replaceChildren(view.element || view);
      dispose = view.dispose || null;
    } catch (e) {
      main.replaceChildren(problemBox(e));
    }
    return;
  }
  main.replaceChildren(h('section', { class: 'page' }, h('h1', { text: 'Not found' }),
    h('p', null, 'No page ', h('code', { text: path }), '. ', h('a', { href: '#/dashboard', text: 'Dashboard' }))));
}

function markNav(path) {
  for (const a of document.querySelectorAll('#nav a')) {
    const target = a.getAttribute('href').slice(1);
    if (path === target || path.startsWith(target + '/') || (target === '/zones' && path.startsWith('/history/'))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const loggedIn = !!session.token;
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
}

async function refreshWho() {
  const who = document.getElementById('who');
  if (!session.token) { who.textContent = ''; return; }
  try {
    const me = await api('GET', '/whoami');
    who.textContent = (me.user || '?') + ' (' + (me.role || '?') + ')';
  } catch {
    who.textContent = '';
  }
}

function onLogin() {
  refreshWho();
  location.hash = '#/dashboard';
}

async function logout() {
  try { await api('POST', '/logout'); } catch { /* a config token is not a session: nothing to revoke */ }
  session.token = null;
  refreshWho();
  location.hash = '#/login';
}

document.getElementById('logout').addEventListener('click', logout);
window.addEventListener('hashchange', render);
refreshWho();
render();
