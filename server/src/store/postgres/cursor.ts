/** Paging helpers for the PostgreSQL store; the cursor format itself is shared (../cursor.ts). */
import { encodeCursor } from '../cursor';
import type { Page } from '../store';

/** Page sizes outside this range are clamped (the same bounds as the SQLite store). */
const MAX_PAGE = 1000;

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
