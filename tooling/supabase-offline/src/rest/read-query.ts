import { PostgrestError } from './errors';
import { type Filter, type LevelOptions, type OrderTerm, sqlOperator } from './query-parser';
import { isToOne, type Relationship, resolveRelationship } from './relationships';
import { type Relation, type Schema } from './schema-cache';
import { type Field, parseField, type SelectItem } from './select-parser';
import { type Params, quoteIdent } from './sql';

/** State shared while one request's statement is assembled. */
export class QueryContext {
  // "t0" is always the root relation, so generated aliases start at 1.
  private aliasCount = 1;
  private readonly usedLevels = new Set<string>();

  constructor(
    readonly schema: Schema,
    readonly params: Params,
    private readonly levels: Map<string, LevelOptions>,
  ) {}

  nextAlias(prefix: string): string {
    return quoteIdent(`${prefix}${this.aliasCount++}`);
  }

  level(...paths: string[]): LevelOptions {
    const merged: LevelOptions = { filters: [], order: [], limit: null, offset: null };
    for (const path of new Set(paths)) {
      const level = this.levels.get(path);
      if (!level) continue;
      this.usedLevels.add(path);
      merged.filters.push(...level.filters);
      merged.order.push(...level.order);
      merged.limit = level.limit ?? merged.limit;
      merged.offset = level.offset ?? merged.offset;
    }
    return merged;
  }

  /** PostgREST rejects filters and order on an embed the select does not contain (PGRST108). */
  assertAllLevelsUsed(): void {
    for (const path of this.levels.keys()) {
      if (path !== '' && !this.usedLevels.has(path)) {
        throw new PostgrestError(
          400,
          'PGRST108',
          `'${path}' is not an embedded resource in this request`,
          null,
          `Verify that '${path}' is included in the 'select' query parameter.`,
        );
      }
    }
  }
}

export const qualifiedName = (schema: Schema, name: string): string =>
  `${quoteIdent(schema.name)}.${quoteIdent(name)}`;

function columnRef(relation: Relation, alias: string, name: string): string {
  if (!relation.columns.has(name)) {
    throw new PostgrestError(400, '42703', `column ${relation.name}.${name} does not exist`);
  }
  return `${alias}.${quoteIdent(name)}`;
}

/** A column with its JSON path; keys are bind parameters, numeric keys index arrays as in PostgREST. */
function fieldSql(context: QueryContext, relation: Relation, alias: string, field: Field): string {
  let sql = columnRef(relation, alias, field.name);
  for (const step of field.path) {
    const isIndex = /^-?\d+$/.test(step.key);
    sql = `(${sql} ${step.arrow} ${context.params.add(isIndex ? Number(step.key) : step.key)}::${isIndex ? 'integer' : 'text'})`;
  }
  return sql;
}

function castSql(schema: Schema, sql: string, cast: string | null): string {
  if (cast === null) return sql;
  const type = schema.types.get(cast.toLowerCase());
  if (type === undefined) throw new PostgrestError(400, '42704', `type "${cast}" does not exist`);
  return `(${sql})::${type}`;
}

/** The key PostgREST gives a selected column: its alias, else the last JSON key, else its name. */
const outputKey = (item: { field: Field; alias: string | null }): string =>
  item.alias ?? item.field.path.at(-1)?.key ?? item.field.name;

export function filterSql(context: QueryContext, relation: Relation, alias: string, filter: Filter): string {
  const negated = (sql: string): string => (filter.negate ? `NOT (${sql})` : sql);
  switch (filter.kind) {
    case 'logic': {
      const children = filter.children.map((child) => filterSql(context, relation, alias, child));
      const joined =
        children.length === 0
          ? 'TRUE'
          : children.map((child) => `(${child})`).join(filter.operator === 'and' ? ' AND ' : ' OR ');
      return negated(joined);
    }
    case 'in': {
      const column = fieldSql(context, relation, alias, parseField(filter.column));
      return negated(
        filter.values.length === 0 ? 'FALSE' : `${column} = ANY(${context.params.add(filter.values)})`,
      );
    }
    case 'is': {
      const column = fieldSql(context, relation, alias, parseField(filter.column));
      const test = { null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' }[
        filter.value
      ];
      return negated(`${column} IS ${test}`);
    }
    case 'text-search': {
      const column = fieldSql(context, relation, alias, parseField(filter.column));
      const config = filter.config === null ? '' : `${context.params.add(filter.config)}::regconfig, `;
      return negated(`${column} @@ ${filter.tsquery}(${config}${context.params.add(filter.value)})`);
    }
    case 'compare': {
      const column = fieldSql(context, relation, alias, parseField(filter.column));
      const operator = sqlOperator(filter.operator);
      const value = context.params.add(filter.value);
      const quantified = filter.quantifier === null ? value : `${filter.quantifier.toUpperCase()}(${value})`;
      return negated(`${column} ${operator} ${quantified}`);
    }
  }
}

