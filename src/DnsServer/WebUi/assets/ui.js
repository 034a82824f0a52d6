// Shared pieces of the pages: the problem box, a status line, page headings.
import { h } from './dom.js';
import { ApiError } from './api.js';

// Shows an API problem (RFC 9457: title, status, detail, parameter) or any other error.
export function problemBox(error) {
  const p = error instanceof ApiError ? error.problem : { title: 'Error', detail: String(error && error.message || error) };
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', { text: (p.status ? p.status + ' ' : '') + (p.title || 'Error') }),
    p.detail ? h('span', { class: 'detail', text: p.detail }) : null,
    p.parameter ? h('span', { class: 'param', text: 'parameter: ' + p.parameter }) : null,
    error instanceof ApiError && error.status === 401 ? h('a', { href: '#/login', text: 'Log in' }) : null);
}

// Replaces the contents of a slot with an error box, or with nothing.
export function showError(slot, error) {
  slot.replaceChildren(error ? problemBox(error) : '');
}

export function page(title, ...children) {
  return h('section', { class: 'page' }, h('h1', { text: title }), children);
}

export function note(text) {
  return h('p', { class: 'note', text });
}

export function button(text, onclick, cls) {
  return h('button', { type: 'button', class: cls || '', onclick, text });
}
