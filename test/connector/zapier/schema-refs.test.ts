/**
 * The Zapier app's $ref inlining of tenant schemas (connector/zapier/lib/schema-refs.js): references
 * resolve like the catalog's, and no schema a tenant registers can make the expansion loop or balloon.
 */
import path from 'node:path';
import { APP_DIR } from './zapier-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inlineRefs } = require(path.join(APP_DIR, 'lib/schema-refs')) as { inlineRefs: (schema: unknown) => any };

function countNodes(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce<number>((sum, child) => sum + countNodes(child), 0);
}

describe('inlining the $refs of a custom event type schema', () => {
  it('when properties refer to $defs, definitions or an escaped pointer, then each is replaced by its target, the referrer title kept', () => {
    const schema = {
      $defs: { 'a/b': { type: 'string', title: 'Slash' }, person: { type: 'object', properties: { name: { type: 'string' } } } },
      definitions: { legacy: { type: 'integer' } },
      properties: {
        owner: { $ref: '#/$defs/person', title: 'Owner' },
        slash: { $ref: '#/$defs/a~1b' },
        count: { $ref: '#/definitions/legacy' },
        remote: { $ref: 'https://example.com/other.json', title: 'Remote' },
      },
    };

    expect(inlineRefs(schema)).toEqual({
      properties: {
        owner: { type: 'object', properties: { name: { type: 'string' } }, title: 'Owner' },
        slash: { type: 'string', title: 'Slash' },
        count: { type: 'integer' },
        remote: { title: 'Remote' },
      },
    });
  });

  it('when definitions refer to each other twice per level (exponential expansion), then the result stays bounded', () => {
    const $defs: Record<string, unknown> = { d0: { type: 'string' } };
    for (let i = 1; i <= 40; i += 1) {
      $defs[`d${i}`] = { type: 'object', properties: { left: { $ref: `#/$defs/d${i - 1}` }, right: { $ref: `#/$defs/d${i - 1}` } } };
    }
    const started = Date.now();

    const result = inlineRefs({ $defs, properties: { root: { $ref: '#/$defs/d40' } } });

    expect(countNodes(result)).toBeLessThan(20_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('when a schema refers to itself, then the cycle ends in an object without fields', () => {
    const result = inlineRefs({ type: 'object', properties: { self: { $ref: '#', title: 'Self' } } });

    expect(result.properties.self).toMatchObject({ type: 'object', title: 'Self', properties: { self: { title: 'Self' } } });
    expect(result.properties.self.properties.self.properties).toBeUndefined();
  });
});
