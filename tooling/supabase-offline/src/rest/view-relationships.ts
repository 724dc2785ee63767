import { type ForeignKey, type Schema } from './schema-cache';

// Where each view column comes from: the `resorigtbl`/`resorigcol` of the view query's target
// entries (what libpq reports as a result column's table), read from the stored rewrite rule as
// PostgREST does. Names are printed with backslash escapes.
export const viewColumnsQuery = `
  select v.relname as view_name, m[1] as column_name, t.relname as table_name, a.attname as table_column
  from pg_class v
  join pg_namespace vn on vn.oid = v.relnamespace
  join pg_rewrite r on r.ev_class = v.oid
  cross join lateral regexp_matches(r.ev_action::text,
    ':resname ((?:[^\\s\\\\]|\\\\.)+) :ressortgroupref \\d+ :resorigtbl (\\d+) :resorigcol (\\d+)', 'g') as m
  join pg_class t on t.oid = m[2]::oid
  join pg_namespace tn on tn.oid = t.relnamespace and tn.nspname = $1
  join pg_attribute a on a.attrelid = t.oid and a.attnum = m[3]::int
  where vn.nspname = $1 and v.relkind in ('v', 'm')`;

export interface ViewColumnRow {
  view_name: string;
  column_name: string;
  table_name: string;
  table_column: string;
}

/**
 * Foreign keys seen through views, so views embed like their tables: a view column that comes
 * from exactly one table column stands for it. Columns of several origins are left out.
 */
export function viewForeignKeys(schema: Schema, rows: ViewColumnRow[]): ForeignKey[] {
  const origins = new Map<string, Map<string, Set<string>>>();
  for (const row of rows) {
    const column = row.column_name.replaceAll(/\\(.)/g, '$1');
    if (!schema.relations.get(row.view_name)?.columns.has(column)) continue;
    const columns = origins.get(row.view_name) ?? new Map<string, Set<string>>();
    columns.set(column, (columns.get(column) ?? new Set()).add(`${row.table_name}.${row.table_column}`));
    origins.set(row.view_name, columns);
  }
  const derived: ForeignKey[] = [];
  for (const [view, columns] of origins) {
    const viewColumnOf = (table: string, column: string): string | undefined =>
      [...columns].find(([, sources]) => sources.size === 1 && sources.has(`${table}.${column}`))?.[0];
    const mapAll = (table: string, tableColumns: string[]): string[] | null => {
      const mapped = tableColumns.map((column) => viewColumnOf(table, column));
      return mapped.every((column) => column !== undefined) ? (mapped as string[]) : null;
    };
    for (const foreignKey of schema.foreignKeys) {
      const outgoing = mapAll(foreignKey.table, foreignKey.columns);
      if (outgoing) derived.push({ ...foreignKey, table: view, columns: outgoing });
      const incoming = mapAll(foreignKey.referencedTable, foreignKey.referencedColumns);
      if (incoming) derived.push({ ...foreignKey, referencedTable: view, referencedColumns: incoming });
    }
  }
  return derived;
}
