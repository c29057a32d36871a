import type { GeneratedFile, GeneratorContext } from '../generated-file';
import { GENERATED_NOTE } from '../generated-file';

/** A typed list of the catalog's event types, for code that switches on them. */
export function generateEventTypes({ catalog }: GeneratorContext): GeneratedFile[] {
  const lines = catalog.triggers.map((t) => `  '${t.type}',`).join('\n');
  const groups = catalog.triggers.map((t) => `  '${t.type}': '${t.meta.group}',`).join('\n');
  const content = `// ${GENERATED_NOTE}

export const EVENT_TYPES = [
${lines}
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_GROUPS: Record<EventType, 'ticket' | 'chat' | 'message' | 'system'> = {
${groups}
};

export function isCatalogEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
`;
  return [{ path: 'server/src/generated/event-types.ts', content }];
}
