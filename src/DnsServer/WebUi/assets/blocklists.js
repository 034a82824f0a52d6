// Blocklists (GET /blocklists): refresh a list, disable a view's blocking for N minutes, enable it.
import { h, table } from './dom.js';
import { api } from './api.js';
import { page, showError, note, button } from './ui.js';

export function blocklistsPage() {
  const error = h('div', { class: 'slot' });
  const status = h('p', { class: 'status', role: 'status', id: 'blocklists-status' });
  const lists = h('div', { id: 'blocklists' }, note('Loading blocklists…'));
  const views = h('div', { id: 'blocking-views' });

  async function load() {
    try {
      const r = await api('GET', '/blocklists');
      lists.replaceChildren((r.lists || []).length ? table(['List', 'Source', 'Entries', 'Last refresh', 'Last error', 'Views', ''],
        r.lists.map(l => h('tr', null,
          h('td', { text: l.name }), h('td', { class: 'data', text: l.source || '' }), h('td', { class: 'num', text: l.entries ?? '–' }),
          h('td', { text: l.last_refresh || '–' }), h('td', { class: l.last_error ? 'bad' : '', text: l.last_error || '' }),
          h('td', { text: (l.views || []).join(', ') }),
          h('td', null, button('Refresh', () => refresh(l.name)))))) : note('No blocklists configured.'));
      views.replaceChildren((r.views || []).length ? table(['View', 'Blocking', ''], r.views.map(viewRow)) : '');
    } catch (e) { lists.replaceChildren(); showError(error, e); }
  }

  function viewRow(v) {
    const minutes = h('input', { type: 'number', min: 1, value: 15, size: 4, 'aria-label': 'minutes' });
    const disabled = v.disabled_until && new Date(v.disabled_until) > new Date();
    return h('tr', null, h('td', { text: v.view }),
      h('td', { text: disabled ? 'disabled until ' + v.disabled_until : 'on' }),
      h('td', { class: 'actions' }, minutes, button('Disable', () => act('/views/' + encodeURIComponent(v.view) + '/blocking/disable', { minutes: Number(minutes.value) })),
        disabled ? button('Enable', () => act('/views/' + encodeURIComponent(v.view) + '/blocking/enable', {})) : ''));
  }

  async function refresh(name) {
    try {
      const r = await api('POST', '/blocklists/' + encodeURIComponent(name) + '/refresh');
      showError(error, null);
      status.textContent = 'Refreshed ' + r.name + ': ' + r.entries + ' entries (' + r.outcome + ')';
      load();
    } catch (e) { showError(error, e); }
  }

  async function act(path, body) {
    try {
      const r = await api('POST', path, body);
      showError(error, null);
      status.textContent = 'View ' + r.view + ': ' + (r.disabled_until ? 'blocking disabled until ' + r.disabled_until : 'blocking on');
      load();
    } catch (e) { showError(error, e); }
  }

  load();
  return page('Blocklists', error, status, lists, h('h2', { text: 'Blocking per view' }), views);
}
