// Dashboard: GET /stats every 5 s; queries/s over time, blocked and cache-hit ratios, tops, upstreams.
import { h, table, percent } from './dom.js';
import { api } from './api.js';
import { page, showError, note } from './ui.js';
import { lineChart, ringChart, barChart } from './charts.js';

const REFRESH_MS = 5000;
const HISTORY = 60;

export function dashboardPage() {
  const error = h('div', { class: 'slot' });
  const body = h('div', { id: 'dashboard', class: 'dash' }, note('Loading statistics…'));
  const qps = [];
  let timer = null;
  let stopped = false;

  async function load() {
    try {
      const st = await api('GET', '/stats');
      if (stopped) return;
      qps.push(Number(st.queries_per_second) || 0);
      if (qps.length > HISTORY) qps.shift();
      showError(error, null);
      body.replaceChildren(...cards(st, qps));
    } catch (e) {
      if (!stopped) showError(error, e);
    } finally {
      if (!stopped) timer = setTimeout(load, REFRESH_MS);
    }
  }

  load();
  return {
    element: page('Dashboard', error, body),
    dispose() { stopped = true; clearTimeout(timer); },
  };
}

function cards(st, qps) {
  const tops = (list, key) => (list || []).map(i => ({ label: String(i[key]), count: Number(i.count) || 0 }));
  const upstreams = (st.upstreams || []).map(u => h('tr', null,
    h('td', { text: u.name }),
    h('td', null, h('span', { class: u.up ? 'badge ok' : 'badge bad', text: u.up ? 'up' : 'down' })),
    h('td', { class: 'num', text: u.latency_ms === null || u.latency_ms === undefined ? '–' : Number(u.latency_ms).toFixed(1) + ' ms' })));
  return [
    h('div', { class: 'card wide' }, h('h2', { text: 'Queries per second' }),
      h('p', { class: 'metric', id: 'qps', text: (Number(st.queries_per_second) || 0).toFixed(1) }),
      lineChart(qps, 'queries per second, last samples'),
      note('Total: ' + (st.queries_total ?? '–') + ' · peak of the last ' + qps.length + ' samples: ' + Math.max(0, ...qps).toFixed(1) + '/s')),
    h('div', { class: 'card' }, h('h2', { text: 'Blocked' }), ringChart(st.blocked_ratio, 'blocked ' + percent(st.blocked_ratio))),
    h('div', { class: 'card' }, h('h2', { text: 'Cache hits' }), ringChart(st.cache_hit_ratio, 'cache hits ' + percent(st.cache_hit_ratio))),
    h('div', { class: 'card' }, h('h2', { text: 'Top names' }), topOrNote(tops(st.top_names, 'name'), 'top names')),
    h('div', { class: 'card' }, h('h2', { text: 'Top clients' }), topOrNote(tops(st.top_clients, 'client'), 'top clients')),
    h('div', { class: 'card' }, h('h2', { text: 'Top blocked' }), topOrNote(tops(st.top_blocked, 'name'), 'top blocked names')),
    h('div', { class: 'card wide' }, h('h2', { text: 'Upstreams' }),
      upstreams.length ? table(['Upstream', 'Health', 'Latency'], upstreams) : note('No upstreams.')),
  ];
}

function topOrNote(items, label) {
  return items.length ? barChart(items, label) : note('Nothing yet (the query log is off, or no queries).');
}
