import nock from 'nock';
import { API_KEY, App, NOCK_SERVER, appTester, authData, errorMessage, rejection } from './zapier-app';
import { useNock } from './use-nock';

const ME = {
  tenant: { id: 'ten_01', name: 'Harbour IT', webhooksEnabled: true, createdAt: '2026-03-01T00:00:00Z' },
  key: { id: 'key_01', name: 'zapier', role: 'tenant', prefix: 'dhk_test' },
};

useNock();

describe('Zapier authentication', () => {
  it('when the connection is tested, then it calls GET /v1/me with the key as a bearer token and returns who it is', async () => {
    const scope = nock(NOCK_SERVER, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/v1/me')
      .reply(200, ME);

    const result = await appTester(App.authentication.test, { authData: authData() });

    expect(result).toEqual(ME);
    expect(scope.isDone()).toBe(true);
  });

  it('when the server URL has a trailing slash or a path prefix, then the API path is appended once', async () => {
    const scope = nock(NOCK_SERVER).get('/deskhooks/v1/me').reply(200, ME);

    await appTester(App.authentication.test, { authData: authData(`${NOCK_SERVER}/deskhooks/`) });

    expect(scope.isDone()).toBe(true);
  });

  it('when the test has passed, then the connection label names the tenant and the key, never the key itself', async () => {
    const label = await appTester(App.authentication.connectionLabel, { authData: authData(), inputData: ME });

    expect(label).toBe('Harbour IT (key: zapier)');
    expect(label).not.toContain(API_KEY);
  });

  it('when the label is asked for without the test result, then it asks the server who the key belongs to', async () => {
    const scope = nock(NOCK_SERVER).get('/v1/me').reply(200, ME);

    const label = await appTester(App.authentication.connectionLabel, { authData: authData(), inputData: {} });

    expect(label).toBe('Harbour IT (key: zapier)');
    expect(scope.isDone()).toBe(true);
  });

  it('when the server refuses the key, then the test fails saying the API key was refused', async () => {
    nock(NOCK_SERVER)
      .get('/v1/me')
      .reply(
        401,
        { type: 'https://deskhooks.dev/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'The API key is unknown or revoked.' },
        { 'Content-Type': 'application/problem+json' },
      );

    const error = await rejection(appTester(App.authentication.test, { authData: authData() }));

    expect(error.name).toBe('ExpiredAuthError');
    expect(errorMessage(error)).toContain('the API key was refused');
    expect(errorMessage(error)).toContain('The API key is unknown or revoked.');
    expect(errorMessage(error)).not.toContain(API_KEY);
  });

  it('when the server URL is plain http to another machine, then nothing is sent and the error asks for https', async () => {
    const error = await rejection(appTester(App.authentication.test, { authData: authData('http://deskhooks.example.com') }));

    expect(errorMessage(error)).toContain('must start with https://');
  });

  it('when the server URL is not a URL, then the error says how to write it', async () => {
    const error = await rejection(appTester(App.authentication.test, { authData: authData('deskhooks') }));

    expect(errorMessage(error)).toContain('is not a URL');
  });

  it('when a request goes to a host other than the server, then the API key is not attached', async () => {
    const other = nock('https://elsewhere.example.com', { badheaders: ['authorization'] })
      .get('/file')
      .reply(200, { ok: true });

    const response = await appTester(
      async (z: any) => (await z.request({ url: 'https://elsewhere.example.com/file' })).data,
      { authData: authData() },
    );

    expect(response).toEqual({ ok: true });
    expect(other.isDone()).toBe(true);
  });

  it('when the server URL lookalike host shares a prefix, then the key is not attached to it', async () => {
    const lookalike = nock('https://deskhooks.example.com.evil.example', { badheaders: ['authorization'] })
      .get('/v1/me')
      .reply(200, ME);

    await appTester(
      async (z: any) => (await z.request({ url: 'https://deskhooks.example.com.evil.example/v1/me' })).data,
      { authData: authData() },
    );

    expect(lookalike.isDone()).toBe(true);
  });
});
