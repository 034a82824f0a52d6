// Zone history (GET /zones/{zone}/history): one diff per change, and rollback to before it.
import { h } from './dom.js';
import { api, query, zonePath } from './api.js';
import { page, showError, note, button } from './ui.js';

export function historyPage(zone, params) {
  const view = params.get('view') || '';
  const error = h('div', { class: 'slot' });
  const status = h('p', { class: 'status', role: 'status', id: 'history-status' });
  const list = h('div', { id: 'history' }, note('Loading history…'));
  const more = h('div');

  async function load(beforeSerial, append) {
    try {
      const r = await api('GET', zonePath(zone) + '/history' + query({ view, limit: 20, before_serial: beforeSerial }));
      const changes = r.changes || [];
      const cardsEls = changes.map(change);
      if (append) list.append(...cardsEls);
      else list.replaceChildren(...(cardsEls.length ? cardsEls : [note('No journaled changes.')]));
      const last = changes[changes.length - 1];
      more.replaceChildren(changes.length === 20 && last ? button('Older', () => load(last.from_serial, true)) : '');
    } catch (e) { list.replaceChildren(); showError(error, e); }
  }

  function change(c) {
    const confirmSlot = h('span');
    const ask = button('Roll back to serial ' + c.from_serial, () => {
      confirmSlot.replaceChildren(
        h('span', { text: 'Restore the records as they were at serial ' + c.from_serial + '? ' }),
        button('Confirm rollback', () => rollback(c.from_serial), 'danger'),
        button('Cancel', () => confirmSlot.replaceChildren()));
    });
    return h('article', { class: 'card change', 'data-serial': c.to_serial },
      h('header', null,
        h('strong', { text: c.from_serial + ' → ' + c.to_serial }),
        h('span', { text: ' ' + (c.time || '') }),
        h('span', { class: 'meta', text: ' ' + [c.actor, c.client, c.provenance].filter(Boolean).join(' · ') })),
      diff(c.deleted || [], c.added || []),
      h('div', { class: 'actions' }, ask, confirmSlot));
  }

  async function rollback(serial) {
    try {
      const r = await api('POST', zonePath(zone) + '/rollback' + query({ view }), { serial });
      showError(error, null);
      status.textContent = 'Rolled back: serial ' + r.from_serial + ' → ' + r.to_serial + ', ' + (r.deleted || []).length + ' deleted, ' + (r.added || []).length + ' added';
      load(undefined, false);
    } catch (e) { showError(error, e); }
  }

  load(undefined, false);
  const recordsHref = '#/zones/' + encodeURIComponent(zone) + (view ? '?view=' + encodeURIComponent(view) : '');
  return page('History of ' + zone + (view ? ' (view ' + view + ')' : ''),
    h('p', null, h('a', { href: recordsHref, text: '← Records' })), error, status, list, more);
}

// Deleted lines in red with "-", added in green with "+", as a unified diff reads.
export function diff(deleted, added) {
  return h('pre', { class: 'diff' },
    deleted.map(l => h('span', { class: 'del', text: '- ' + l + '\n' })),
    added.map(l => h('span', { class: 'add', text: '+ ' + l + '\n' })));
}
