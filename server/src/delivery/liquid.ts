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

function createEngine(context: EscapeContext): Liquid {
  const engine = new Liquid({
    outputEscape: ESCAPERS[context],
    strictFilters: true,
    ownPropertyOnly: true,
    templates: {},
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
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

export function renderTemplate(context: EscapeContext, source: string, scope: object): string {
  return liquidEngine(context).renderSync(compileTemplate(context, source), scope);
}

/** True when the text contains Liquid markup. */
export function hasLiquidTags(text: string): boolean {
  return /\{\{|\{%/.test(text);
}
