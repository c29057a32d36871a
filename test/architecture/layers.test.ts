/**
 * The layers import in one direction: entry points (http/) call the domain; the domain and the engine
 * (delivery/) share pure rules (rules/) and outbound HTTP (outbound/); the domain never reaches into
 * the engine, and rules reach into neither. Read from the source, so a new import that breaks this
 * fails here rather than in review.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../server/src');

function importsOf(folder: string): Array<{ file: string; target: string }> {
  const found: Array<{ file: string; target: string }> = [];
  for (const name of fs.readdirSync(path.join(SRC, folder), { recursive: true }) as string[]) {
    if (!name.endsWith('.ts')) continue;
    const file = path.join(SRC, folder, name);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), match[1]));
      found.push({ file: path.relative(SRC, file), target });
    }
  }
  return found;
}

const into = (folder: string, layers: string[]) =>
  importsOf(folder)
    .filter(({ target }) => layers.some((layer) => target === layer || target.startsWith(`${layer}/`)))
    .map(({ file, target }) => `${file} → ${target}`);

test('when the domain is read, then it imports nothing from the delivery engine or the HTTP layer', () => {
  expect(into('domain', ['delivery', 'http'])).toEqual([]);
});

test('when the shared rules are read, then they import neither the engine, the HTTP layer nor the domain at run time', () => {
  // Type-only imports (ProblemField) and the id generator are allowed: they carry no behaviour of the domain.
  const runtime = into('rules', ['delivery', 'http', 'domain']).filter((line) => !/domain\/(errors|ids)$/.test(line));
  expect(runtime).toEqual([]);
});

test('when the engine is read, then it reaches the domain only through ports, never the publish use case', () => {
  expect(into('delivery', ['http', 'domain'])).toEqual([]);
});