export interface LevelSpec {
  relation: Relation;
  /** The FROM clause, already aliased (`"public"."posts" AS "t0"`). */
  from: string;
  alias: string;
  /** Names under which filters/order for this level may be given ('' for the root). */
  paths: string[];
  select: SelectItem[];
  /** Join conditions to the parent level. */
  where: string[];
  paged: boolean;
}

function joinCondition(
  schema: Schema,
  relationship: Relationship,
  parentAlias: string,
  childAlias: string,
  junctionAlias: string,
): { from: string; where: string[] } {
  const pairs = (left: string, leftColumns: string[], right: string, rightColumns: string[]): string[] =>
    leftColumns.map(
      (column, index) => `${left}.${quoteIdent(column)} = ${right}.${quoteIdent(rightColumns[index] ?? '')}`,
    );
  const targetTable = `${qualifiedName(schema, relationship.target.name)} AS ${childAlias}`;
  switch (relationship.kind) {
    case 'many-to-one': {
      const { foreignKey } = relationship;
      return {
        from: targetTable,
        where: pairs(childAlias, foreignKey.referencedColumns, parentAlias, foreignKey.columns),
      };
    }
    case 'one-to-many': {
      const { foreignKey } = relationship;
      return {
        from: targetTable,
        where: pairs(childAlias, foreignKey.columns, parentAlias, foreignKey.referencedColumns),
      };
    }
    case 'many-to-many': {
      const { junction, toParent, toTarget } = relationship;
      const on = pairs(junctionAlias, toTarget.columns, childAlias, toTarget.referencedColumns).join(' AND ');
      return {
        from: `${targetTable} JOIN ${qualifiedName(schema, junction.name)} AS ${junctionAlias} ON ${on}`,
        where: pairs(junctionAlias, toParent.columns, parentAlias, toParent.referencedColumns),
      };
    }
  }
}

function isCountOnly(relation: Relation, select: SelectItem[]): boolean {
  const [only] = select;
  return (
    select.length === 1 &&
    only !== undefined &&
    (only.kind === 'count' ||
      (only.kind === 'column' &&
        only.field.name === 'count' &&
        only.field.path.length === 0 &&
        !relation.columns.has('count')))
  );
}

interface EmbedSql {
  join: string;
  /** The select-list entry: the embed's JSON under its key, or a spread's columns. */
  column: string;
  /** For a to-one embed, its JSON body, which the parent may order by. */
  toOneBody: string | null;
}

/** An embed as a LATERAL subquery, aggregated with row_to_json (to-one) or json_agg (to-many). */
function embedSql(
  context: QueryContext,
  spec: LevelSpec,
  item: Extract<SelectItem, { kind: 'embed' }>,
): EmbedSql {
  const relationship = resolveRelationship(context.schema, spec.relation, item.name, item.hints);
  const key = item.alias ?? item.name;
  const childAlias = context.nextAlias('t');
  const lateral = context.nextAlias('l');
  const joined = joinCondition(context.schema, relationship, spec.alias, childAlias, context.nextAlias('j'));
  const prefix = spec.paths[0] ? `${spec.paths[0]}.` : '';
  const childSql = selectLevel(context, {
    relation: relationship.target,
    from: joined.from,
    alias: childAlias,
    paths: [`${prefix}${key}`, `${prefix}${item.name}`],
    select: item.select,
    where: joined.where,
    paged: true,
  });
  const joinType = item.inner ? 'INNER' : 'LEFT';
  if (item.spread) {
    if (!isToOne(relationship)) {
      const details = `'${spec.relation.name}' and '${item.name}' do not form a many-to-one or one-to-one relationship`;
      throw new PostgrestError(
        400,
        'PGRST119',
        `A spread operation on '${item.name}' is not possible`,
        details,
      );
    }
    // A spread lifts the embedded row's columns into the parent row.
    return {
      join: `${joinType} JOIN LATERAL (${childSql}) AS ${lateral} ON TRUE`,
      column: `${lateral}.*`,
      toOneBody: null,
    };
  }
  const column = `${lateral}.body AS ${quoteIdent(key)}`;
  if (isToOne(relationship)) {
    const join = `${joinType} JOIN LATERAL (SELECT row_to_json(x) AS body FROM (${childSql}) AS x) AS ${lateral} ON TRUE`;
    return { join, column, toOneBody: `${lateral}.body` };
  }
  const on = item.inner ? `json_array_length(${lateral}.body) > 0` : 'TRUE';
  const join = `${joinType} JOIN LATERAL (SELECT coalesce(json_agg(x), '[]'::json) AS body FROM (${childSql}) AS x) AS ${lateral} ON ${on}`;
  return { join, column, toOneBody: null };
}

