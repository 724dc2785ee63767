import pg from 'pg';
import { renderMermaid, type Entity, type Relation } from './mermaid';

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
}
interface ConstraintRow {
  contype: 'p' | 'u' | 'f';
  table_name: string;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
}

/**
 * The diagram of a migrated database's `public` schema, read from the PostgreSQL catalog: base
 * tables, their columns in order, primary / unique / foreign keys. A table of another schema that
 * a foreign key references (Supabase's auth.users) appears as `<schema>_<table>`, without columns.
 */
export async function erdFromPostgres(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<ColumnRow>(`
      select c.table_name, c.column_name, c.udt_name
      from information_schema.columns c
      join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`);
    const constraints = await client.query<ConstraintRow>(`
      select con.contype, rel.relname as table_name,
             array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num
                   order by k.ord)::text[] as columns,
             ref_ns.nspname as ref_schema, ref.relname as ref_table
      from pg_constraint con
      join pg_class rel on rel.oid = con.conrelid
      join pg_namespace ns on ns.oid = rel.relnamespace
      left join pg_class ref on ref.oid = con.confrelid
      left join pg_namespace ref_ns on ref_ns.oid = ref.relnamespace
      where ns.nspname = 'public' and con.contype in ('p', 'u', 'f')`);
    return render(columns.rows, constraints.rows);
  } finally {
    await client.end();
  }
}

function render(columns: ColumnRow[], constraints: ConstraintRow[]): string {
  const keysOf = (table: string, column: string) => {
    const keys: Array<'PK' | 'FK' | 'UK'> = [];
    for (const type of ['p', 'f', 'u'] as const) {
      const match = constraints.some(
        (c) => c.contype === type && c.table_name === table && c.columns.includes(column),
      );
      if (match) keys.push(type === 'p' ? 'PK' : type === 'f' ? 'FK' : 'UK');
    }
    return keys;
  };
  const entities = new Map<string, Entity>();
  for (const row of columns) {
    const entity = entities.get(row.table_name) ?? { name: row.table_name, columns: [] };
    entity.columns.push({
      name: row.column_name,
      type: row.udt_name,
      keys: keysOf(row.table_name, row.column_name),
    });
    entities.set(row.table_name, entity);
  }
  const uniqueSets = constraints
    .filter((c) => c.contype === 'p' || c.contype === 'u')
    .map((c) => `${c.table_name}(${c.columns.join(',')})`);
  const relations: Relation[] = constraints
    .filter((c) => c.contype === 'f' && c.ref_table !== null)
    .map((c) => {
      const from = c.ref_schema === 'public' ? c.ref_table! : `${c.ref_schema}_${c.ref_table}`;
      if (!entities.has(from)) entities.set(from, { name: from, columns: [] });
      return {
        from,
        to: c.table_name,
        label: c.columns.join(', '),
        unique: uniqueSets.includes(`${c.table_name}(${c.columns.join(',')})`),
      };
    });
  return renderMermaid([...entities.values()], relations);
}
