/**
 * Store operations written once for both dialects, as generators that yield the queries they need.
 * Each dialect runs them its own way: SQLite synchronously, inside one IMMEDIATE transaction that
 * nothing else in the process can enter meanwhile; PostgreSQL with an await per query, on one
 * connection. A plain async function could not do the first: its awaits would let other work of this
 * process run inside SQLite's open transaction.
 */
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import type { Row, Schema } from './columns';

export type Op = { kind: 'rows' | 'run'; query: CompiledQuery } | { kind: 'exec'; script: string } | { kind: 'wake' };

/** A unit of work: yields queries, is sent back their rows (or changed-row counts), returns T. */
export type Work<T> = Generator<Op, T, unknown>;

interface Compilable {
  compile(): CompiledQuery;
}

/**
 * A query of a fixed shape compiled once, on first use; each call only binds its arguments. For the
 * reads every request makes (its key, its tenant, a hook), where compiling anew would cost more than
 * running the statement. `build` must use each argument as a bound value and nothing else.
 */
export function fixedShape<A extends unknown[]>(build: (...args: A) => Compilable): (...args: A) => Compilable {
  let compiled: CompiledQuery | undefined;
  let slots: number[] = [];
  return (...args: A) => {
    if (!compiled) {
      const markers = args.map((_, slot) => ({ slot }));
      compiled = build(...(markers as A)).compile();
      slots = compiled.parameters.map((parameter) => markers.indexOf(parameter as { slot: number }));
      if (slots.includes(-1)) throw new Error(`fixedShape: a parameter of ${compiled.sql} is not an argument`);
    }
    const query: CompiledQuery = { ...compiled, parameters: slots.map((slot) => args[slot]) };
    return { compile: () => query };
  };
}

/** The rows a query returns. */
export function* rows(query: Compilable): Work<Row[]> {
  return (yield { kind: 'rows', query: query.compile() }) as Row[];
}

export function* first(query: Compilable): Work<Row | undefined> {
  return (yield* rows(query))[0];
}

/** Runs a statement; returns how many rows it changed. */
export function* run(query: Compilable): Work<number> {
  return (yield { kind: 'run', query: query.compile() }) as number;
}

/** Runs a script of several statements without parameters (a migration). */
export function* exec(script: string): Work<void> {
  yield { kind: 'exec', script };
}

/** Wakes idle workers (on every node) once the work's writes are committed. */
export function* wake(): Work<void> {
  yield { kind: 'wake' };
}

/**
 * Drives a unit of work: `execute` runs each query (synchronously or not, as the dialect does) and a
 * failure is thrown back into the work, so its own try/catch sees it. Returns the work's result and
 * whether it asked to wake workers.
 */
export function drive<T>(work: Work<T>, execute: (op: Op) => unknown): { value: T; woke: boolean } {
  let woke = false;
  let step = work.next();
  while (!step.done) {
    const op = step.value;
    let result: unknown;
    let failure: { error: unknown } | null = null;
    try {
      if (op.kind === 'wake') woke = true;
      result = execute(op);
    } catch (error) {
      failure = { error };
    }
    step = failure ? work.throw(failure.error) : work.next(result);
  }
  return { value: step.value, woke };
}

export async function driveAsync<T>(work: Work<T>, execute: (op: Op) => Promise<unknown>): Promise<{ value: T; woke: boolean }> {
  let woke = false;
  let step = work.next();
  while (!step.done) {
    const op = step.value;
    let result: unknown;
    let failure: { error: unknown } | null = null;
    try {
      if (op.kind === 'wake') woke = true;
      result = await execute(op);
    } catch (error) {
      failure = { error };
    }
    step = failure ? work.throw(failure.error) : work.next(result);
  }
  return { value: step.value, woke };
}

/**
 * A query builder that only compiles (the stores execute with their own drivers): SQLite's and
 * PostgreSQL's SQL from the same typed calls.
 */
export function queryBuilder(dialect: 'sqlite' | 'postgres'): Kysely<Schema> {
  const sqlite = dialect === 'sqlite';
  return new Kysely<Schema>({
    dialect: {
      createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
      createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
  });
}
