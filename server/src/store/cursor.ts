import { InvalidCursorError } from '../domain/errors';

/**
 * Page cursors, the same for every store, so a cursor means the same thing whichever backend issued it.
 * Cursors are opaque to clients: the base64url of the last served row's `seq`. Pages are keyset ranges
 * on `seq`, so rows inserted meanwhile neither repeat nor shift a page, and every page is an index
 * range scan however deep.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`, 'utf8').toString('base64url');
}

/** The seq after which (newest first: before which) the next page starts, or null for the first page. */
export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^s(\d{1,15})$/.exec(text);
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}
