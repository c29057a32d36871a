/**
 * The CLI's failures as one-line messages a developer can act on, and the exit code each one ends with:
 * 1 for a failure (the server refused, could not be reached, answered an error), 2 for a usage mistake.
 */
import { DeskhooksError } from '../deskhooks-client';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/** The network code under a fetch/undici failure (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`…). */
export function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const nested = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(nested) && nested.length) {
      const inner = networkCode(nested[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'no answer in time',
  UND_ERR_SOCKET: 'the connection was closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is self-signed',
};

/** "connection refused" rather than "fetch failed". */
export function networkReason(error: unknown): string {
  const code = networkCode(error);
  if (code && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  if (code) return code;
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown })?.cause;
  return cause instanceof Error && message === 'fetch failed' ? cause.message : message;
}

/** True for failures that happened before any HTTP answer came back. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof DeskhooksError || error instanceof CliError) return false;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  const code = networkCode(error);
  // Only connection-level codes: a bug's ERR_INVALID_ARG_TYPE must not read as "server unreachable".
  return code !== undefined && (code in NETWORK_REASONS || code.startsWith('UND_ERR') || /^E[A-Z]+$/.test(code));
}

/** Turns whatever an API call threw into the CLI's one-line message. */
export function describeApiFailure(error: unknown, serverUrl: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof DeskhooksError) {
    if (error.status === 401 || error.status === 403) {
      const detail = error.problem?.detail ? ` (${error.problem.detail})` : '';
      return new CliError(
        `The server at ${serverUrl} refused the API key: ${error.status} ${error.problem?.title ?? 'Unauthorized'}${detail}. Pass a tenant key with --key or DESKHOOKS_API_KEY.`,
      );
    }
    return new CliError(error.message);
  }
  if (isNetworkError(error)) {
    return new CliError(`Cannot reach the deskhooks server at ${serverUrl}: ${networkReason(error)}. Is it running? Set --server or DESKHOOKS_URL.`);
  }
  return new CliError(error instanceof Error ? error.message : String(error));
}
