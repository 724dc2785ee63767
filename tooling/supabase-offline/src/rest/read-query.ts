import { castSql, fieldSql, filterSql, outputKey } from './column-sql';
import { PostgrestError } from './errors';
import { type OrderTerm } from './query-parser';
import { qualifiedName, type QueryContext } from './query-context';
import { isToOne, type Relationship, resolveRelationship } from './relationships';
import { type Relation, type Schema } from './schema-cache';
import { parseField, type SelectItem } from './select-parser';
import { quoteIdent } from './sql';

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
