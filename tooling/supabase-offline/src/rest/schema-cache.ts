import { type Pool } from 'pg';
import { quoteIdent } from './sql';
import { viewColumnsQuery, viewForeignKeys, type ViewColumnRow } from './view-relationships';

export interface Column {
  name: string;
  type: string;
}

export interface Relation {
  name: string;
  isView: boolean;
  columns: Map<string, Column>;
  primaryKey: string[];
  /** Column sets with a unique constraint or unique index (the primary key included). */
  uniqueKeys: string[][];
}

export interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export interface FunctionArg {
  name: string;
  type: string;
}

export interface DbFunction {
  name: string;
  args: FunctionArg[];
  /** How many trailing arguments have defaults and may be omitted. */
  defaultCount: number;
  returnsSet: boolean;
  /** 'void', 'scalar' (any non-composite type) or 'composite' (a row). */
  returnKind: 'void' | 'scalar' | 'composite';
  /** The table whose row type the function returns, which makes its result embeddable. */
  returnTable: string | null;
  /** Columns of a RETURNS TABLE (...) or OUT-parameter result. */
  resultColumns: Column[];
  volatility: 'i' | 's' | 'v';
  /** The relation whose row type is the one argument of `fn(table)`: a computed field or relationship. */
  rowArgTable: string | null;
  /** The planner's row estimate (`ROWS n`); `rows 1` makes a computed relationship to-one. */
  estimatedRows: number;
  /** Whether the last argument is VARIADIC. */
  variadic: boolean;
}

export interface Schema {
  name: string;
  relations: Map<string, Relation>;
  foreignKeys: ForeignKey[];
  functions: Map<string, DbFunction[]>;
  /** Type names a `::cast` may use, mapped to their schema-qualified, quoted SQL name. */
  types: Map<string, string>;
}

// The SQL spellings of built-in types whose catalog names differ.
const typeAliases: Record<string, string> = {
  int: 'int4',
  integer: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  boolean: 'bool',
  real: 'float4',
  float: 'float8',
  decimal: 'numeric',
};

const relationsQuery = `
  select c.relname as name, c.relkind in ('v', 'm') as is_view,
    coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod))
      order by a.attnum) filter (where a.attnum is not null), '[]') as columns
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f')
  group by c.oid, c.relname, c.relkind`;

const keysQuery = `
  select c.relname as table_name, i.indisprimary as is_primary,
    array(select a.attname from unnest(i.indkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord)::text[] as columns
  from pg_index i
  join pg_class c on c.oid = i.indrelid
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = $1 and i.indisunique and i.indpred is null and i.indexprs is null`;

const foreignKeysQuery = `
  select con.conname as name, c.relname as table_name, rc.relname as referenced_table,
    array(select a.attname from unnest(con.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord)::text[] as columns,
    array(select a.attname from unnest(con.confkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.ord)::text[] as referenced_columns
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_class rc on rc.oid = con.confrelid
  join pg_namespace rn on rn.oid = rc.relnamespace
  where con.contype = 'f' and n.nspname = $1 and rn.nspname = $1`;

const functionsQuery = `
  select p.proname as name, p.proretset as returns_set, p.pronargdefaults as default_count,
    p.provolatile as volatility, t.typtype as return_typtype, t.typname as return_typname,
    rc.relname as return_table, rn.nspname as return_table_schema,
    p.prorows::float8 as estimated_rows, p.provariadic <> 0 as variadic,
    (select ac.relname from pg_type at join pg_class ac on ac.oid = at.typrelid
       join pg_namespace an on an.oid = ac.relnamespace
       where p.pronargs = 1 and at.oid = p.proargtypes[0] and an.nspname = $1
         and ac.relkind in ('r', 'p', 'v', 'm', 'f')) as row_arg_table,
    coalesce(p.proargnames, '{}') as arg_names, coalesce(p.proargmodes::text[], '{}') as arg_modes,
    array(select format_type(x, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) x) as arg_types
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_type t on t.oid = p.prorettype
  left join pg_class rc on rc.oid = t.typrelid
  left join pg_namespace rn on rn.oid = rc.relnamespace
  where n.nspname = $1 and p.prokind = 'f'`;

const typesQuery = `
  select n.nspname as schema, t.typname as name
  from pg_type t join pg_namespace n on n.oid = t.typnamespace
  where n.nspname in ('pg_catalog', $1) and t.typtype in ('b', 'd', 'e', 'r', 'm') and t.typname not like '\\_%'`;

