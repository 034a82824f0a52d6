// The /api/v1 client: bearer token from sessionStorage, RFC 9457 problems as ApiError.
const KEY = 'splitdns.token';

export const session = {
  get token() { return sessionStorage.getItem(KEY); },
  set token(t) { if (t) sessionStorage.setItem(KEY, t); else sessionStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

export async function api(method, path, body, options) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = (options && options.token) || session.token;
  if (token) headers.Authorization = 'Bearer ' + token;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('/api/v1' + path, { method, headers, body: payload, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'the server cannot be reached: ' + e.message });
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { title: response.statusText, detail: String(data || '') };
    problem.status = problem.status || response.status;
    throw new ApiError(response.status, problem);
  }
  return data;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const text = q.toString();
  return text ? '?' + text : '';
}

export function zonePath(zone) {
  return '/zones/' + encodeURIComponent(zone);
}
