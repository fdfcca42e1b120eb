import type Database from "better-sqlite3";
import { SQLiteDeleteBase, SQLiteInsertBase, SQLiteSelectBase, SQLiteUpdateBase } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { dialectOf, markDialect } from "../dialect";

/**
 * The handle a query function passes to helpers while inside its own transaction. It is a Db:
 * on PostgreSQL Drizzle's transaction object (one pooled connection), on SQLite a view of the
 * same connection whose statements are told apart from other async operations' (see below).
 */
export type Tx = Db;

/*
 * SQLite transactions across `await`.
 *
 * better-sqlite3 is synchronous and Drizzle's SQLite transaction callback must be synchronous
 * too, but query functions are async and written once for both dialects. So on SQLite a
 * transaction is BEGIN IMMEDIATE … COMMIT on the single connection around an async body. While
 * that body awaits, other async operations (other requests, other jobs) keep running on the same
 * connection; any statement of theirs would land inside our transaction and be committed or
 * rolled back with it. To prevent that, every connection that has had a transaction gets a gate:
 * a FIFO mutex that a transaction holds from BEGIN to COMMIT/ROLLBACK (one per file, see below). Awaited Drizzle builders
 * (select, insert, update, delete) and the prepared statements run through `runPrepared` check
 * it: a statement of the transaction itself (its builders carry the transaction's own session
 * object) runs at once; any other waits its turn behind the transaction. With no transaction
 * open the check is one WeakMap lookup and a boolean, and nothing waits.
 *
 * Not gated: synchronous Drizzle calls (`.get()`, `.all()`, `.run()`) and statements on
 * `db.$client` made outside the query functions (tests and benchmarks that seed or inspect the
 * file directly while nothing else runs).
 */

class Gate {
  private locked = false;
  private readonly waiters: (() => void)[] = [];
  /** The session object of the open transaction, whose own statements pass the gate. */
  owner: object | null = null;

  get busy(): boolean {
    return this.locked;
  }

  acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Hands the lock to the next waiter (FIFO) without unlocking in between, so nobody barges in. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}

/*
 * One gate per database file, not per connection: a process may open the same file twice (the
 * tests run two workers in one process that way). A second connection's BEGIN IMMEDIATE or write
 * would otherwise find the file locked by our open transaction and busy-wait synchronously,
 * which blocks the very event loop that transaction needs to finish. In-memory databases are
 * private to their connection.
 */
const fileGates = new Map<string, Gate>();
const memoryGates = new WeakMap<Database.Database, Gate>();

function existingGate(client: Database.Database): Gate | undefined {
  return client.memory ? memoryGates.get(client) : fileGates.get(client.name);
}
/** SQLite transaction handles → their savepoint depth (for nested transaction calls). */
const sqliteHandles = new WeakMap<object, { depth: number }>();

function gateOf(client: Database.Database): Gate {
  let gate = existingGate(client);
  if (!gate) {
    gate = new Gate();
    if (client.memory) memoryGates.set(client, gate);
    else fileGates.set(client.name, gate);
  }
  return gate;
}

interface WithSession {
  session?: { client?: unknown };
}

/** True when a statement of `session` must wait for another operation's transaction to end. */
function mustWait(session: WithSession["session"]): Gate | undefined {
  const client = session?.client as Database.Database | undefined;
  if (!client) return undefined;
  const gate = existingGate(client);
  if (!gate?.busy || gate.owner === session) return undefined;
  return gate;
}

/** Runs `run` (synchronous, on the connection) once the gate lets statements of `session` through. */
async function whenOpen<T>(gate: Gate, run: () => T | Promise<T>): Promise<T> {
  await gate.acquire();
  try {
    return await run();
  } finally {
    gate.release();
  }
}