interface FunctionRow {
  name: string;
  returns_set: boolean;
  default_count: number;
  volatility: 'i' | 's' | 'v';
  return_typtype: string;
  return_typname: string;
  return_table: string | null;
  return_table_schema: string | null;
  estimated_rows: number;
  variadic: boolean;
  row_arg_table: string | null;
  arg_names: string[];
  arg_modes: string[];
  arg_types: string[];
}

function toFunction(row: FunctionRow, schemaName: string): DbFunction {
  const args: FunctionArg[] = [];
  const resultColumns: Column[] = [];
  row.arg_types.forEach((type, index) => {
    const mode = row.arg_modes[index] ?? 'i';
    const name = row.arg_names[index] ?? '';
    if (mode === 'i' || mode === 'b' || mode === 'v') args.push({ name, type });
    if (mode === 't' || mode === 'o' || mode === 'b') resultColumns.push({ name, type });
  });
  const returnKind =
    row.return_typname === 'void'
      ? 'void'
      : row.return_typtype === 'c' || row.return_typname === 'record' || resultColumns.length > 0
        ? 'composite'
        : 'scalar';
  return {
    name: row.name,
    args,
    defaultCount: row.default_count,
    returnsSet: row.returns_set,
    returnKind,
    returnTable: row.return_table_schema === schemaName ? row.return_table : null,
    resultColumns,
    volatility: row.volatility,
    rowArgTable: row.row_arg_table,
    estimatedRows: row.estimated_rows,
    variadic: row.variadic,
  };
}

/** Reads the exposed schema's tables, views, keys, foreign keys and functions from the catalog. */
async function loadSchema(pool: Pool, schemaName: string): Promise<Schema> {
  const [relations, keys, foreignKeys, functions, types, viewColumns] = await Promise.all([
    pool.query<{ name: string; is_view: boolean; columns: Column[] }>(relationsQuery, [schemaName]),
    pool.query<{ table_name: string; is_primary: boolean; columns: string[] }>(keysQuery, [schemaName]),
    pool.query<{
      name: string;
      table_name: string;
      referenced_table: string;
      columns: string[];
      referenced_columns: string[];
    }>(foreignKeysQuery, [schemaName]),
    pool.query<FunctionRow>(functionsQuery, [schemaName]),
    pool.query<{ schema: string; name: string }>(typesQuery, [schemaName]),
    pool.query<ViewColumnRow>(viewColumnsQuery, [schemaName]),
  ]);
  const schema: Schema = {
    name: schemaName,
    relations: new Map(),
    foreignKeys: [],
    functions: new Map(),
    types: new Map(),
  };
  for (const type of types.rows)
    schema.types.set(type.name, `${quoteIdent(type.schema)}.${quoteIdent(type.name)}`);
  for (const [alias, name] of Object.entries(typeAliases)) {
    const sql = schema.types.get(name);
    if (sql) schema.types.set(alias, sql);
  }
  for (const row of relations.rows) {
    schema.relations.set(row.name, {
      name: row.name,
      isView: row.is_view,
      columns: new Map(row.columns.map((column) => [column.name, column])),
      primaryKey: [],
      uniqueKeys: [],
    });
  }
  for (const key of keys.rows) {
    const relation = schema.relations.get(key.table_name);
    if (!relation) continue;
    if (key.is_primary) relation.primaryKey = key.columns;
    relation.uniqueKeys.push(key.columns);
  }
  schema.foreignKeys = foreignKeys.rows.map((row) => ({
    name: row.name,
    table: row.table_name,
    columns: row.columns,
    referencedTable: row.referenced_table,
    referencedColumns: row.referenced_columns,
  }));
  schema.foreignKeys.push(...viewForeignKeys(schema, viewColumns.rows));
  for (const row of functions.rows) {
    const overloads = schema.functions.get(row.name) ?? [];
    overloads.push(toFunction(row, schemaName));
    schema.functions.set(row.name, overloads);
  }
  return schema;
}

/**
 * The schema cache: loaded at start and reloaded on demand, when a request names a table,
 * column or function the cache does not know (PostgREST reloads on a NOTIFY instead).
 */
export class SchemaCache {
  private current: Promise<Schema>;
  private reloading: Promise<Schema> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly schemaName: string,
  ) {
    this.current = loadSchema(pool, schemaName);
  }

  get(): Promise<Schema> {
    return this.current;
  }

  /** Concurrent misses share one reload; a failed reload keeps the previous cache. */
  reload(): Promise<Schema> {
    this.reloading ??= loadSchema(this.pool, this.schemaName)
      .then((schema) => {
        this.current = Promise.resolve(schema);
        return schema;
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }
}
