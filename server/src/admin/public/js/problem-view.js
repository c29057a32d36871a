// Turns API errors (RFC 9457 problem documents) into messages a person can act on.
import { h, replaceChildren } from './dom.js';

/** `/retryPolicy/delays/0` → `retryPolicy.delays[0]`; parameters keep their name. */
export function fieldName(error) {
  if (error.pointer !== undefined && error.pointer !== null) {
    const parts = String(error.pointer)
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts.length === 0) return 'request body';
    return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
  }
  if (error.parameter) return error.parameter;
  return null;
}

function whereLabel(error) {
  if (!error.location || error.location === 'body') return '';
  return ` (${error.location} parameter)`;
}

/** Renders the error into `target` (an element with role="alert") and shows it. */
export function showProblem(target, error, intro) {
  const problem = error && error.problem ? error.problem : { title: 'Something went wrong', detail: String(error?.message ?? error) };
  const heading = [intro, problem.title].filter(Boolean).join(': ');
  const fields = Array.isArray(problem.errors) ? problem.errors : [];
  replaceChildren(
    target,
    h('p', { class: 'problem-title' }, h('strong', {}, heading || 'Error'), problem.status ? ` (HTTP ${problem.status})` : ''),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    fields.length
      ? h(
          'ul',
          { class: 'problem-fields' },
          fields.map((field) => {
            const name = fieldName(field);
            return h('li', {}, name ? h('code', {}, name) : null, whereLabel(field), name ? ': ' : '', field.detail ?? 'is invalid');
          }),
        )
      : null,
  );
  target.hidden = false;
  return fields;
}

export function clearProblem(target) {
  replaceChildren(target);
  target.hidden = true;
}

/** A local (client-side) problem, shown like a server one. */
export function localProblem(title, errors) {
  return { problem: { title, errors } };
}
