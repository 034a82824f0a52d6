// Element builders: text always goes through textContent, never innerHTML.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A form's named inputs as an object of trimmed strings (empty ones left out).
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) {
    const t = String(v).trim();
    if (t !== '') out[k] = t;
  }
  return out;
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', { text: label }), input);
}

export function table(headers, rows, cls) {
  return h('div', { class: 'scroll' },
    h('table', { class: cls || '' },
      h('thead', null, h('tr', null, headers.map(t => h('th', { text: t })))),
      h('tbody', null, rows)));
}

export function percent(ratio) {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? '–' : (ratio * 100).toFixed(1) + ' %';
}
