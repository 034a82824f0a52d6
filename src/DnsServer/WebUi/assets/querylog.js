// Query log search (GET /querylog): the filters of QueryLogQuery, newest first, paged by cursor.
import { h, field, formValues, table } from './dom.js';
import { api, query } from './api.js';
import { page, showError, note, button } from './ui.js';

const FIELDS = ['client', 'name', 'type', 'rcode', 'view', 'blocked', 'from', 'to', 'limit'];

export function queryLogPage(params) {
  const error = h('div', { class: 'slot' });
  const results = h('div', { id: 'querylog-results' });
  const more = h('div');
  const input = (name, attrs) => h('input', { name, value: params.get(name) || '', ...attrs });
  const form = h('form', { class: 'card', id: 'querylog-form' },
    h('div', { class: 'inline' },
      field('Client', input('client', { placeholder: '192.168.1.0/24' })),
      field('Name', input('name', { placeholder: '*.example.com' })),
      field('Type', input('type', { placeholder: 'A', size: 6 })),
      field('Rcode', input('rcode', { placeholder: 'NXDOMAIN', size: 9 })),
      field('View', input('view', { size: 8 })),
      field('Blocked', h('select', { name: 'blocked' },
        h('option', { value: '', text: 'any' }), h('option', { value: 'true', text: 'yes' }), h('option', { value: 'false', text: 'no' }))),
      field('From', input('from', { placeholder: '2026-12-07T05:00:00Z' })),
      field('To', input('to', { placeholder: '2026-12-07T06:00:00Z' })),
      field('Limit', input('limit', { type: 'number', min: 1, max: 1000, placeholder: '100', size: 5 }))),
    h('button', { type: 'submit', text: 'Search' }));
  form.blocked.value = params.get('blocked') || '';
  form.addEventListener('submit', e => { e.preventDefault(); search(null, false); });

  async function search(cursor, append) {
    const v = formValues(form);
    const filters = {};
    for (const k of FIELDS) if (v[k] !== undefined) filters[k] = v[k];
    try {
      const r = await api('GET', '/querylog' + query({ ...filters, cursor }));
      showError(error, null);
      const rows = (r.entries || []).map(row);
      const body = results.querySelector('tbody');
      if (append && body) body.append(...rows);
      else results.replaceChildren(rows.length ? table(['Time', 'Client', 'View', 'Name', 'Type', 'Rcode', 'Source', 'Blocked by', 'µs'], rows, 'querylog') : note('No matching queries.'));
      more.replaceChildren(r.next_cursor ? button('Older', () => search(r.next_cursor, true)) : '');
    } catch (e) { results.replaceChildren(); more.replaceChildren(); showError(error, e); }
  }

  function row(e) {
    return h('tr', { class: e.blocked_list ? 'blocked' : '' },
      h('td', { class: 'time', text: (e.time || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z') }),
      h('td', { text: e.client + (e.transport ? ' ' + e.transport : '') }),
      h('td', { text: e.view || '' }), h('td', { class: 'name', text: e.name }), h('td', { text: e.type }),
      h('td', { text: e.rcode }), h('td', { text: e.source + (e.upstream ? ' ' + e.upstream : '') }),
      h('td', { text: e.blocked_list || '' }), h('td', { class: 'num', text: e.duration_us }));
  }

  search(null, false);
  return page('Query log', error, form, results, more);
}
