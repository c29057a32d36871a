/**
 * Liquid engines for hook URLs and request templates. Each output tag is escaped for where it lands
 * (a URL, a JSON string, XML text, a form value), so an event's text cannot break the request apart;
 * `| raw` opts out. Tags that read files (include, render, layout) are refused: a template must not
 * be able to read the server's disk into a webhook. Limits keep one template from eating the worker.
 */
import { Liquid, type Template } from 'liquidjs';

export type EscapeContext = 'url' | 'json' | 'xml' | 'form';

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const ESCAPERS: Record<EscapeContext, (value: unknown) => string> = {
  url: (value) => encodeURIComponent(asText(value)),
  form: (value) => encodeURIComponent(asText(value)).replace(/%20/g, '+'),
  xml: (value) => asText(value).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]),
  // Strings are escaped to sit inside JSON quotes; objects and numbers come out as JSON values.
  json: (value) => (typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : value === undefined ? 'null' : JSON.stringify(value)),
};

const FILE_TAGS = ['include', 'render', 'layout'];

/**
 * LiquidJS's own DoS limits, tight: every delivery renders on the shared event loop, so one render
 * may hold it for at most `renderLimit` ms (nested loops used to run to a 1 s limit on every
 * delivery, stalling /healthz). `parseLimit` is the longest template accepted (HookTemplate.body's
 * maxLength); `memoryLimit` counts what filters and ranges allocate, generous for a 256 KiB event.
 */
export const TEMPLATE_LIMITS = { parseLimit: 65_536, renderLimit: 50, memoryLimit: 4_000_000 } as const;

function createEngine(context: EscapeContext): Liquid {
  const engine = new Liquid({
    outputEscape: ESCAPERS[context],
    strictFilters: true,
    // Under the save-time check's strictVariables, `{% if data.x %}` and `| default:` still guard an optional field.
    lenientIf: true,
    ownPropertyOnly: true,
    templates: {},
    ...TEMPLATE_LIMITS,
  });
  for (const tag of FILE_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`the ${tag} tag is not available in webhook templates`);
      },
      render() {
        return '';
      },
    });
  }
  return engine;
}

const engines = new Map<EscapeContext, Liquid>();

export function liquidEngine(context: EscapeContext): Liquid {
  let engine = engines.get(context);
  if (!engine) {
    engine = createEngine(context);
    engines.set(context, engine);
  }
  return engine;
}

const MAX_CACHED = 1000;
const compiled = new Map<string, Template[]>();

/** Parses once per (context, source); throws liquidjs' error (with line and column) on bad syntax. */
export function compileTemplate(context: EscapeContext, source: string): Template[] {
  const key = `${context}\u0000${source}`;
  let templates = compiled.get(key);
  if (!templates) {
    templates = liquidEngine(context).parse(source);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, templates);
  }
  return templates;
}

/**
 * Renders a template. `strictVariables` (the save-time check over a trigger's sample) makes a
 * variable the scope does not have an error naming it, instead of an empty output.
 */
export function renderTemplate(context: EscapeContext, source: string, scope: object, options: { strictVariables?: boolean } = {}): string {
  return liquidEngine(context).renderSync(compileTemplate(context, source), scope, options.strictVariables ? { strictVariables: true } : undefined);
}

/** True when the text contains Liquid markup. */
export function hasLiquidTags(text: string): boolean {
  return /\{\{|\{%/.test(text);
}
