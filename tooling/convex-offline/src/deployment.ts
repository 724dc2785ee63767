import { randomBytes } from 'node:crypto';
import { convexTest, type TestConvexForDataModel } from 'convex-test';
import {
  makeFunctionReference,
  type FunctionReference,
  type GenericDataModel,
  type UserIdentity,
} from 'convex/server';
import { convexToJson, jsonToConvex, type ConvexError, type JSONValue, type Value } from 'convex/values';
import type { ConvexApp, FunctionKind } from './app';
import { captureLogLines } from './logs';
import { argumentError, type IdTable } from './validate';

/** Who calls: an identity from a verified token, the admin key (may call internal functions), or nobody. */
export interface Caller {
  identity?: Partial<UserIdentity> | undefined;
  admin?: boolean;
}

/** A function's failure, in the shape every Convex client receives it. */
export class FunctionError extends Error {
  constructor(
    message: string,
    /** The ConvexError's data as Convex JSON; absent for any other error. */
    readonly errorData?: JSONValue,
  ) {
    super(message);
  }
}

/** A call's outcome and the lines its `console` calls wrote, as the clients' `logLines` carry them. */
export type FunctionResult = ({ ok: true; value: JSONValue } | { ok: false; error: FunctionError }) & {
  logLines: string[];
};

type AnyTestConvex = TestConvexForDataModel<GenericDataModel>;

const KIND_NAMES: Record<FunctionKind, string> = { query: 'Query', mutation: 'Mutation', action: 'Action' };

/**
 * The app's functions on one convex-test backend, run one at a time: each call (and each batch of
 * subscription reads) holds the lock for its whole run, so every read sees one committed snapshot
 * and writers never interleave. After every call that may write, the timestamp moves on and the
 * write listeners (the sync sessions) run.
 */
export class Deployment {
  private t: AnyTestConvex;
  private lock: Promise<unknown> = Promise.resolve();
  private timestamp = BigInt(Date.now()) * 1_000_000n;
  private readonly writeListeners = new Set<() => void>();
  private scheduledTimer: NodeJS.Timeout | undefined;
  private readonly idTable: IdTable;

  private constructor(
    readonly app: ConvexApp,
    schema: Awaited<ReturnType<ConvexApp['schema']>>,
  ) {
    this.t = convexTest(schema, app.modules) as unknown as AnyTestConvex;
    this.idTable = idTableOf(schema ? Object.keys(schema.tables) : undefined);
  }

  static async create(app: ConvexApp): Promise<Deployment> {
    return new Deployment(app, await app.schema());
  }

