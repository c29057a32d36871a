/**
 * Every operation of the OpenAPI document, tried with hostile input generated from the contract:
 * malformed, oversized, deeply nested and odd-unicode path parameters, query parameters, headers and
 * body fields (each property the schema declares, mutated by its type), plus whole bodies that are
 * not JSON, too big, too deep or not UTF-8. For every request: no 5xx, every 4xx is an RFC 9457
 * problem+json matching its status, every answer conforms to the document, and a refused request
 * changes nothing in the store (every table compared before and after, byte for byte, on SQLite).
 * With TEST_DATABASE_URL the same run goes against PostgreSQL, whose text and jsonb columns refuse
 * what SQLite takes (NUL, lone surrogates), so store-specific 5xx surface too. Requests go
 * over a raw socket (node:http) so that bytes fetch would refuse (Latin-1 headers, invalid UTF-8)
 * reach the server too.
 */
import http from 'node:http';
import type { SqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { loadOpenApiDocument } from '../../server/src/http/openapi-document';
import { assertConformance } from '../helpers/openapi-conformance';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../multi-node/postgres-database';

const doc = loadOpenApiDocument();
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const BODY_LIMIT = 32_768;

interface Operation {
  operationId: string;
  method: string;
  template: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; schema: any }>;
  bodySchema: any | null;
  example: unknown;
}

