import { InvalidCursorError } from '../../domain/errors';
import type { Page } from '../store';

/** Page sizes outside this range are clamped (the same bounds as the SQLite store). */
const MAX_PAGE = 1000;

/**
 * Cursors are opaque to clients: base64url of the last served row's `seq` (the SQLite store's
 * format). Keyset paging on seq keeps every page an index range scan, however deep.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`, 'utf8').toString('base64url');
}

/** The seq the next page starts after, or null for the first page. */
export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^s(\d{1,15})$/.exec(text);
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}

export function pageLimit(limit: number): number {
  return Math.max(1, Math.min(Math.floor(limit) || 1, MAX_PAGE));
}

/** Rows fetched with `LIMIT limit + 1`: the extra row only tells whether another page exists. */
export function toPage<T>(rows: Array<Record<string, unknown>>, limit: number, map: (row: Record<string, unknown>) => T): Page<T> {
  const more = rows.length > limit;
  const served = more ? rows.slice(0, limit) : rows;
  return {
    items: served.map(map),
    nextCursor: more ? encodeCursor(Number(served[served.length - 1].seq)) : null,
  };
}