  /** The timestamp of the latest write: what a Transition's endVersion and a MutationResponse carry. */
  get ts(): bigint {
    return this.timestamp;
  }

  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** Runs `work` holding the lock: nothing writes while it reads. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Calls a function by path as a client would: `kind` is the endpoint's (undefined for
   * `/api/function`, which runs whatever the path names). Arguments and result are Convex JSON.
   */
  async call(
    kind: FunctionKind | undefined,
    path: string,
    args: JSONValue,
    caller: Caller,
  ): Promise<FunctionResult> {
    const { ran, result } = await this.exclusive(() => this.callLocked(kind, path, args, caller));
    // A failed mutation rolled back; an action may have written before it failed.
    if (ran === 'action' || (ran === 'mutation' && result.ok)) this.wrote();
    return result;
  }

  /** A query inside `exclusive` (a batch of subscriptions read at one snapshot). */
  async queryLocked(path: string, args: JSONValue, caller: Caller): Promise<FunctionResult> {
    return (await this.callLocked('query', path, args, caller)).result;
  }

  /** An HTTP action (convex/http.ts) on the site URL; anything but GET/HEAD/OPTIONS may write. */
  async fetch(pathAndQuery: string, init: RequestInit): Promise<Response> {
    const response = await this.exclusive(() => this.t.fetch(pathAndQuery, init));
    if (!['GET', 'HEAD', 'OPTIONS'].includes(init.method ?? 'GET')) this.wrote();
    return response;
  }

  stop(): void {
    clearTimeout(this.scheduledTimer);
    this.writeListeners.clear();
  }

  private async callLocked(
    kind: FunctionKind | undefined,
    path: string,
    args: JSONValue,
    caller: Caller,
  ): Promise<{ ran?: FunctionKind; result: FunctionResult }> {
    const found = await this.app.lookup(path).catch((error: unknown) => {
      throw new Error(`Loading the module of ${path} failed`, { cause: error });
    });
    if (!found || (found.visibility === 'internal' && !caller.admin)) {
      // A deployment answers an internal function exactly as a missing one.
      const message = caller.admin
        ? `Could not find function for '${path}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`
        : `Could not find public function for '${path}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`;
      return { result: failed(serverError(message)) };
    }
    if (kind && found.kind !== kind) {
      const message = `Trying to execute ${path} as ${KIND_NAMES[kind]}, but it is defined as ${KIND_NAMES[found.kind]}.`;
      return { result: failed(serverError(message)) };
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      const error = serverError(
        `ArgumentValidationError: The arguments to a Convex function must be an object. Received: ${JSON.stringify(args)}`,
      );
      return { result: failed(error) };
    }
    const accessor = caller.identity ? this.t.withIdentity(caller.identity) : this.t;
    const reference = makeFunctionReference(path) as FunctionReference<FunctionKind, 'public'>;
    let decoded: Record<string, Value>;
    try {
      decoded = jsonToConvex(args) as Record<string, Value>;
      const invalid = argumentError(found.argsValidator, decoded, this.idTable);
      // A deployment checks the arguments before the function runs (ValidatedPathAndArgs in the
      // backend's crates/isolate), and returns the failure as the function's own error: HTTP 560,
      // a failed MutationResponse / ActionResponse or a QueryFailed. Nothing ran, nothing wrote.
      if (invalid) return { result: failed(serverError(`ArgumentValidationError: ${invalid}`)) };
    } catch (error) {
      return { result: failed(toFunctionError(error)) };
    }
    const { outcome, logLines } = await captureLogLines(() =>
      invoke(accessor, found.kind, reference, decoded),
    );
    const result: FunctionResult = outcome.ok
      ? { ok: true, value: convexToJson(outcome.value === undefined ? null : outcome.value), logLines }
      : { ok: false, error: toFunctionError(outcome.error), logLines };
    return { ran: found.kind, result };
  }

  // Moves the clock past a write and tells the listeners; then watches for scheduled functions,
  // which convex-test runs on its own timers, to report their writes too.
  private wrote(): void {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.timestamp = now > this.timestamp ? now : this.timestamp + 1n;
    for (const listener of this.writeListeners) listener();
    void this.watchScheduled();
  }

  private async watchScheduled(): Promise<void> {
    const pending = await this.exclusive(() =>
      this.t.run(async (ctx) =>
        (await ctx.db.system.query('_scheduled_functions').collect())
          .filter((job) => job.state.kind === 'pending' || job.state.kind === 'inProgress')
          .map((job) => job.scheduledTime),
      ),
    );
    if (pending.length === 0) return;
    clearTimeout(this.scheduledTimer);
    const delay = Math.max(0, Math.min(...pending) - Date.now()) + 10;
    this.scheduledTimer = setTimeout(() => {
      void this.exclusive(() => this.t.finishInProgressScheduledFunctions()).then(() => this.wrote());
    }, delay);
  }
}

function invoke(
  accessor: AnyTestConvex,
  kind: FunctionKind,
  reference: FunctionReference<FunctionKind, 'public'>,
  args: Record<string, Value>,
): Promise<Value | undefined> {
  // convex-test's signatures are conditional on the reference type; at FunctionReference they take (ref, args).
  if (kind === 'query') return accessor.query(reference as FunctionReference<'query'>, args);
  if (kind === 'mutation') return accessor.mutation(reference as FunctionReference<'mutation'>, args);
  return accessor.action(reference as FunctionReference<'action'>, args);
}

// convex-test's IDs are a counter followed by the table's name; an ID names a table of the schema
// (any table without one) or a system table, else it is no ID at all.
function idTableOf(tables: string[] | undefined): IdTable {
  return (id) => {
    const table = /^[0-9]+([A-Za-z_][A-Za-z0-9_]*)$/.exec(id)?.[1];
    if (!table) return undefined;
    if (table.startsWith('_'))
      return ['_scheduled_functions', '_storage'].includes(table) ? { table, system: true } : undefined;
    return !tables || tables.includes(table) ? { table, system: false } : undefined;
  };
}

function failed(error: FunctionError): FunctionResult {
  return { ok: false, error, logLines: [] };
}

function requestId(): string {
  return randomBytes(8).toString('hex');
}

// A deployment's message for a failure outside the function's own code (no such function, …).
function serverError(message: string): FunctionError {
  return new FunctionError(`[Request ID: ${requestId()}] Server Error\n${message}`);
}

// A dev deployment's message for an error the function threw, with ConvexError data kept exact.
function toFunctionError(error: unknown): FunctionError {
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : String(error);
  const message = `[Request ID: ${requestId()}] Server Error\nUncaught ${name}: ${text}`;
  if (isConvexError(error)) return new FunctionError(message, convexToJson(error.data as Value));
  return new FunctionError(message);
}

// The functions load their own copy of `convex/values`, so `instanceof` would miss their class;
// ConvexError marks its instances with a registered symbol for exactly this.
function isConvexError(error: unknown): error is ConvexError<Value> {
  return (
    error instanceof Error &&
    (error as unknown as Record<symbol, unknown>)[Symbol.for('ConvexError')] === true
  );
}
