/**
 * The one migration runner of both dialects. Migrations are numbered SQL files per dialect
 * (`NNN_name.sql`); a file not named so is refused, not skipped, and a database whose schema is newer
 * than this build is refused before anything changes, with the same words on both. Each dialect runs
 * the work in one transaction under its own lock (SQLite's IMMEDIATE write lock; PostgreSQL's
 * transaction-scoped advisory lock), so nodes starting together apply each migration once.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import path from 'node:path';
import type { Schema } from './columns';
import { exec, rows, run, type Work } from './unit-of-work';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class SchemaTooNewError extends Error {
  constructor(newest: number, known: number) {
    super(`the database schema is at version ${newest}, newer than this deskhooks build knows (${known})`);
    this.name = 'SchemaTooNewError';
  }
}

/** `001_init.sql` → version 1. */
export function readMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{3})_([a-z0-9_-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration file ${file} must be named NNN_name.sql`);
      return { version: Number(match[1]), name: match[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') };
    });
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(`two migrations share version ${migrations[i].version}: ${migrations[i - 1].name}, ${migrations[i].name}`);
    }
  }
  return migrations;
}

/** What differs: how the dialect takes its lock and defines its bookkeeping table. */
export interface MigrationDialect {
  lock: string | null;
  table: string;
  appliedAt: () => unknown;
}

/** Applies the migrations not yet recorded; returns their versions. Run it in one transaction. */
export function* migrationWork(q: Kysely<Schema>, dialect: MigrationDialect, migrations: Migration[]): Work<number[]> {
  if (dialect.lock) yield* exec(dialect.lock);
  yield* exec(dialect.table);
  const applied = new Set((yield* rows(q.selectFrom('schema_migrations').select('version'))).map((row) => Number(row.version)));
  const newest = Math.max(0, ...applied);
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  // A newer build already migrated this database; running older code against it is unsafe.
  if (newest > known) throw new SchemaTooNewError(newest, known);
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    try {
      yield* exec(migration.sql);
    } catch (error) {
      throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
    }
    yield* run(q.insertInto('schema_migrations').values({ version: migration.version, name: migration.name, applied_at: dialect.appliedAt() }));
    done.push(migration.version);
  }
  return done;
}
