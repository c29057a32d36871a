/**
 * Save-time check of the tags in a hook's URL and template: every `{tag}`, `{{ tag }}` and
 * `{{ data.… }}` must name something the subscribed events have, so a typo or an EddyDesk tag we do
 * not offer is refused (422 naming it) instead of being sent literally or as an empty string.
 */
import type { FieldError } from '../catalog/catalog';
import type { JsonSchema } from '../catalog/catalog';
import { ENVELOPE_ROOTS, expandSingleBraceTags, flatTag, schemaHasPath, singleBraceNames } from '../catalog/flat-tags';
import { compileTemplate, liquidEngine, type EscapeContext } from './liquid';

/** One subscribed event type as the check sees it. */
export interface SubscribedType {
  type: string;
  /** The inlined data schema; null when its shape is not known here (custom types, `*`). */
  schema: JsonSchema | null;
  /** The flat tags it offers. */
  tags: ReadonlySet<string>;
}

function offeredTags(types: SubscribedType[]): string[] {
  const names = new Set<string>();
  for (const type of types) for (const tag of type.tags) names.add(tag);
  return [...names].sort();
}

function typeNames(types: SubscribedType[]): string {
  const names = types.filter((t) => t.type !== '*').map((t) => t.type);
  return names.length > 0 ? names.join(', ') : 'the subscribed events';
}

function tagListHint(types: SubscribedType[]): string {
  const offered = offeredTags(types);
  return offered.length > 0
    ? `the flat tags of ${typeNames(types)} are: ${offered.join(', ')} (see GET /v1/triggers/{type}), or write a path such as {{ data.ticket.id }}`
    : `${typeNames(types)} offers no flat tags; write a path such as {{ data.… }} over the envelope`;
}

function segmentText(segments: ReadonlyArray<unknown>): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : typeof s === 'string' ? `${i > 0 ? '.' : ''}${s}` : '[…]')).join('');
}

/**
 * Problems with the tags of one source (`pointer` names the field). Liquid syntax errors are not
 * reported here (hook-settings does that); such a source is skipped.
 */
export function tagProblems(source: string, context: EscapeContext, pointer: string, types: SubscribedType[]): FieldError[] {
  const problems: FieldError[] = [];
  const offered = new Set(offeredTags(types));
  const seen = new Set<string>();
  const report = (key: string, detail: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ pointer, detail });
  };

  for (const name of singleBraceNames(source)) {
    if (!flatTag(name)) report(`{${name}}`, `uses {${name}}, which is not a known tag (write {{ "{${name}}" }} to send the braces literally); ${tagListHint(types)}`);
    else if (!offered.has(name)) report(`{${name}}`, `uses {${name}}, a tag ${typeNames(types)} does not have; ${tagListHint(types)}`);
  }

  let segmentsList: ReturnType<ReturnType<typeof liquidEngine>['globalVariableSegmentsSync']>;
  try {
    segmentsList = liquidEngine(context).globalVariableSegmentsSync(compileTemplate(context, expandSingleBraceTags(source)));
  } catch {
    return problems;
  }
  const unknownShape = types.some((t) => t.schema === null);
  for (const segments of segmentsList) {
    const [root] = segments;
    if (typeof root !== 'string') continue;
    if (ENVELOPE_ROOTS.has(root)) {
      if (root !== 'data' || segments.length < 2 || unknownShape) continue;
      if (!types.some((t) => t.schema !== null && schemaHasPath(t.schema, segments.slice(1)))) {
        report(segmentText(segments), `uses {{ ${segmentText(segments)} }}, which is not a field of ${typeNames(types)} (see GET /v1/triggers/{type}/schema)`);
      }
      continue;
    }
    if (flatTag(root)) {
      if (!offered.has(root)) report(`{{${root}}}`, `uses {{ ${root} }}, a tag ${typeNames(types)} does not have; ${tagListHint(types)}`);
      continue;
    }
    report(`{{${root}}}`, `uses {{ ${root} }}, which is not a known tag: use the envelope's id, type, timestamp, brand or data.…, or a flat tag; ${tagListHint(types)}`);
  }
  return problems;
}
