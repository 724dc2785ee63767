import { type ClientBase, type Pool } from 'pg';
import { PUBLICATION } from './change-feed';
import { describeBinding, type Filter } from './filters';

export interface TableColumn {
  name: string;
  /** pg_type.typname, what Realtime sends in `columns[].type` (int4, text, timestamptz…). */
  type: string;
  /** format_type(): a catalog-made type name, safe to put in SQL as a cast target. */
  sqlType: string;
  primaryKey: boolean;
}

export interface TableInfo {
  oid: number;
  schema: string;
  table: string;
  rlsEnabled: boolean;
  columns: TableColumn[];
}

/** Reads a published table's shape from pg_catalog (by oid, as the WAL names it). */
export async function readTable(client: ClientBase, oid: number): Promise<TableInfo | null> {
  const { rows } = await client.query<{
    schema: string;
    table: string;
    rls_enabled: boolean;
    columns: TableColumn[];
  }>(
    `select n.nspname as schema, c.relname as table, c.relrowsecurity as rls_enabled,
       (select json_agg(json_build_object(
           'name', a.attname, 'type', t.typname, 'sqlType', format_type(a.atttypid, a.atttypmod),
           'primaryKey', coalesce(a.attnum = any(i.indkey), false)) order by a.attnum)
        from pg_attribute a
        join pg_type t on t.oid = a.atttypid
        left join pg_index i on i.indrelid = c.oid and i.indisprimary
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.oid = $1`,
    [oid],
  );
  const row = rows[0];
  return row
    ? { oid, schema: row.schema, table: row.table, rlsEnabled: row.rls_enabled, columns: row.columns }
    : null;
}

export interface BindingRequest {
  event: string;
  schema: string;
  table: string;
  filter: Filter | null;
}

/**
 * Realtime's checks when a channel subscribes: the table must be in the supabase_realtime
 * publication, the filter's column must exist and its value must cast to the column's type.
 * Returns Realtime's error message, or null when the binding is fine.
 */
export async function checkBinding(
  client: Pool | ClientBase,
  binding: BindingRequest,
): Promise<string | null> {
  const params = describeBinding(binding);
  const { rows } = await client.query<{ published: boolean }>(
    `select exists(
       select from pg_publication_tables
       where pubname = $1 and ($2 = '*' or schemaname = $2) and ($3 = '*' or tablename = $3)) as published`,
    [PUBLICATION, binding.schema, binding.table],
  );
  if (!rows[0]?.published) {
    return `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: ${params}`;
  }
  const { filter } = binding;
  if (!filter) return null;
  const failure = (reason: string) =>
    `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: ${params}. Exception: ${reason}`;
  const column = await client.query<{ sql_type: string }>(
    `select format_type(a.atttypid, a.atttypmod) as sql_type
     from pg_attribute a
     where a.attrelid = to_regclass(format('%I.%I', $1::text, $2::text)) and a.attname = $3
       and a.attnum > 0 and not a.attisdropped`,
    [binding.schema, binding.table, filter.column],
  );
  const sqlType = column.rows[0]?.sql_type;
  if (!sqlType) return failure(`ERROR P0001 (raise_exception) invalid column for filter ${filter.column}`);
  try {
    await client.query(`select $1::text[]::${sqlType}[]`, [filter.values]);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return failure(`ERROR ${code ?? 'XX000'} ${message}`);
  }
  return null;
}
