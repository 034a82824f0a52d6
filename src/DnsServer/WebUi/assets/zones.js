// Zones list (GET /zones) and the records editor (GET/POST/PUT/DELETE /zones/{zone}/records).
import { h, field, formValues, table } from './dom.js';
import { api, query, zonePath } from './api.js';
import { page, showError, note, button } from './ui.js';

const TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'PTR', 'CAA', 'HTTPS', 'SVCB'];

function zoneLink(z) {
  const v = z.view ? '?view=' + encodeURIComponent(z.view) : '';
  return '#/zones/' + encodeURIComponent(z.name) + v;
}

export function zonesPage() {
  const error = h('div', { class: 'slot' });
  const list = h('div', { id: 'zones' }, note('Loading zones…'));
  api('GET', '/zones').then(r => {
    const rows = (r.zones || []).map(z => h('tr', null,
      h('td', null, z.type === 'primary' ? h('a', { href: zoneLink(z), text: z.name }) : h('span', { text: z.name })),
      h('td', { text: z.view || '(shared)' }),
      h('td', { text: z.type }),
      h('td', { class: 'num', text: z.serial ?? '–' }),
      h('td', { class: 'num', text: z.records ?? '–' }),
      h('td', { text: z.type === 'forwarder' ? (z.forwarders || []).join(', ') : z.origin_of || '' }),
      h('td', null, z.type === 'primary' ? h('a', { href: '#/history/' + encodeURIComponent(z.name) + (z.view ? '?view=' + encodeURIComponent(z.view) : ''), text: 'history' }) : '')));
    list.replaceChildren(rows.length ? table(['Zone', 'View', 'Type', 'Serial', 'Records', 'Origin / forwarders', ''], rows) : note('No zones.'));
  }).catch(e => { list.replaceChildren(); showError(error, e); });
  return page('Zones', error, list);
}

export function recordsPage(zone, params) {
  const view = params.get('view') || '';
  const error = h('div', { class: 'slot' });
  const status = h('p', { class: 'status', role: 'status', id: 'records-status' });
  const list = h('div', { id: 'records' }, note('Loading records…'));
  const more = h('div');
  const base = zonePath(zone) + '/records';
  const viewQ = view ? { view } : {};

  const filter = h('form', { class: 'inline', id: 'records-filter' },
    field('Name', h('input', { name: 'name', placeholder: 'www.' + zone })),
    field('Type', h('input', { name: 'type', placeholder: 'A', size: 6 })),
    h('button', { type: 'submit', text: 'Filter' }));
  filter.addEventListener('submit', e => { e.preventDefault(); load(null, false); });

  const add = h('form', { class: 'card', id: 'record-add' },
    h('h2', { text: 'Add a record' }),
    h('div', { class: 'inline' },
      field('Name', h('input', { name: 'name', required: true, placeholder: 'host.' + zone })),
      field('Type', h('select', { name: 'type' }, TYPES.map(t => h('option', { value: t, text: t })))),
      field('TTL', h('input', { name: 'ttl', type: 'number', min: 0, value: 300, size: 6 })),
      field('Data', h('input', { name: 'data', required: true, placeholder: '192.0.2.10' }))),
    h('button', { type: 'submit', text: 'Add' }));
  add.addEventListener('submit', async e => {
    e.preventDefault();
    const v = formValues(add);
    try {
      const r = await api('POST', base + query(viewQ), { name: v.name, type: v.type, ttl: Number(v.ttl || 300), data: v.data, overwrite: false });
      showError(error, null);
      status.textContent = 'Added ' + r.record.name + ' ' + r.record.type + ' ' + r.record.data + ' (serial ' + r.serial + ')';
      add.reset();
      load(null, false);
    } catch (err) { showError(error, err); }
  });

  async function load(cursor, append) {
    const f = formValues(filter);
    try {
      const r = await api('GET', base + query({ ...viewQ, name: f.name, type: f.type, limit: 100, cursor }));
      const rows = (r.records || []).map(rec => recordRow(rec));
      let body = list.querySelector('tbody');
      if (!append || !body) {
        list.replaceChildren(table(['Name', 'Type', 'TTL', 'Data', 'Source', ''], rows, 'records'));
      } else {
        body.append(...rows);
      }
      more.replaceChildren(r.next_cursor ? button('More', () => load(r.next_cursor, true)) : '');
    } catch (err) { list.replaceChildren(); showError(error, err); }
  }

  function recordRow(rec) {
    const tr = h('tr', { 'data-name': rec.name, 'data-type': rec.type },
      h('td', { text: rec.name }), h('td', { text: rec.type }), h('td', { class: 'num', text: rec.ttl }),
      h('td', { class: 'data', text: rec.data }), h('td', { text: rec.provenance || '' }),
      h('td', { class: 'actions' },
        rec.type === 'SOA' ? '' : button('Edit', () => edit(tr, rec)),
        rec.type === 'SOA' ? '' : button('Delete', () => remove(rec), 'danger')));
    return tr;
  }

  function edit(tr, rec) {
    const ttl = h('input', { type: 'number', min: 0, value: rec.ttl, size: 6, 'aria-label': 'TTL' });
    const data = h('input', { value: rec.data, 'aria-label': 'Data' });
    const save = async () => {
      try {
        const r = await api('PUT', base + query(viewQ), { old: { name: rec.name, type: rec.type, data: rec.data }, new: { name: rec.name, type: rec.type, ttl: Number(ttl.value), data: data.value.trim() } });
        showError(error, null);
        status.textContent = 'Updated ' + rec.name + ' ' + rec.type + ' (serial ' + r.serial + ')';
        load(null, false);
      } catch (err) { showError(error, err); }
    };
    tr.replaceChildren(h('td', { text: rec.name }), h('td', { text: rec.type }), h('td', null, ttl), h('td', null, data), h('td', { text: rec.provenance || '' }),
      h('td', { class: 'actions' }, button('Save', save), button('Cancel', () => tr.replaceWith(recordRow(rec)))));
  }

  async function remove(rec) {
    try {
      const r = await api('DELETE', base + query({ ...viewQ, name: rec.name, type: rec.type, data: rec.data }));
      showError(error, null);
      status.textContent = 'Deleted ' + r.deleted + ' record(s) (serial ' + r.serial + ')';
      load(null, false);
    } catch (err) { showError(error, err); }
  }

  load(null, false);
  const historyHref = '#/history/' + encodeURIComponent(zone) + (view ? '?view=' + encodeURIComponent(view) : '');
  return page('Zone ' + zone + (view ? ' (view ' + view + ')' : ''),
    h('p', null, h('a', { href: '#/zones', text: '← Zones' }), ' · ', h('a', { href: historyHref, text: 'History' })),
    error, status, add, filter, list, more);
}
