// Payload samples: each trigger's delivered body and its JSON Schema, ready to copy into a low-code tool.
import { $, h, replaceChildren, copyBlock, json } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { GROUP_LABELS, groupTriggers, triggerLabel } from './catalog.js';

/** The trigger's flat tags, as an EddyDesk admin writes them in a webhook's URL or template. */
function tagsTable(tags) {
  if (!tags.length) return h('p', { class: 'hint', id: 'sample-tags' }, 'No flat tags for this event: use paths such as {{ data.… }} in URLs and templates.');
  return h(
    'section',
    { id: 'sample-tags' },
    h('h3', {}, 'Tags for URLs and templates'),
    h('p', { class: 'hint' }, 'Write them as {{ ticket_id }} or, as in EddyDesk, {ticket_id}.'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Tag'), h('th', { scope: 'col' }, 'What it holds'), h('th', { scope: 'col' }, 'Same as'))),
      h('tbody', {}, tags.map((tag) => h('tr', {}, h('td', {}, h('code', {}, `{${tag.name}}`)), h('td', {}, tag.title), h('td', {}, h('code', {}, `{{ ${tag.path} }}`))))),
    ),
  );
}

export function createSamplesView(ctx) {
  const select = $('#sample-type');
  const output = $('#sample-output');
  const errorBox = $('#samples-error');
  let shownType = null;
  select.addEventListener('change', () => ctx.navigate('samples', { type: select.value }));

  async function fill(params) {
    const triggers = await ctx.catalog.triggers();
    replaceChildren(
      select,
      groupTriggers(triggers).map(([group, items]) =>
        h('optgroup', { label: GROUP_LABELS[group] ?? group }, items.map((trigger) => h('option', { value: trigger.type }, `${triggerLabel(trigger)} (${trigger.type})`))),
      ),
    );
    const wanted = params.type && triggers.some((trigger) => trigger.type === params.type) ? params.type : triggers[0]?.type;
    if (wanted) select.value = wanted;
    return triggers;
  }

  async function showSample(triggers) {
    const type = select.value;
    if (!type) {
      replaceChildren(output, h('p', { class: 'empty' }, 'No triggers.'));
      return;
    }
    if (type === shownType && output.childElementCount) return;
    const path = `/v1/triggers/${encodeURIComponent(type)}`;
    const [detail, sample, schema] = await Promise.all([ctx.api.get(path), ctx.api.get(`${path}/sample`), ctx.api.get(`${path}/schema`)]);
    const trigger = triggers.find((candidate) => candidate.type === type);
    shownType = type;
    replaceChildren(
      output,
      h('h2', {}, trigger ? triggerLabel(trigger) : type, ' ', h('code', {}, type)),
      trigger?.description ? h('p', {}, trigger.description) : null,
      trigger?.powerAutomate?.summary ? h('p', { class: 'hint' }, `Power Automate: “${trigger.powerAutomate.summary}”. Zapier: “${trigger.zapier?.label ?? triggerLabel(trigger)}”.`) : null,
      h('div', { class: 'two-columns' }, copyBlock(`Sample payload of ${type}`, json(sample), { id: 'sample-payload' }), copyBlock(`JSON Schema of ${type}`, json(schema), { id: 'sample-schema' })),
      tagsTable(detail.tags ?? []),
    );
  }

  return {
    async show(params) {
      try {
        const triggers = await fill(params);
        await showSample(triggers);
        clearProblem(errorBox);
      } catch (error) {
        showProblem(errorBox, error, 'Could not load the sample');
      }
    },
  };
}
