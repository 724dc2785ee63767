import { PostgrestError } from './errors';
import { type LevelOptions, type ParsedQuery } from './query-parser';
import { filterSql } from './column-sql';
import { QueryContext, qualifiedName } from './query-context';
import { readStatement } from './read-query';
import { resolveRelationship } from './relationships';
import { type Relation, type Schema } from './schema-cache';
import { type SelectItem } from './select-parser';
import { type Shape } from './shape';
import { Params, quoteIdent } from './sql';

export type Mutation =
  | {
      kind: 'insert';
      rows: Record<string, unknown>[];
      resolution: 'merge' | 'ignore' | null;
      /** `Prefer: missing=default`: a key a row lacks takes the column default instead of null. */
      missingDefault: boolean;
    }
  | { kind: 'update'; values: Record<string, unknown> }
  | { kind: 'delete' };

export interface Statement {
  text: string;
  values: unknown[];
  /** How to rename the body's generated keys; null when the body is not rows. */
  shape: Shape | null;
  /** The body is CSV text (Accept: text/csv) rather than JSON. */
  csv?: boolean;
}

// PATCH with an empty object changes nothing, as in PostgREST.
const emptyResult: Statement = {
  text: `SELECT NULL::bigint AS total, 0::bigint AS page_total, '[]'::json AS body`,
  values: [],
  shape: null,
};

function checkedColumns(relation: Relation, names: Iterable<string>): string[] {
  const columns = [...new Set(names)];
  for (const name of columns) {
    if (!relation.columns.has(name)) {
      throw new PostgrestError(
        400,
        'PGRST204',
        `Could not find the '${name}' column of '${relation.name}' in the schema cache`,
      );
    }
  }
  return columns;
}

function insertSql(
  schema: Schema,
  relation: Relation,
  query: ParsedQuery,
  params: Params,
  mutation: Extract<Mutation, { kind: 'insert' }>,
): string {
  const table = qualifiedName(schema, relation.name);
  const columns = checkedColumns(relation, query.columns ?? mutation.rows.flatMap((row) => Object.keys(row)));
  if (columns.length === 0) return `INSERT INTO ${table} AS "t0" DEFAULT VALUES`;
  const list = columns.map(quoteIdent).join(', ');
  // json_populate_record(set) converts each JSON value to the column's type, as PostgREST does.
  let sql: string;
  if (mutation.missingDefault) {
    const rows = mutation.rows.map((row) => {
      const json = `json_populate_record(NULL::${table}, ${params.add(JSON.stringify(row))}::json)`;
      return `(${columns.map((column) => (column in row ? `(${json}).${quoteIdent(column)}` : 'DEFAULT')).join(', ')})`;
    });
    sql = `INSERT INTO ${table} AS "t0" (${list}) VALUES ${rows.join(', ')}`;
  } else {
    const body = params.add(JSON.stringify(mutation.rows));
    sql = `INSERT INTO ${table} AS "t0" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ${body}::json)`;
  }
  if (mutation.resolution !== null) {
    const target = checkedColumns(relation, query.onConflict ?? relation.primaryKey);
    if (target.length === 0)
      throw new PostgrestError(
        400,
        'PGRST100',
        `'${relation.name}' has no primary key; give on_conflict for an upsert`,
      );
    const updates = columns
      .map((column) => `${quoteIdent(column)} = EXCLUDED.${quoteIdent(column)}`)
      .join(', ');
    const action = mutation.resolution === 'merge' ? `DO UPDATE SET ${updates}` : 'DO NOTHING';
    sql += ` ON CONFLICT (${target.map(quoteIdent).join(', ')}) ${action}`;
  }
  return sql;
}

