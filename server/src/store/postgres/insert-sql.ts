/**
 * Multi-row INSERTs for PostgreSQL's hot paths (the outbox), built from the shared column mapping as
 * text with numbered placeholders, so one can be embedded in a larger statement (a CTE) that does
 * more in the same round trip.
 */
import { postgresCodec, type Table } from '../columns';

/** `INSERT INTO table (cols) VALUES ($n…), …`; placeholders continue after the `values` already given. */
export function insertSql<R>(table: Table<R>, records: readonly R[], values: unknown[] = []): { text: string; values: unknown[] } {
  const tuples = records.map(
    (record) => `(${table.entries.map(([field, , kind]) => `$${values.push(postgresCodec.write(kind, record[field]))}`).join(', ')})`,
  );
  return { text: `INSERT INTO ${table.name} (${table.entries.map(([, column]) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values };
}