function deref(node: any): any {
  let at = node;
  while (at && typeof at.$ref === 'string') {
    at = at.$ref
      .slice(2)
      .split('/')
      .reduce((o: any, part: string) => o?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return at;
}

/** The object shape of a schema: allOf merged, the first object branch of a oneOf/anyOf. */
function objectShape(schema: any): { properties: Record<string, any> } | null {
  const s = deref(schema);
  if (!s || typeof s !== 'object') return null;
  if (Array.isArray(s.allOf)) {
    const properties: Record<string, any> = { ...(s.properties ?? {}) };
    for (const part of s.allOf) Object.assign(properties, objectShape(part)?.properties ?? {});
    return { properties };
  }
  for (const key of ['oneOf', 'anyOf']) {
    if (Array.isArray(s[key])) {
      for (const branch of s[key]) {
        const shape = objectShape(branch);
        if (shape && Object.keys(shape.properties).length > 0) return shape;
      }
    }
  }
  if (s.properties) return { properties: s.properties };
  return null;
}

const operations: Operation[] = Object.entries(doc.paths as Record<string, any>).flatMap(([template, item]) =>
  METHODS.filter((method) => item[method]).map((method) => {
    const operation = item[method];
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
    const media = operation.requestBody?.content?.['application/json'];
    return {
      operationId: operation.operationId as string,
      method: method.toUpperCase(),
      template,
      parameters,
      bodySchema: media?.schema ?? null,
      example: media?.example ?? Object.values<{ value: unknown }>(media?.examples ?? {})[0]?.value,
    };
  }),
);

/** Strings no well-behaved client sends: lone surrogates, NUL, BOM, bidi overrides, combining marks, astral emoji. */
const ODD_UNICODE = ['evt-\ud800-x', '\udfff', 'a\u0000b', '\ufeffbom', 'rtl\u202egnp.exe', 'e\u0301\u0301\u0301', '😀'.repeat(50), '\u2028\u2029', 'ＡＢＣ', '𝕏'];
/** The same, as path or query text (percent-encoded UTF-8, and raw bytes that are not UTF-8 at all). */
const ODD_SEGMENTS = ['%ED%A0%80', '%F0%9F%98%80', '%E2%80%AE', '%00', '%C0%AF', '%E0%A4%A', '%ZZ', '%25', '..%2F..%2Fetc', '%2e%2e', 'a%20b', 'x'.repeat(5000)];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { n: value };
  return value;
}

/** Values that break a schema of this type, plus the ones that break every schema. */
function hostileValues(schema: any): unknown[] {
  const s = deref(schema) ?? {};
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const values: unknown[] = [null, true, 0, -1, 1e308, 2 ** 53 + 1, 1.5, '', 'x'.repeat(s.maxLength ? s.maxLength + 1 : 2000), [], {}, nested(60), nested(150)];
  if (types.includes('string') || s.enum || s.const !== undefined || types.length === 0) values.push(...ODD_UNICODE);
  if (types.includes('integer') || types.includes('number')) values.push('1', -0, 1e-320, Number.MAX_SAFE_INTEGER * 10);
  if (types.includes('array')) values.push(Array.from({ length: (s.maxItems ?? 1000) + 1 }, (_, i) => `item-${i}`), [ODD_UNICODE[0]], [[[[]]]], [null]);
  if (types.includes('object') || s.properties || s.allOf || s.oneOf) {
    values.push({ __proto__: { polluted: true } }, JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'));
    values.push(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}\ud800`, i])));
    values.push({ [ODD_UNICODE[0]]: ODD_UNICODE[4], $where: 'while(true){}', $expr: { $range: [0, 1e9] } });
  }
  return values;
}

/** JSON Pointers (as key paths) of every property the body schema declares, two levels deep. */
function propertyPaths(schema: any, prefix: string[] = [], depth = 0): Array<{ path: string[]; schema: any }> {
  const shape = objectShape(schema);
  if (!shape) return [];
  return Object.entries(shape.properties).flatMap(([key, child]) => [
    { path: [...prefix, key], schema: child },
    ...(depth < 1 ? propertyPaths(child, [...prefix, key], depth + 1) : []),
  ]);
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base && typeof base === 'object' ? base : {}) as Record<string, any>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    if (!at[key] || typeof at[key] !== 'object' || Array.isArray(at[key])) at[key] = {};
    at = at[key];
  }
  at[path[path.length - 1]] = value;
  return copy;
}

interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  key?: string | null;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

let server: TestServer;
const url = () => new URL(server.url);

function send(request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.key !== null) headers.authorization ??= `Bearer ${request.key ?? server.apiKey}`;
    if (request.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = Buffer.byteLength(request.body);
    }
    const req = http.request(
      { host: url().hostname, port: url().port, method: request.method, path: request.path, headers, insecureHTTPParser: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) flat[name] = Array.isArray(value) ? value.join(', ') : String(value);
          resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Every table of the store, as text (API-key last use is the one column any authenticated request touches). */
function storeDigest(): string {
  const db = (server.store as SqliteStore).db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  return JSON.stringify(
    tables.map(({ name }) => [
      name,
      db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((row: any) => JSON.stringify({ ...row, last_used_at: undefined }))
        .sort(),
    ]),
  );
}

interface Outcome {
  label: string;
  status: number;
  problem: string | null;
}

const outcomes: Outcome[] = [];

/** Rows inserted, updated or deleted through the server's own connection since it opened: moves on any write. */
function totalChanges(): number {
  return ((server.store as SqliteStore).db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/** The digest as of `changes` writes: recomputed only after something was written. */
let known: { changes: number; digest: string } | null = null;

function currentDigest(): string {
  const changes = totalChanges();
  if (known?.changes !== changes) known = { changes, digest: storeDigest() };
  return known.digest;
}

/** Sends one hostile request and records what was wrong with its answer (null: nothing). */
async function attempt(label: string, request: RawRequest): Promise<void> {
  // The store's tables are compared on SQLite (the domain that decides what is written is the same on both stores).
  const tracked = server.store.kind === 'sqlite';
  const before = tracked ? currentDigest() : '';
  const changesBefore = tracked ? totalChanges() : 0;
  const response = await send(request);
  // Let anything the request set off in the background (key touch, announcements) land first.
  await new Promise((resolve) => setImmediate(resolve));
  // No write at all is no change; after a write the tables are compared (the once-a-minute key touch is not a change).
  const after = !tracked || totalChanges() === changesBefore ? before : currentDigest();
  let problem: string | null = null;
  const contentType = (response.headers['content-type'] ?? '').split(';')[0];
  let body: any = response.text === '' ? undefined : response.text;
  if (/[/+]json$/.test(contentType)) {
    try {
      body = JSON.parse(response.text);
    } catch {
      problem = 'the answer is not JSON';
    }
  }
  if (response.status >= 500) problem = `answered ${response.status}: ${response.text.slice(0, 300)}`;
  else if (response.status >= 400) {
    if (contentType !== 'application/problem+json') problem = `a ${response.status} that is ${contentType || 'no'} content, not problem+json`;
    else if (body?.status !== response.status || typeof body?.type !== 'string' || typeof body?.title !== 'string') problem = `a problem document that does not match its status: ${response.text.slice(0, 300)}`;
    else if (after !== before) problem = `refused with ${response.status}, but the store changed`;
  }
  if (!problem) {
    try {
      assertConformance({ method: request.method, path: request.path.split('?')[0], status: response.status, headers: response.headers, body });
    } catch (error) {
      problem = (error as Error).message.slice(0, 500);
    }
  }
  outcomes.push({ label, status: response.status, problem });
}

const ids: Record<string, string> = {};

/** Real resources for each path parameter, so that fuzzed bodies and queries reach the handlers' own checks. */
function realPath(operation: Operation): string {
  return operation.template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    switch (name) {
      case 'hookId':
        return operation.method === 'DELETE' ? ids.spareHook : ids.hook;
      case 'tenantId':
        return ids.tenant;
      case 'keyId':
        return 'key_nothing_here';
      case 'eventId':
        return ids.event;
      case 'deliveryId':
        return ids.delivery;
      case 'type':
        return operation.template.startsWith('/v1/custom-event-types') ? (operation.method === 'DELETE' ? 'custom.nothing_here' : 'custom.fuzz_type') : 'chat.missed';
      case 'chatId':
        return 'chat-fuzz-1';
      case 'lookupId':
        return ids.lookup;
      default:
        return `${name}_nothing_here`;
    }
  });
}

const ADMIN_OPERATIONS = new Set(['listTenants', 'createTenant', 'getTenant']);

async function setUp(databaseUrl?: string): Promise<void> {
  outcomes.length = 0;
  known = null;
  server = await startTestServer({
    startEngine: false,
    env: {
      DESKHOOKS_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      DESKHOOKS_AGENT_LOOKUP_BUDGET_MS: '100',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  const sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
  const hook = (await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/fuzz', events: ['chat.missed'] } })).body;
  ids.hook = hook.id;
  ids.spareHook = (await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/spare', events: ['chat.missed'] } })).body.id;
  ids.event = (await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id: 'evt-fuzz-1', data: sample } })).body.id;
  ids.delivery = (await server.request('GET', `/v1/hooks/${ids.hook}/deliveries`)).body.data[0].id;
  ids.tenant = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Fuzz' } })).body.tenant.id;
  await server.request('PUT', '/v1/custom-event-types/custom.fuzz_type', { body: { schema: { type: 'object' }, sample: {} } });
  const now = Date.now();
  ids.lookup = 'lkp_fuzz_open';
  await server.store.createAgentLookup({
    id: ids.lookup, tenantId: 'ten_default', chatId: 'chat-1', status: 'pending', agentId: null, answeredVia: null, answeredHookId: null, createdAt: now, expiresAt: now + 3_600_000,
  });
}

/** The whole run against one store: SQLite always, PostgreSQL when TEST_DATABASE_URL names a server. */
function fuzz(storeName: string, databaseUrl?: () => Promise<string>, dropDatabase?: () => Promise<void>): void {
  describe(`hostile input generated from the contract, for every operation (${storeName})`, () => {
    beforeAll(async () => setUp(databaseUrl && (await databaseUrl())), 60_000);
    afterAll(async () => {
      await server?.close();
      await dropDatabase?.();
    });

    it('when the contract is read, then every operation is covered', () => {
      expect(operations.length).toBeGreaterThan(40);
    });

    it.each(operations.map((o) => [`${o.operationId} (${o.method} ${o.template})`, o] as const))(
      'when %s gets hostile input, then it never answers 5xx, refuses with problem+json and changes nothing when it refuses',
      async (_name, operation) => {
        const start = outcomes.length;
        const key = ADMIN_OPERATIONS.has(operation.operationId) ? server.adminKey : server.apiKey;
        const path = realPath(operation);
        const validBody = operation.example === undefined ? undefined : JSON.stringify(operation.example);

        // Path parameters: each replaced by odd text.
        for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
          for (const segment of ODD_SEGMENTS) {
            const odd = realPath({ ...operation, template: operation.template.replace(`{${parameter.name}}`, segment) });
            await attempt(`path ${parameter.name}=${segment.slice(0, 20)}`, { method: operation.method, path: odd, key, body: validBody });
          }
        }

        // Query parameters: hostile values by schema, repeated, and an unknown one.
        const queries = operation.parameters.filter((p) => p.in === 'query');
        for (const parameter of queries) {
          const values = [...ODD_SEGMENTS, 'abc', '-1', '0', '1e400', '99999999999999999999', 'true', encodeURIComponent(ODD_UNICODE[4])];
          for (const value of values) {
            await attempt(`query ${parameter.name}=${value.slice(0, 20)}`, { method: operation.method, path: `${path}?${parameter.name}=${value}`, key, body: validBody });
          }
          await attempt(`query ${parameter.name} twice`, { method: operation.method, path: `${path}?${parameter.name}=a&${parameter.name}=b`, key, body: validBody });
        }
        await attempt('unknown query parameter', { method: operation.method, path: `${path}?zz%00=${ODD_SEGMENTS[0]}`, key, body: validBody });

        // Headers: declared header parameters, and the credentials every operation reads.
        const headerValues = ['ÿþ\u0080latin1', 'x'.repeat(8000), ' ', '\t', 'evt\u00a0nbsp'];
        for (const parameter of operation.parameters.filter((p) => p.in === 'header')) {
          for (const value of headerValues) {
            await attempt(`header ${parameter.name}=${JSON.stringify(value.slice(0, 10))}`, { method: operation.method, path, key, headers: { [parameter.name]: value }, body: validBody });
          }
        }
        for (const value of ['Bearer ÿþ\u0080', `Bearer ${'k'.repeat(8000)}`, 'Bearer', 'Basic %%%', `Bearer ${server.apiKey}\u00ff`]) {
          await attempt(`authorization ${JSON.stringify(value.slice(0, 12))}`, { method: operation.method, path, key: null, headers: { authorization: value }, body: validBody });
        }
        await attempt('x-api-key latin1', { method: operation.method, path, key: null, headers: { 'x-api-key': 'ÿþ\u0080' } });

        // Bodies: every declared property replaced by values that break its type; then whole bodies.
        if (operation.bodySchema) {
          const base = operation.example ?? {};
          for (const { path: property, schema } of propertyPaths(operation.bodySchema)) {
            for (const value of hostileValues(schema)) {
              const text = JSON.stringify(withValue(base, property, value));
              await attempt(`body /${property.join('/')}=${JSON.stringify(value)?.slice(0, 30)}`, { method: operation.method, path, key, body: text });
            }
          }
          const wholeBodies: Array<[string, Buffer | string, Record<string, string>?]> = [
            ['not JSON', '{"type": '],
            ['null', 'null'],
            ['an array', '[]'],
            ['a string', '"chat.missed"'],
            ['empty object', '{}'],
            ['too deep', '['.repeat(5000) + ']'.repeat(5000)],
            ['over the limit', JSON.stringify({ ...(base as object), padding: 'x'.repeat(BODY_LIMIT) })],
            ['invalid UTF-8', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')])],
            ['a BOM', `\ufeff${validBody ?? '{}'}`],
            ['UTF-16 declared', validBody ?? '{}', { 'content-type': 'application/json; charset=utf-16' }],
            ['text/plain', validBody ?? '{}', { 'content-type': 'text/plain' }],
            ['a duplicate key', `{"a": 1, "a": 2, ${(validBody ?? '{}').slice(1)}`],
            ['lone surrogate escapes in every string', (validBody ?? '{}').replace(/":\s*"/g, '": "\\ud800')],
          ];
          for (const [label, body, headers] of wholeBodies) await attempt(`whole body ${label}`, { method: operation.method, path, key, body, headers });
        }

        const mine = outcomes.slice(start);
        expect(mine.length).toBeGreaterThan(5);
        expect(mine.filter((o) => o.problem !== null).map((o) => `${o.label} → ${o.status}: ${o.problem}`)).toEqual([]);
      },
      // The hook operations send a few hundred requests each; a loaded machine must not turn that into a timeout.
      180_000,
    );

    it('when every case has run, then each operation was really exercised: most hostile requests refused, none a 5xx', () => {
      const refused = outcomes.filter((o) => o.status >= 400 && o.status < 500).length;
      expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
      expect(refused / outcomes.length).toBeGreaterThan(0.8);
      expect(outcomes.length).toBeGreaterThan(2500);
    });
  });
}

fuzz('sqlite');
if (TEST_DATABASE_URL) {
  let database: TestDatabase | undefined;
  fuzz(
    'postgres',
    async () => {
      database = await createTestDatabase(TEST_DATABASE_URL!, 'deskhooks_fuzz');
      return database.url;
    },
    async () => database?.drop(),
  );
}
