/** The conformance check the API suite relies on must itself catch drift. */
import { ConformanceError, assertConformance, findOperation } from '../helpers/openapi-conformance';

const json = { 'content-type': 'application/json; charset=utf-8' };
const problemJson = { 'content-type': 'application/problem+json; charset=utf-8' };
const tenant = { id: 'ten_1', name: 'A', webhooksEnabled: true, createdAt: '2026-01-01T00:00:00.000Z' };

describe('the OpenAPI conformance check', () => {
  it('when a path matches a literal and a template, then the literal operation wins', () => {
    expect(findOperation('GET', '/v1/hooks/deleted')!.operationId).toBe('listDeletedHooks');
    expect(findOperation('GET', '/v1/hooks/hook_1')!.operationId).toBe('getHook');
    expect(findOperation('GET', '/v1/unknown')).toBeUndefined();
  });

  it('when a response matches its documented schema, then it passes', () => {
    expect(() =>
      assertConformance({ method: 'GET', path: '/v1/me', status: 200, headers: json, body: { tenant, key: { id: 'k', name: 'n', role: 'tenant' } } }),
    ).not.toThrow();
  });

  it('when a required field is missing or mistyped, then it fails naming the field', () => {
    expect(() => assertConformance({ method: 'GET', path: '/v1/me', status: 200, headers: json, body: { key: { id: 'k', name: 'n', role: 'tenant' } } })).toThrow(
      /tenant/,
    );
    expect(() =>
      assertConformance({ method: 'GET', path: '/v1/settings', status: 200, headers: json, body: { webhooksEnabled: 'yes' } }),
    ).toThrow(ConformanceError);
  });

  it('when the status is not documented for the operation, then it fails (only problems may fall to `default`)', () => {
    expect(() => assertConformance({ method: 'GET', path: '/healthz', status: 200, headers: json, body: { status: 'ok' } })).not.toThrow();
    expect(() => assertConformance({ method: 'GET', path: '/healthz', status: 201, headers: json, body: { status: 'ok' } })).toThrow(/getHealth default/);
    expect(() => assertConformance({ method: 'DELETE', path: '/v1/api-keys/k', status: 200, headers: json, body: {} })).toThrow(/media type|documents no body/);
  });

  it('when an error is not problem+json, then it fails', () => {
    expect(() => assertConformance({ method: 'GET', path: '/v1/hooks/x', status: 404, headers: json, body: { message: 'nope' } })).toThrow(/media type/);
    expect(() => assertConformance({ method: 'GET', path: '/nowhere', status: 404, headers: json, body: {} })).toThrow(/problem\+json/);
    expect(() =>
      assertConformance({ method: 'GET', path: '/nowhere', status: 404, headers: problemJson, body: { type: 't', title: 'Not found', status: 404 } }),
    ).not.toThrow();
  });

  it('when a documented Location header is missing or relative, then it fails', () => {
    const body = { tenant, apiKey: { id: 'k', tenantId: 'ten_1', name: 'n', role: 'tenant', prefix: 'p', createdAt: tenant.createdAt, revokedAt: null, key: 'dhk_x' } };
    expect(() => assertConformance({ method: 'POST', path: '/v1/tenants', status: 201, headers: json, body })).toThrow(/Location/);
    expect(() => assertConformance({ method: 'POST', path: '/v1/tenants', status: 201, headers: { ...json, location: '/v1/tenants/ten_1' }, body })).toThrow(
      /absolute/,
    );
    expect(() =>
      assertConformance({ method: 'POST', path: '/v1/tenants', status: 201, headers: { ...json, location: 'https://x.example/v1/tenants/ten_1' }, body }),
    ).not.toThrow();
  });
});
