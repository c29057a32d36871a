/**
 * "The store cannot answer right now" as one named error, whatever the backend: PostgreSQL down,
 * unreachable, restarting or out of connections, or the SQLite file locked by another process for
 * longer than the busy timeout. The HTTP error handler answers it 503 with Retry-After (the request
 * changed nothing and can be repeated), never 500.
 */

export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    /** Seconds a client should wait before trying again. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Node socket errors that mean the database is not reachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);

/**
 * PostgreSQL SQLSTATEs that say "not now" rather than "wrong query": class 08 (connection exception),
 * shutting down or starting up (57P01-57P03), too many connections (53300), statement timeout /
 * cancelled (57014).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014'].includes(code);
}

/** pg's own messages for a connection that is gone or could not be had in time. */
const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /Connection closed/i,
];

/** Returns the error as a StoreUnavailableError when it means the store is unavailable or busy, else null. */
export function asStoreUnavailable(error: unknown, depth = 0): StoreUnavailableError | null {
  if (error === null || typeof error !== 'object' || depth > 5) return null;
  if (error instanceof StoreUnavailableError) return error;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    // better-sqlite3: another connection holds the lock past busy_timeout.
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new StoreUnavailableError('The database is busy (locked by another process); try again shortly.', 1, { cause: error });
    }
    // The file became read-only, the disk is full or failing: an operator has to act, clients can wait.
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL' || code.startsWith('SQLITE_CANTOPEN')) {
      return new StoreUnavailableError('The database cannot be written right now; try again later.', 30, { cause: error });
    }
    if (NETWORK_CODES.has(code) || isUnavailableSqlState(code)) {
      return new StoreUnavailableError('The database is unavailable; try again shortly.', 5, { cause: error });
    }
  }
  if (name === 'DatabaseUnreachableError' || PG_MESSAGES.some((pattern) => pattern.test(text)) || text === 'the store is closed') {
    return new StoreUnavailableError('The database is unavailable; try again shortly.', 5, { cause: error });
  }
  // `localhost` resolving to both ::1 and 127.0.0.1 fails with an AggregateError of both refusals.
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => asStoreUnavailable(inner, depth + 1))) {
    return new StoreUnavailableError('The database is unavailable; try again shortly.', 5, { cause: error });
  }
  return asStoreUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
