// Payload samples: each trigger's delivered body and its JSON Schema, ready to copy into a low-code tool.
import { $, h, replaceChildren, copyBlock, json } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { GROUP_LABELS, groupTriggers, triggerLabel } from './catalog.js';

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
    const [sample, schema] = await Promise.all([ctx.api.get(`${path}/sample`), ctx.api.get(`${path}/schema`)]);
    const trigger = triggers.find((candidate) => candidate.type === type);
    shownType = type;
    replaceChildren(
      output,
      h('h2', {}, trigger ? triggerLabel(trigger) : type, ' ', h('code', {}, type)),
      trigger?.description ? h('p', {}, trigger.description) : null,
      trigger?.powerAutomate?.summary ? h('p', { class: 'hint' }, `Power Automate: “${trigger.powerAutomate.summary}”. Zapier: “${trigger.zapier?.label ?? triggerLabel(trigger)}”.`) : null,
      h('div', { class: 'two-columns' }, copyBlock(`Sample payload of ${type}`, json(sample), { id: 'sample-payload' }), copyBlock(`JSON Schema of ${type}`, json(schema), { id: 'sample-schema' })),
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
