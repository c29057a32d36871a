/** Which of a hook's signing secrets sign now (a rotation keeps the previous one for an overlap). */
import type { HookRecord, HookSecret } from '../store/store';

/** The secrets that sign now: the current one and any older one still inside its overlap window. */
export function activeSecrets(hook: HookRecord, now: number): HookSecret[] {
  return hook.secrets.filter((secret) => secret.expiresAt === null || secret.expiresAt > now);
}
