import { type ClientBase } from 'pg';
import { type Claims } from '../keys';
import { type RowChange, type TextRow } from './change-feed';
import { readTable, type TableColumn, type TableInfo } from './catalog';
import { type Filter, sqlOperator } from './filters';

export type ChangeEvent = 'INSERT' | 'UPDATE' | 'DELETE' | '*';

export interface Binding {
  id: number;
  event: ChangeEvent;
  schema: string;
  table: string;
  filter: Filter | null;
}

/** A joined channel with postgres_changes bindings, acting as the role and claims of its token. */
export interface Listener {
  role: string;
  claims: Claims;
  bindings: Binding[];
  send(payload: { ids: number[]; data: Record<string, unknown> }): void;
}

type JsonRow = Record<string, unknown>;

/**
 * Delivers one committed transaction to the listeners, change by change, as Realtime's walrus
 * decides it: bindings by table, event and filter; columns the role may not SELECT left out; for
 * INSERT and UPDATE, the row must be visible to the subscriber under RLS (a DELETE is not checked,
 * and carries only the primary key when RLS is on — Supabase documents both).
 *
 * One difference, on purpose: walrus asks whether the row with that primary key is visible *now*;
 * here it must also still hold the values of the change. A change superseded before it was
 * checked is skipped (the newer one follows), so a draft that was published in the meantime is
 * never delivered with its draft contents.
 */
export async function dispatch(
  client: ClientBase,
  changes: RowChange[],
  listeners: Listener[],
): Promise<void> {
  const tables = new Map<number, TableInfo | null>();
  for (const change of changes) {
    const candidates = listeners
      .map((listener) => ({ listener, bindings: listener.bindings.filter((b) => matches(b, change)) }))
      .filter(({ bindings }) => bindings.length > 0);
    if (candidates.length === 0) continue;
    if (!tables.has(change.relationOid))
      tables.set(change.relationOid, await readTable(client, change.relationOid));
    const table = tables.get(change.relationOid);
    if (!table) continue;
    await deliver(client, change, table, candidates);
  }
}

const matches = (binding: Binding, change: RowChange): boolean =>
  (binding.event === '*' || binding.event === change.type) &&
  (binding.schema === '*' || binding.schema === change.schema) &&
  (binding.table === '*' || binding.table === change.table);

async function deliver(
  client: ClientBase,
  change: RowChange,
  table: TableInfo,
  candidates: { listener: Listener; bindings: Binding[] }[],
): Promise<void> {
  // Filters test the new row, or the old one of a DELETE.
  const row = (change.type === 'DELETE' ? change.oldRecord : change.record) ?? {};
  const passing = await evaluateFilters(
    client,
    table,
    row,
    candidates.flatMap((c) => c.bindings),
  );
  const [record, oldRecord] = await Promise.all([
    toJson(client, table, change.record),
    toJson(client, table, change.oldRecord),
  ]);
  const selectable = new Map<string, Set<string>>();
  const visible = new Map<string, boolean>();
  const primaryKey = table.columns.filter((column) => column.primaryKey);

  for (const { listener, bindings } of candidates) {
    const ids = bindings.filter((binding) => passing.has(binding)).map((binding) => binding.id);
    if (ids.length === 0) continue;
    const { role } = listener;
    if (!selectable.has(role)) selectable.set(role, await selectableColumns(client, table, role));
    const columns = selectable.get(role)!;
    const base = {
      schema: change.schema,
      table: change.table,
      commit_timestamp: change.commitTimestamp,
      type: change.type,
      columns: table.columns
        .filter((column) => columns.has(column.name))
        .map(({ name, type }) => ({ name, type })),
    };
    if (change.type !== 'DELETE') {
      const error =
        primaryKey.length === 0
          ? 'Error 400: Bad Request, no primary key'
          : primaryKey.some((column) => !columns.has(column.name))
            ? 'Error 401: Unauthorized'
            : null;
      if (error) {
        listener.send({
          ids,
          data: { schema: base.schema, table: base.table, type: base.type, errors: [error] },
        });
        continue;
      }
      if (table.rlsEnabled) {
        const key = JSON.stringify([role, listener.claims]);
        if (!visible.has(key)) visible.set(key, await isVisible(client, table, change.record!, listener));
        if (!visible.get(key)) continue;
      }
    }
    const pick = (source: JsonRow | null, keep: (column: TableColumn) => boolean) =>
      source &&
      Object.fromEntries(
        table.columns
          .filter((column) => columns.has(column.name) && keep(column) && source[column.name] !== undefined)
          .map((column) => [column.name, source[column.name]]),
      );
    const everyColumn = () => true;
    const data: Record<string, unknown> = { ...base, errors: null };
    if (change.type !== 'DELETE') data.record = pick(record, everyColumn);
    // Without REPLICA IDENTITY FULL the WAL logs no old row for an update that keeps its key;
    // the old record is then the key, taken from the new row (as wal2json's identity gives it).
    if (change.type === 'UPDATE') {
      data.old_record = pick(oldRecord, everyColumn) ?? pick(record, (column) => column.primaryKey);
    }
    if (change.type === 'DELETE') {
      data.old_record = pick(oldRecord, table.rlsEnabled ? (column) => column.primaryKey : everyColumn);
    }
    listener.send({ ids, data });
  }
}

