// Login: a pasted API token (checked with /whoami) or user and password (POST /login).
import { h, field, formValues } from './dom.js';
import { api, session } from './api.js';
import { page, showError, note } from './ui.js';

export function loginPage(onLogin) {
  const error = h('div', { class: 'slot' });
  const tokenForm = h('form', { id: 'token-form', class: 'card' },
    h('h2', { text: 'With a token' }),
    field('API token', h('input', { name: 'token', type: 'password', autocomplete: 'off', required: true })),
    h('button', { type: 'submit', text: 'Use token' }));
  tokenForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { token } = formValues(tokenForm);
    try {
      await api('GET', '/whoami', undefined, { token });
      session.token = token;
      onLogin();
    } catch (err) {
      showError(error, err);
    }
  });
  const passwordForm = h('form', { id: 'password-form', class: 'card' },
    h('h2', { text: 'With a password' }),
    field('User', h('input', { name: 'user', autocomplete: 'username', required: true, value: 'admin' })),
    field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', text: 'Log in' }));
  passwordForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(passwordForm);
    try {
      const r = await api('POST', '/login', { user: v.user || '', password: v.password || '' });
      session.token = r.token;
      onLogin();
    } catch (err) {
      showError(error, err);
    }
  });
  return page('Log in', note('The token is kept in this tab only (session storage).'), error, h('div', { class: 'grid2' }, tokenForm, passwordForm));
}
