import { validateHookSettings } from '../../server/src/rules/hook-settings';

const publicResolver = async () => ['93.184.216.34'];
const strict = { allowInsecureTargets: false, resolve: publicResolver };

describe('validateHookSettings', () => {
  test('when every setting is valid, then there are no errors', async () => {
    const errors = await validateHookSettings(
      {
        url: 'https://hooks.example.com/tickets/{{ data.ticket.id }}?status={{ data.status }}',
        method: 'PUT',
        format: 'template',
        template: { body: '{"text": "{{ data.ticket.summary }}"}', contentType: 'json' },
        auth: { type: 'api_key', headerName: 'X-Api-Key', value: 'k1' },
        headers: { 'X-Source': 'deskhooks' },
        filter: { 'data.status': 'missed', 'data.n': { $gte: 2 } },
        retryPolicy: { type: 'custom', delays: [10, 60, 600] },
      },
      strict,
    );
    expect(errors).toEqual([]);
  });

  test('when the URL is plain http and insecure targets are off, then /url says https is required', async () => {
    const errors = await validateHookSettings({ url: 'http://hooks.example.com/in' }, strict);
    expect(errors).toEqual([{ pointer: '/url', detail: expect.stringContaining('must use https') }]);
  });

  test('when insecure targets are allowed, then http to loopback passes without resolving', async () => {
    const resolve = jest.fn(publicResolver);
    const errors = await validateHookSettings({ url: 'http://127.0.0.1:8080/in' }, { allowInsecureTargets: true, resolve });
    expect(errors).toEqual([]);
    expect(resolve).not.toHaveBeenCalled();
  });

  test('when the host resolves to a private address, then /url names the address and the rule', async () => {
    const errors = await validateHookSettings({ url: 'https://intranet.example/hook' }, { allowInsecureTargets: false, resolve: async () => ['10.0.0.5'] });
    expect(errors).toEqual([{ pointer: '/url', detail: 'is refused: host intranet.example resolves to 10.0.0.5, a private address' }]);
  });

  test('when the host is an IPv4-mapped loopback literal, then /url is refused without resolving', async () => {
    const resolve = jest.fn(publicResolver);
    const errors = await validateHookSettings({ url: 'https://[::ffff:127.0.0.1]/x' }, { allowInsecureTargets: false, resolve });
    expect(errors[0].detail).toMatch(/IPv4-mapped form of 127\.0\.0\.1, a loopback address/);
    expect(resolve).not.toHaveBeenCalled();
  });

  test.each([
    ['https://{{ data.host }}/x', /only in its path and query/],
    ['https://hooks.example.com/{{ data.ticket.id', /Liquid error/],
    ['not a url', /valid absolute URL/],
    ['ftp://hooks.example.com/x', /must use https, not ftp/],
    ['https://user:pw@hooks.example.com/x', /credentials/],
  ])('when the URL is %s, then /url is refused', async (url, detail) => {
    const errors = await validateHookSettings({ url }, strict);
    expect(errors).toHaveLength(1);
    expect(errors[0].pointer).toBe('/url');
    expect(errors[0].detail).toMatch(detail);
  });

  test.each([
    ['webhook-signature', /deskhooks sets webhook-signature itself/],
    ['Webhook-Id', /deskhooks sets Webhook-Id itself/],
    ['Host', /itself/],
    ['Content-Length', /itself/],
    ['content-type', /itself/],
    ['Bad Name', /not a valid header name/],
  ])('when a custom header is named %s, then it is refused at /headers/<name>', async (name, detail) => {
    const errors = await validateHookSettings({ headers: { [name]: 'v' } }, strict);
    expect(errors).toEqual([{ pointer: `/headers/${name}`, detail: expect.stringMatching(detail) }]);
  });

  test('when a header value holds CR/LF, then it is refused', async () => {
    const errors = await validateHookSettings({ headers: { 'X-Foo': 'a\r\nX-Injected: 1' } }, strict);
    expect(errors).toEqual([{ pointer: '/headers/X-Foo', detail: 'must not contain CR or LF' }]);
  });

  test('when a custom Authorization header competes with bearer auth, then it is refused', async () => {
    const errors = await validateHookSettings({ auth: { type: 'bearer', token: 't' }, headers: { Authorization: 'x' } }, strict);
    expect(errors).toEqual([{ pointer: '/headers/Authorization', detail: expect.stringContaining('conflicts with auth (bearer)') }]);
  });

  test('when the api_key header name is reserved or the token holds a newline, then the auth fields are named', async () => {
    const errors = await validateHookSettings({ auth: { type: 'api_key', headerName: 'webhook-signature', value: 'a\nb' } }, strict);
    expect(errors.map((e) => e.pointer)).toEqual(['/auth/headerName', '/auth/value']);
  });

  test('when a basic username holds a colon, then /auth/username is refused', async () => {
    const errors = await validateHookSettings({ auth: { type: 'basic', username: 'a:b', password: 'p' } }, strict);
    expect(errors).toEqual([{ pointer: '/auth/username', detail: expect.stringContaining('colon') }]);
  });

  test('when format is template without a template, then /template is required', async () => {
    const errors = await validateHookSettings({ format: 'template' }, strict);
    expect(errors).toEqual([{ pointer: '/template', detail: expect.stringContaining('is required') }]);
  });

  test('when the template lacks a content type and does not compile, then both fields are named', async () => {
    const errors = await validateHookSettings({ format: 'template', template: { body: '{% if %}' } }, strict);
    expect(errors.map((e) => e.pointer)).toEqual(['/template/contentType', '/template/body']);
  });

  test('when the template includes a file, then it is refused', async () => {
    const errors = await validateHookSettings({ format: 'template', template: { body: "{% include '/etc/passwd' %}", contentType: 'xml' } }, strict);
    expect(errors).toEqual([{ pointer: '/template/body', detail: expect.stringContaining('include tag is not available') }]);
  });

  test('when the template uses an unknown filter, then it is refused', async () => {
    const errors = await validateHookSettings({ format: 'template', template: { body: '{{ data | nope }}', contentType: 'form' } }, strict);
    expect(errors[0].detail).toMatch(/undefined filter: nope/);
  });

  test.each([
    [{ 'data.status': { $nope: 1 } }, '/filter/data.status/$nope', /operator \$nope, which filters do not allow/],
    [{ $where: 'return true' }, '/filter/$where', /operator \$where, which filters do not allow/],
    [{ $and: 1 }, '/filter', /Array/],
    [{ 'data.s': { $regex: '(' } }, '/filter', /regular expression/],
    [[1, 2], '/filter', /must be an object/],
  ])('when the filter is %j, then %s is refused', async (filter, pointer, detail) => {
    const errors = await validateHookSettings({ filter }, strict);
    expect(errors).toEqual([{ pointer, detail: expect.stringMatching(detail) }]);
  });

  test('when the filter is null, then it is valid (no filter)', async () => {
    expect(await validateHookSettings({ filter: null }, strict)).toEqual([]);
  });

  test.each([
    [{ type: 'custom' }, '/retryPolicy/delays', /is required/],
    [{ type: 'custom', delays: [10, 0] }, '/retryPolicy/delays/1', /whole number of seconds/],
    [{ type: 'custom', delays: Array.from({ length: 51 }, () => 1) }, '/retryPolicy/delays', /at most 50/],
    [{ type: 'custom', delays: [604800, 604800, 604800, 604800, 604800] }, '/retryPolicy/delays', /30 days/],
    [{ type: 'standard', delays: [1] }, '/retryPolicy/delays', /only used with type custom/],
  ])('when the retry policy is %j, then %s is refused', async (retryPolicy, pointer, detail) => {
    const errors = await validateHookSettings({ retryPolicy }, strict);
    expect(errors).toEqual([{ pointer, detail: expect.stringMatching(detail) }]);
  });

  test('when the method and format are unknown, then both are named', async () => {
    const errors = await validateHookSettings({ method: 'TRACE', format: 'csv' }, strict);
    expect(errors.map((e) => e.pointer)).toEqual(['/method', '/format']);
  });
});
