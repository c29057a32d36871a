/**
 * The Zapier app as the tests load it: the CommonJS app from connector/zapier with zapier-platform-core's
 * app tester, plus the deep key sets used to compare item shapes.
 */
import path from 'node:path';

// The app is plain JavaScript that Zapier runs on its own; load it the way Zapier does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zapier = require('zapier-platform-core');

export const APP_DIR = path.resolve(__dirname, '../../../connector/zapier');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const App: any = require(APP_DIR);

export type AppTester = (method: any, bundle?: Record<string, unknown>) => Promise<any>;
export const appTester: AppTester = zapier.createAppTester(App);
export const createAppHandler: (app: unknown) => (event: Record<string, unknown>) => Promise<any> = zapier.createAppHandler;

/** A server URL nock answers for; nothing ever leaves the machine (net connect is disabled). */
export const NOCK_SERVER = 'https://deskhooks.example.com';
export const API_KEY = 'dhk_test_0123456789abcdef';

export function authData(serverUrl = NOCK_SERVER, apiKey = API_KEY): { serverUrl: string; apiKey: string } {
  return { serverUrl, apiKey };
}

/**
 * Every key path of a value, arrays collapsed to `[]` (the union over their items), e.g.
 * `data.chat.users[].company.name`. Two items with the same set map to the same Zapier fields.
 */
export function deepKeys(value: unknown, prefix = ''): string[] {
  const keys = new Set<string>();
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, `${at}[]`);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const next = at ? `${at}.${key}` : key;
        keys.add(next);
        visit(child, next);
      }
    }
  };
  visit(value, prefix);
  return [...keys].sort();
}

/** A Zapier app error's message is JSON (`{message, code, status}`); plain errors carry text. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(message);
    return typeof parsed.message === 'string' ? parsed.message : message;
  } catch {
    return message;
  }
}

/** The first rejection of a promise (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
