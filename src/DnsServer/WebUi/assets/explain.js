// Explain (GET /explain): the view chosen, each chain step's decision, and the answer.
import { h, field, formValues, table } from './dom.js';
import { api, query } from './api.js';
import { page, showError, note } from './ui.js';

export function explainPage(params) {
  const error = h('div', { class: 'slot' });
  const out = h('div', { id: 'explain-result' });
  const form = h('form', { class: 'card', id: 'explain-form' },
    h('div', { class: 'inline' },
      field('Name', h('input', { name: 'name', required: true, placeholder: 'grafana.example.com', value: params.get('name') || '' })),
      field('Type', h('input', { name: 'type', value: params.get('type') || 'A', size: 6 })),
      field('Client', h('input', { name: 'client', placeholder: '192.168.1.20', value: params.get('client') || '' }))),
    h('button', { type: 'submit', text: 'Explain' }));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const r = await api('GET', '/explain' + query(formValues(form)));
      showError(error, null);
      out.replaceChildren(...result(r));
    } catch (err) { out.replaceChildren(); showError(error, err); }
  });
  return page('Explain', note('Why does this client get this answer? Nothing is sent upstream that the query itself would not send.'), error, form, out);
}

function result(r) {
  const q = r.question || {};
  const route = r.route || {};
  const a = r.answer || {};
  const section = (title, lines) => lines && lines.length
    ? h('div', null, h('h3', { text: title }), h('pre', { class: 'rr', text: lines.join('\n') })) : null;
  return [
    h('div', { class: 'card' },
      h('h2', { text: (q.name || '') + ' ' + (q.type || '') + ' from ' + (r.client || '') }),
      h('dl', { class: 'facts' },
        h('dt', { text: 'View' }), h('dd', { id: 'explain-view', text: (r.view && r.view.name || '(none)') + (r.view && r.view.reason ? ': ' + r.view.reason : '') }),
        h('dt', { text: 'Route' }), h('dd', { id: 'explain-route', text: [route.decision, route.zone, route.forwarder].filter(Boolean).join(' · ') }),
        h('dt', { text: 'Rcode' }), h('dd', { id: 'explain-rcode', text: a.rcode || '' }),
        (a.ede || []).length ? [h('dt', { text: 'EDE' }), h('dd', { text: a.ede.map(x => x.code + ' ' + (x.text || '')).join('; ') })] : null)),
    h('div', { class: 'card' }, h('h2', { text: 'Steps' }),
      table(['Step', 'Decision', 'Detail'], (r.steps || []).map(st => h('tr', { class: 'step-' + st.decision },
        h('td', { text: st.step }), h('td', { text: st.decision }), h('td', { text: st.detail || '' }))), 'steps')),
    h('div', { class: 'card' }, h('h2', { text: 'Answer' }),
      section('Answer', a.answers), section('Authority', a.authority), section('Additional', a.additional),
      (a.answers || []).length + (a.authority || []).length ? null : note('No records.')),
  ];
}
