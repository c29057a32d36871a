import type { Pool, PoolClient, QueryResult } from 'pg';

/** A pool or one checked-out connection: data-access helpers run on either. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<QueryResult<any>>;
  /** A named query config: prepared once per connection (the hot statements). */
  query(config: { name: string; text: string; values?: unknown[] }): Promise<QueryResult<any>>;
}

/**
 * Runs `work` in one transaction on one connection. A connection whose ROLLBACK fails is discarded
 * rather than returned to the pool in an unknown state.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