/** Which bindings' filters the row passes, compared by PostgreSQL in the column's type. */
async function evaluateFilters(
  client: ClientBase,
  table: TableInfo,
  row: TextRow,
  bindings: Binding[],
): Promise<Set<Binding>> {
  const passing = new Set(bindings.filter((binding) => binding.filter === null));
  const filtered = bindings.filter((binding) => binding.filter !== null);
  if (filtered.length === 0) return passing;
  const params: unknown[] = [];
  const tests = filtered.map(({ filter }) => {
    const column = table.columns.find((candidate) => candidate.name === filter!.column);
    const value = row[filter!.column];
    if (!column || value === undefined || value === null) return 'false';
    params.push(value, filter!.values);
    const left = `$${params.length - 1}::text::${column.sqlType}`;
    const right = `$${params.length}::text[]::${column.sqlType}[]`;
    return filter!.op === 'in'
      ? `coalesce(${left} = any(${right}), false)`
      : `coalesce(${left} ${sqlOperator(filter!.op)} (${right})[1], false)`;
  });
  const { rows } = await client.query<{ results: boolean[] }>(
    `select array[${tests.join(', ')}] as results`,
    params,
  );
  rows[0]?.results.forEach((passes, index) => {
    if (passes) passing.add(filtered[index]!);
  });
  return passing;
}

/** Each column as Realtime's realtime.cast gives it: to_jsonb of the value in its own type. */
async function toJson(client: ClientBase, table: TableInfo, row: TextRow | null): Promise<JsonRow | null> {
  if (!row) return null;
  const present = table.columns.filter((column) => row[column.name] !== undefined);
  if (present.length === 0) return {};
  const { rows } = await client.query<{ values: unknown[] }>(
    `select jsonb_build_array(${present.map((c, i) => `to_jsonb($${i + 1}::text::${c.sqlType})`).join(', ')}) as values`,
    present.map((column) => row[column.name]),
  );
  const values = rows[0]?.values ?? [];
  return Object.fromEntries(present.map((column, index) => [column.name, values[index] ?? null]));
}

async function selectableColumns(client: ClientBase, table: TableInfo, role: string): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `select a.attname as name from pg_attribute a
     where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped
       and exists (select from pg_roles where rolname = $2)
       and has_column_privilege($2, a.attrelid, a.attnum, 'SELECT')`,
    [table.oid, role],
  );
  return new Set(rows.map((row) => row.name));
}

/**
 * Is the row, as this change committed it, visible to the listener? Asked as PostgREST asks:
 * the subscriber's role and JWT claims set for one transaction, RLS deciding.
 */
async function isVisible(
  client: ClientBase,
  table: TableInfo,
  record: TextRow,
  listener: Listener,
): Promise<boolean> {
  const params: unknown[] = [];
  const conditions = table.columns
    .filter((column) => record[column.name] !== undefined)
    .map((column) => {
      params.push(record[column.name]);
      const name = `t.${quoteIdent(column.name)}`;
      const value = `$${params.length}::text`;
      // format('%s') prints with the type's output function, as the WAL does.
      return column.primaryKey
        ? `${name} = ${value}::${column.sqlType}`
        : `(case when ${name} is null then ${value} is null else format('%s', ${name}) = ${value} end)`;
    });
  await client.query('begin');
  try {
    await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
      listener.role,
      JSON.stringify(listener.claims),
    ]);
    const { rows } = await client.query<{ visible: boolean }>(
      `select exists(select 1 from ${quoteIdent(table.schema)}.${quoteIdent(table.table)} t
                     where ${conditions.join(' and ')}) as visible`,
      params,
    );
    return rows[0]?.visible === true;
  } catch {
    // No privilege, or a policy that fails for this subscriber: not visible to them.
    return false;
  } finally {
    await client.query('rollback');
  }
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
