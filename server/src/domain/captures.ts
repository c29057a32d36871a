/**
 * The inspector's captures (issue #18): list, read, clear, and replay one to a URL. A replay sends the
 * captured method, headers (the original signature) and body byte for byte, through the engine's
 * outbound client, so it obeys the same HTTPS-only policy, SSRF guard, timeout and no-redirect rule as
 * a delivery; it records nothing.
 */
import type { AppDeps } from '../app-deps';
import { isRedactedValue } from '../rules/inspector';
import { validateHookSettings } from '../rules/hook-settings';
import type { CaptureRecord, Page } from '../store/store';
import { NotFoundError, ValidationError } from './errors';
import { getHook } from './hooks';

const REPLAY_BODY_CHARS = 2048;

export interface ReplayResult {
  status: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
}

export async function listCaptures(
  deps: AppDeps,
  tenantId: string,
  hookId: string,
  page: { limit: number; cursor?: string | null },
): Promise<Page<CaptureRecord>> {
  await getHook(deps, tenantId, hookId);
  return deps.store.listCaptures({ tenantId, hookId, ...page });
}

export async function getCapture(deps: AppDeps, tenantId: string, hookId: string, id: string): Promise<CaptureRecord> {
  await getHook(deps, tenantId, hookId);
  const capture = await deps.store.getCapture(tenantId, hookId, id);
  if (!capture) throw new NotFoundError(`No capture ${id} for hook ${hookId}.`);
  return capture;
}

export async function clearCaptures(deps: AppDeps, tenantId: string, hookId: string): Promise<void> {
  await getHook(deps, tenantId, hookId);
  await deps.store.clearCaptures(tenantId, hookId);
}

export async function replayCapture(deps: AppDeps, tenantId: string, hookId: string, id: string, url: string): Promise<ReplayResult> {
  const capture = await getCapture(deps, tenantId, hookId, id);
  const refused = await validateHookSettings({ url }, { allowInsecureTargets: deps.config.allowInsecureTargets });
  if (/\{\{|\{%/.test(url)) refused.push({ pointer: '/url', detail: 'must be a plain URL (no Liquid tags): the captured request is sent as it is' });
  if (refused.length > 0) throw new ValidationError('The capture cannot be replayed to this URL.', refused.map((f) => ({ ...f, location: 'body' as const })));
  const http = deps.engine.http?.();
  if (!http) throw new Error('replay needs the delivery engine\'s HTTP client');
  // Redacted secrets are not the real values: sending `[redacted]` as a credential helps nobody.
  const headers = Object.fromEntries(Object.entries(capture.request.headers).filter(([, value]) => !isRedactedValue(value)));
  const result = await http.send({ url, method: capture.request.method, headers, body: capture.request.method === 'GET' ? null : capture.request.body });
  if (result.kind === 'response') {
    return { status: result.status, durationMs: Math.round(result.durationMs), responseBody: result.body.slice(0, REPLAY_BODY_CHARS), error: null };
  }
  return { status: null, durationMs: Math.round(result.durationMs), responseBody: null, error: result.error };
}
