import type { JSONValue } from 'convex/values';

/**
 * Query journals, for gapless reactive pagination. A deployment records, the first time a query
 * runs, where its `paginate()` page ended, sends that as the subscription's `journal`, and re-runs
 * the query with it, so a page keeps its range while rows come and go (it grows or shrinks rather
 * than shifting); the client hands the journal back when it subscribes again (after a reconnect).
 * A deployment's runtime records it inside `paginate()`; convex-test's public API cannot reach
 * there, so here it is recorded around the call, for the idiom paginated queries follow: a
 * `paginationOpts` argument (paginationOptsValidator) and a PaginationResult returned. The journal
 * is `{"endCursor": …}` and a re-run passes it as `paginationOpts.endCursor`, which convex-test's
 * paginate() honours as a deployment's does.
 */
export type Journal = string | null;

interface PaginationArgs {
  [name: string]: JSONValue;
  paginationOpts: { [name: string]: JSONValue };
}

/** The arguments a query re-runs with: its page's end cursor from the journal, if any. */
export function withJournal(args: JSONValue, journal: Journal): JSONValue {
  if (journal === null || !isPaginated(args)) return args;
  const { endCursor } = JSON.parse(journal) as { endCursor: string };
  return { ...args, paginationOpts: { ...args.paginationOpts, endCursor } };
}

/** The journal after a run: kept once recorded, else the page's end cursor if it was a first page run. */
export function journalAfter(args: JSONValue, result: JSONValue, journal: Journal): Journal {
  if (journal !== null || !isPaginated(args) || args.paginationOpts.endCursor != null) return journal;
  const cursor = (result as { continueCursor?: unknown } | null)?.continueCursor;
  return typeof cursor === 'string' ? JSON.stringify({ endCursor: cursor }) : null;
}

/** A journal the client sends back: one this server wrote, or none. */
export function parseJournal(value: unknown): Journal | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value) as { endCursor?: unknown };
    return typeof parsed.endCursor === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function isPaginated(args: JSONValue): args is PaginationArgs {
  const options = (args as { paginationOpts?: unknown } | null)?.paginationOpts;
  return typeof options === 'object' && options !== null && !Array.isArray(options);
}