function rootFilters(context: QueryContext, relation: Relation, query: ParsedQuery): string {
  const root = query.levels.get('');
  if (root?.limit != null || root?.offset != null) {
    // Refused rather than ignored: a PATCH or DELETE meant for some rows must not reach all of them.
    throw new PostgrestError(
      400,
      'PGRST100',
      'limit and offset on PATCH and DELETE are not supported by the offline API',
    );
  }
  const conditions = (root?.filters ?? []).map((filter) => filterSql(context, relation, '"t0"', filter));
  // Each condition is self-contained (logic trees come bracketed), so AND joins them safely.
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * The columns a mutation returns for its representation, like PostgREST's `inferColsEmbedNeeds`:
 * the selected ones, the ones embeds join on and the primary key; `*` only when `*` is selected.
 * So a role with column grants can write a row and read back the columns it may see. As there,
 * `order` by a column that is not returned fails (42703).
 */
function returningList(schema: Schema, relation: Relation, select: SelectItem[]): string {
  const all = '"t0".*';
  if (select.length === 0 || select.some((item) => item.kind === 'star')) return all;
  const columns = new Set(relation.primaryKey);
  for (const item of select) {
    if (item.kind === 'column') {
      // A computed field takes the whole row; unknown names are left to the read, which reports them.
      if (relation.columns.has(item.field.name)) columns.add(item.field.name);
      else if (schema.functions.has(item.field.name)) return all;
    }
    if (item.kind !== 'embed') continue;
    const relationship = resolveRelationship(schema, relation, item.name, item.hints);
    if (relationship.kind === 'computed') return all;
    const joined =
      relationship.kind === 'many-to-one'
        ? relationship.foreignKey.columns
        : relationship.kind === 'one-to-many'
          ? relationship.foreignKey.referencedColumns
          : relationship.toParent.referencedColumns;
    for (const column of joined) columns.add(column);
  }
  return columns.size > 0 ? [...columns].map((column) => `"t0".${quoteIdent(column)}`).join(', ') : '1';
}

/**
 * A data-modifying statement wrapped like PostgREST's: the mutation runs in a CTE; with
 * `return=minimal` it returns `1` only, so tables the role cannot SELECT can still be written.
 */
export function mutationStatement(
  schema: Schema,
  relation: Relation,
  query: ParsedQuery,
  mutation: Mutation,
  options: { representation: boolean; countExact: boolean; csv: boolean },
): Statement {
  const params = new Params();
  const context = new QueryContext(schema, params, query.levels);
  const table = qualifiedName(schema, relation.name);
  let dml: string;
  if (mutation.kind === 'insert') dml = insertSql(schema, relation, query, params, mutation);
  else if (mutation.kind === 'update') {
    const columns = checkedColumns(relation, Object.keys(mutation.values));
    if (columns.length === 0) return emptyResult;
    const assignments = columns
      .map((column) => `${quoteIdent(column)} = _body.${quoteIdent(column)}`)
      .join(', ');
    const body = params.add(JSON.stringify(mutation.values));
    dml = `UPDATE ${table} AS "t0" SET ${assignments} FROM json_populate_record(NULL::${table}, ${body}::json) AS _body${rootFilters(context, relation, query)}`;
  } else dml = `DELETE FROM ${table} AS "t0"${rootFilters(context, relation, query)}`;
  // An upsert answers 200 when it inserted nothing, as PostgREST does; a row ON CONFLICT DO UPDATE
  // changed has a non-zero xmax, a row it inserted a zero one.
  const upsert = mutation.kind === 'insert' && mutation.resolution === 'merge';
  const insertedFlag = upsert ? `, ("t0".xmax::text = '0') AS pgrst_inserted` : '';
  if (!options.representation) {
    const inserted = upsert ? ', count(*) FILTER (WHERE pgrst_inserted)::bigint AS inserted' : '';
    return {
      text: `WITH pgrst_mutation AS (${dml} RETURNING 1${insertedFlag}) SELECT count(*)::bigint AS page_total, NULL::bigint AS total, '[]'::json AS body${inserted} FROM pgrst_mutation`,
      values: params.values,
      shape: null,
    };
  }
  // The returned rows are read back without the request's filters: they selected the rows to change, not the rows to show.
  const root = query.levels.get('');
  const levels = new Map<string, LevelOptions>(query.levels);
  levels.set('', { filters: [], order: root?.order ?? [], limit: null, offset: null });
  const readContext = new QueryContext(schema, params, levels);
  const { text, shape } = readStatement(
    readContext,
    { relation, from: 'pgrst_mutation AS "t0"', alias: '"t0"', select: query.select },
    {
      countExact: options.countExact,
      with: `pgrst_mutation AS (${dml} RETURNING ${returningList(schema, relation, query.select)}${insertedFlag})`,
      csv: options.csv,
      inserted: upsert,
    },
  );
  return { text, values: params.values, shape, csv: options.csv };
}
