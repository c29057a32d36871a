// Custom event types: the tenant's own triggers (DeskDirector's "custom webhook"), each with a schema and a sample.
import { $, h, replaceChildren, timeElement, copyBlock, json } from './dom.js';
import { showProblem, clearProblem, localProblem } from './problem-view.js';
import { confirmDialog } from './dialogs.js';

function parseObject(text, pointer, errors) {
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    errors.push({ pointer, detail: 'must be a JSON object' });
  } catch (error) {
    errors.push({ pointer, detail: `is not valid JSON (${error.message})` });
  }
  return undefined;
}

export function createCustomEventsView(ctx) {
  const list = $('#custom-list');
  const errorBox = $('#custom-error');
  const form = $('#custom-form');
  const formError = $('#custom-form-error');
  const nameInput = $('#custom-name');
  const descriptionInput = $('#custom-description');
  const schemaInput = $('#custom-schema');
  const sampleInput = $('#custom-sample');
  form.addEventListener('submit', save);

  async function load() {
    try {
      const page = await ctx.api.get('/v1/custom-event-types');
      clearProblem(errorBox);
      render(page.data);
    } catch (error) {
      showProblem(errorBox, error, 'Could not load the custom event types');
    }
  }

  function render(types) {
    if (types.length === 0) {
      replaceChildren(list, h('p', { class: 'empty' }, 'No custom event types yet.'));
      return;
    }
    replaceChildren(
      list,
      types.map((type) =>
        h(
          'details',
          { class: 'panel custom-type' },
          h('summary', {}, h('code', {}, type.type), type.description ? ` — ${type.description}` : '', h('span', { class: 'muted small-text' }, ' updated ', timeElement(type.updatedAt))),
          h('div', { class: 'two-columns' }, copyBlock(`schema of ${type.type}`, json(type.schema)), copyBlock(`sample of ${type.type}`, json(type.sample))),
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', class: 'small secondary', onclick: () => editType(type) }, 'Edit'),
            h('button', { type: 'button', class: 'small danger', 'aria-label': `Delete ${type.type}`, onclick: () => remove(type) }, 'Delete'),
          ),
        ),
      ),
    );
  }

  function editType(type) {
    nameInput.value = type.type.replace(/^custom\./, '');
    descriptionInput.value = type.description ?? '';
    schemaInput.value = json(type.schema);
    sampleInput.value = json(type.sample);
    nameInput.focus();
  }

  async function save(event) {
    event.preventDefault();
    clearProblem(formError);
    const errors = [];
    const name = nameInput.value.trim().replace(/^custom\./, '');
    if (!name) errors.push({ parameter: 'name', detail: 'is required' });
    const schema = parseObject(schemaInput.value, '/schema', errors);
    const sample = parseObject(sampleInput.value, '/sample', errors);
    if (errors.length) {
      showProblem(formError, localProblem('Check the form', errors));
      return;
    }
    try {
      const body = { schema, sample };
      if (descriptionInput.value.trim()) body.description = descriptionInput.value.trim();
      const saved = await ctx.api.put(`/v1/custom-event-types/${encodeURIComponent(`custom.${name}`)}`, body);
      ctx.catalog.reset();
      ctx.notify(`Saved ${saved.type}. Webhooks can now subscribe to it.`);
      load();
    } catch (error) {
      showProblem(formError, error, 'The custom event type was not saved');
    }
  }

  async function remove(type) {
    const confirmed = await confirmDialog({
      title: `Delete ${type.type}?`,
      message: 'Webhooks subscribed to it stay, but receive nothing new of this type.',
      confirmLabel: 'Yes, delete',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await ctx.api.delete(`/v1/custom-event-types/${encodeURIComponent(type.type)}`);
      ctx.catalog.reset();
      ctx.notify(`Deleted ${type.type}.`);
      load();
    } catch (error) {
      ctx.showError(error, `Could not delete ${type.type}`);
    }
  }

  return {
    show() {
      load();
    },
  };
}
