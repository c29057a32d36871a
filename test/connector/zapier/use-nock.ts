import nock from 'nock';

/**
 * nock for one test file, network disabled. The interceptor is re-applied on start and disposed at the
 * end: jest gives each file fresh modules, and an interceptor left over by an earlier file in the same
 * worker would stop intercepting (the loopback guard then refuses the connection).
 */
export function useNock(): void {
  beforeAll(() => {
    nock.restore();
    nock.activate();
    nock.disableNetConnect();
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });
}