// Awaiting a Drizzle SQLite builder calls its `execute`; gate it (once, for the whole process).
// Builders of other dialects, and builders on connections that never had a transaction, pass.
for (const Builder of [SQLiteSelectBase, SQLiteInsertBase, SQLiteUpdateBase, SQLiteDeleteBase]) {
  const proto = Builder.prototype as unknown as { execute: (...args: unknown[]) => Promise<unknown> };
  const execute = proto.execute;
  if ((execute as { gated?: boolean }).gated) continue;
  const gated = function (this: WithSession, ...args: unknown[]) {
    const gate = mustWait(this.session);
    return gate ? whenOpen(gate, () => execute.apply(this, args)) : execute.apply(this, args);
  };
  (gated as { gated?: boolean }).gated = true;
  proto.execute = gated;
}

/**
 * Runs `run` (a synchronous use of the SQLite connection, such as a prepared statement) on
 * behalf of `q` once no other operation's transaction is open; at once when none is, so the hot
 * read paths stay synchronous. Only for SQLite handles.
 */
export function whenConnectionFree<T>(q: Db, run: () => T): T | Promise<T> {
  const session = (q as unknown as { session: WithSession["session"] }).session;
  const gate = mustWait(session);
  return gate ? whenOpen(gate, run) : run();
}

type PgTransactional = { transaction<T>(body: (tx: unknown) => Promise<T>): Promise<T> };

/**
 * Runs `body` in one transaction and returns its result; a throw rolls everything back and is
 * rethrown. Called with a transaction handle (a helper inside another query function's
 * transaction), it nests as a savepoint: a throw undoes the inner part only.
 *
 * PostgreSQL: Drizzle's `transaction` on a pooled connection (READ COMMITTED; query functions
 * take row locks with {@link forUpdate} where a read decides a write).
 * SQLite: BEGIN IMMEDIATE (the write lock up front, so two processes never deadlock upgrading a
 * read lock) … COMMIT on the one connection, behind the connection's gate (see above). The body
 * must use `tx`, never the outer `db`: a statement on `db` would wait for this very transaction.
 */
export async function transaction<T>(db: Db, body: (tx: Tx) => Promise<T>): Promise<T> {
  if (dialectOf(db) === "postgres") {
    return (db as unknown as PgTransactional).transaction(async (tx) => {
      markDialect(tx as object, "postgres");
      return body(tx as Db);
    });
  }
  const nested = sqliteHandles.get(db);
  if (nested) return savepoint(db, nested, body);
  const client = db.$client;
  const gate = gateOf(client);
  await gate.acquire();
  // A view of `db` with a session object of its own: builders made from it carry that session,
  // which is how the gate recognises the transaction's statements.
  const session = Object.create((db as unknown as { session: object }).session) as object;
  const tx = Object.create(db, { session: { value: session } }) as Db;
  sqliteHandles.set(tx, { depth: 0 });
  gate.owner = session;
  try {
    client.exec("BEGIN IMMEDIATE");
    try {
      const result = await body(tx);
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    }
  } finally {
    sqliteHandles.delete(tx);
    gate.owner = null;
    gate.release();
  }
}

async function savepoint<T>(tx: Db, state: { depth: number }, body: (tx: Tx) => Promise<T>): Promise<T> {
  const name = `sp${++state.depth}`;
  const client = tx.$client;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await body(tx);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    client.exec(`ROLLBACK TO ${name}`);
    client.exec(`RELEASE ${name}`);
    throw error;
  } finally {
    state.depth -= 1;
  }
}

/**
 * `query … FOR UPDATE` on PostgreSQL (with SKIP LOCKED when asked), unchanged on SQLite.
 *
 * PostgreSQL runs transactions of several processes side by side (READ COMMITTED), so a read
 * that decides a write (a token still unused, the last admin, a delivery or key to claim) locks
 * its rows until commit; `skipLocked` lets concurrent claimers (workers) take disjoint rows
 * instead of queueing behind each other. SQLite needs neither and has no such clause: a
 * transaction takes the database's single write lock at BEGIN IMMEDIATE, so no other writer
 * runs between its read and its write.
 */
export function forUpdate<T>(db: Db, query: T, options: { skipLocked?: boolean } = {}): T {
  if (dialectOf(db) !== "postgres") return query;
  const locking = query as unknown as { for(strength: "update", config: { skipLocked?: boolean }): T };
  return locking.for("update", options.skipLocked ? { skipLocked: true } : {});
}