/** An order term: a column (with JSON path) or, as `embed(column)`, a column of a to-one embed. */
function orderTermSql(
  context: QueryContext,
  spec: LevelSpec,
  term: OrderTerm,
  toOneBodies: Map<string, string>,
): string {
  const related = /^([^()]+)\(([^()]+)\)$/.exec(term.column);
  let sql: string;
  if (related) {
    const [, embed = '', column = ''] = related;
    const body = toOneBodies.get(embed);
    if (body === undefined) {
      throw new PostgrestError(
        400,
        'PGRST118',
        `A related order on '${embed}' is not possible`,
        `'${embed}' is not a to-one embedded resource of this request`,
      );
    }
    // jsonb orders numbers numerically and strings as text, close to the column's own order.
    sql = `(${body}::jsonb -> ${context.params.add(column)}::text)`;
  } else sql = fieldSql(context, spec.relation, spec.alias, parseField(term.column));
  const nulls = term.nulls === null ? '' : term.nulls === 'first' ? ' NULLS FIRST' : ' NULLS LAST';
  return `${sql} ${term.descending ? 'DESC' : 'ASC'}${nulls}`;
}

/** One level of the select tree as a SELECT statement, embeds as LATERAL joins like PostgREST's. */
function selectLevel(context: QueryContext, spec: LevelSpec): string {
  const { relation, alias } = spec;
  const level = context.level(...spec.paths);
  const where = [
    ...spec.where,
    ...level.filters.map((filter) => filterSql(context, relation, alias, filter)),
  ];
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  // `embed(count)` counts the embedded rows; at the root PostgREST has no such shorthand.
  if (spec.paths[0] !== '' && isCountOnly(relation, spec.select)) {
    const [item] = spec.select;
    const key = item && item.kind !== 'star' && item.alias ? item.alias : 'count';
    return `SELECT count(*) AS ${quoteIdent(key)} FROM ${spec.from}${whereSql}`;
  }
  const columns: string[] = [];
  const joins: string[] = [];
  const toOneBodies = new Map<string, string>();
  for (const item of spec.select) {
    if (item.kind === 'star') {
      for (const name of relation.columns.keys()) columns.push(`${alias}.${quoteIdent(name)}`);
    } else if (item.kind === 'column') {
      const sql = castSql(context.schema, fieldSql(context, relation, alias, item.field), item.cast);
      columns.push(`${sql} AS ${quoteIdent(outputKey(item))}`);
    } else if (item.kind === 'count') {
      throw new PostgrestError(
        400,
        'PGRST100',
        'count() must be the only item of an embedded resource in the offline API',
      );
    } else {
      const embed = embedSql(context, spec, item);
      joins.push(embed.join);
      columns.push(embed.column);
      if (embed.toOneBody !== null) toOneBodies.set(item.alias ?? item.name, embed.toOneBody);
    }
  }
  let sql = `SELECT ${columns.join(', ') || 'NULL'} FROM ${spec.from}${joins.map((join) => ` ${join}`).join('')}${whereSql}`;
  if (!spec.paged) return sql;
  if (level.order.length > 0) {
    sql += ` ORDER BY ${level.order.map((term) => orderTermSql(context, spec, term, toOneBodies)).join(', ')}`;
  }
  if (level.limit !== null) sql += ` LIMIT ${context.params.add(level.limit)}`;
  if (level.offset !== null) sql += ` OFFSET ${context.params.add(level.offset)}`;
  return sql;
}

/**
 * The whole read as one statement returning the JSON body, the page size and (for
 * `count=exact`) the total, like PostgREST's single-statement reads.
 */
export function readStatement(
  context: QueryContext,
  root: Omit<LevelSpec, 'paged' | 'where' | 'paths'>,
  options: { countExact: boolean; with?: string },
): string {
  const spec: LevelSpec = { ...root, paths: [''], where: [], paged: true };
  const paged = selectLevel(context, spec);
  const total = options.countExact
    ? `(SELECT count(*) FROM (${selectLevel(context, { ...spec, paged: false })}) AS _c)`
    : 'NULL';
  context.assertAllLevelsUsed();
  const ctes = [options.with, `pgrst_source AS (${paged})`].filter((cte) => cte !== undefined).join(', ');
  return `WITH ${ctes} SELECT ${total}::bigint AS total, count(*)::bigint AS page_total, coalesce(json_agg(_s), '[]'::json) AS body FROM pgrst_source AS _s`;
}
