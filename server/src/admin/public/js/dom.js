// Tiny DOM helpers: the console builds its markup with these instead of a framework.

/**
 * h('button', { class: 'x', onclick: fn, 'aria-label': '…' }, 'text', child…)
 * Attributes set to false/null/undefined are left out; `true` sets an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function $(selector, root = document) {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`console markup is missing ${selector}`);
  return found;
}

export function formatDate(value, { short = false } = {}) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(undefined, short ? { dateStyle: 'short', timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A <time> element; `short` for table cells, with the full date in its tooltip. */
export function timeElement(value, { short = false } = {}) {
  if (!value) return '—';
  return h('time', { datetime: value, title: short ? formatDate(value) : undefined }, formatDate(value, { short }));
}

export function json(value) {
  return JSON.stringify(value, null, 2);
}

/** A <pre> with a copy button, for samples, schemas and secrets. */
export function copyBlock(label, text, { id } = {}) {
  const pre = h('pre', { class: 'code', tabindex: '0', id, 'aria-label': label }, h('code', {}, text));
  return h('div', { class: 'copy-block' }, h('div', { class: 'copy-row' }, h('span', { class: 'copy-label' }, label), copyButton(label, () => text)), pre);
}

export function copyButton(label, getText) {
  const status = h('span', { class: 'copy-status', 'aria-live': 'polite' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'small secondary',
      'aria-label': `Copy ${label}`,
      onclick: async () => {
        const text = getText();
        try {
          await navigator.clipboard.writeText(text);
          status.textContent = 'Copied';
        } catch {
          // Clipboard access needs a secure context and permission; fall back to selecting the text.
          status.textContent = 'Select and copy the text (Ctrl+C)';
        }
        setTimeout(() => (status.textContent = ''), 2500);
      },
    },
    'Copy',
  );
  return h('span', { class: 'copy' }, button, status);
}

export function badge(text, kind) {
  return h('span', { class: `badge badge-${kind}` }, text);
}
