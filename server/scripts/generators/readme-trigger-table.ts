import fs from 'node:fs';
import path from 'node:path';
import type { GeneratedFile, GeneratorContext } from '../generated-file';
import { GENERATED_NOTE } from '../generated-file';

const START = '<!-- triggers:start -->';
const END = '<!-- triggers:end -->';

/** Rewrites the trigger table between the markers in README.md; the rest of the README is hand-written. */
export function generateReadmeTriggerTable({ root, catalog }: GeneratorContext): GeneratedFile[] {
  const readmePath = path.join(root, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  const rows = catalog.triggers.map(
    (t) => `| \`${t.type}\` | ${t.meta.group} | ${t.meta.zapier.label} | ${t.meta.powerAutomate.summary} | ${t.meta.description.replace(/\|/g, '\\|')} |`,
  );
  const table = [
    `<!-- ${GENERATED_NOTE} -->`,
    '',
    '| Event type | Group | Zapier trigger | Power Automate trigger | What happened |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  return [{ path: 'README.md', content: `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}` }];
}
