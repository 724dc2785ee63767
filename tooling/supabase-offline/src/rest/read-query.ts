import { castSql, fieldSql, filterSql, outputKey } from './column-sql';
import { PostgrestError } from './errors';
import { type OrderTerm } from './query-parser';
import { qualifiedName, type QueryContext } from './query-context';
import { isToOne, type Relationship, resolveRelationship } from './relationships';
import { type Relation, type Schema } from './schema-cache';
import { aggregatesNotAllowed, parseField, type SelectItem } from './select-parser';
import { type Shape } from './shape';
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
  parentTable: string,
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
    case 'computed':
      // PostgREST's computed relationship: the function, called with the parent row, is the join.
      return {
        from: `${qualifiedName(schema, relationship.fn.name)}(${parentAlias}::${qualifiedName(schema, parentTable)}) AS ${childAlias}`,
        where: [],
      };
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
  /** The select-list entry: the embed's JSON, or a spread's columns. */
  column: string | null;
  /** The parent's shape entries for the embed: one, or a spread's lifted columns. */
  shape: Shape;
  /** For a to-one embed, its JSON body and shape, which the parent may order by. */
  toOne: { body: string; shape: Shape } | null;
  /** SQL true when the embed is empty, for the parent's `embed=is.null` filters. */
  isNull: string | null;
}

interface LevelSql {
  sql: string;
  shape: Shape;
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
  const joined = joinCondition(
    context.schema,
    spec.relation.name,
    relationship,
    spec.alias,
    childAlias,
    context.nextAlias('j'),
  );
  const prefix = spec.paths[0] ? `${spec.paths[0]}.` : '';
  const child = selectLevel(context, {
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
      join: `${joinType} JOIN LATERAL (${child.sql}) AS ${lateral} ON TRUE`,
      column: `${lateral}.*`,
      shape: child.shape,
      toOne: null,
      isNull: null,
    };
  }
  // An empty embed (`users()`) joins, so filters and !inner apply, but adds no key to the row.
  const columnAlias = context.nextColumnAlias();
  const column = item.select.length === 0 ? null : `${lateral}.body AS ${quoteIdent(columnAlias)}`;
  const shape = column === null ? [] : [{ alias: columnAlias, key, embed: child.shape }];
  if (isToOne(relationship)) {
    const join = `${joinType} JOIN LATERAL (SELECT row_to_json(x) AS body FROM (${child.sql}) AS x) AS ${lateral} ON TRUE`;
    const toOne = { body: `${lateral}.body`, shape: child.shape };
    return { join, column, shape, toOne, isNull: `${lateral}.body IS NULL` };
  }
  const on = item.inner ? `json_array_length(${lateral}.body) > 0` : 'TRUE';
  const join = `${joinType} JOIN LATERAL (SELECT coalesce(json_agg(x), '[]'::json) AS body FROM (${child.sql}) AS x) AS ${lateral} ON ${on}`;
  return { join, column, shape, toOne: null, isNull: `json_array_length(${lateral}.body) = 0` };
}

/**
 * PostgREST names each embed's subquery `<table>_<key>_<depth>`, so two embeds under one key at
 * one level make PostgreSQL answer 42712; the same answer here instead of one embed silently
 * overwriting the other.
 */
function checkDuplicateEmbeds(spec: LevelSpec): void {
  const depth = spec.paths[0] ? spec.paths[0].split('.').length + 1 : 1;
  const seen = new Set<string>();
  for (const item of spec.select) {
    if (item.kind !== 'embed') continue;
    const key = item.alias ?? item.name;
    if (seen.has(key)) {
      throw new PostgrestError(
        400,
        '42712',
        `table name "${spec.relation.name}_${key}_${depth}" specified more than once`,
      );
    }
    seen.add(key);
  }
}

/** An order term: a column (with JSON path) or, as `embed(column)`, a column of a to-one embed. */
function orderTermSql(
  context: QueryContext,
  spec: LevelSpec,
  term: OrderTerm,
  toOneEmbeds: Map<string, { body: string; shape: Shape }>,
): string {
  const related = /^([^()]+)\(([^()]+)\)$/.exec(term.column);
  let sql: string;
  if (related) {
    const [, embed = '', column = ''] = related;
    const toOne = toOneEmbeds.get(embed);
    const entry = toOne?.shape.find((candidate) => candidate.key === column);
    if (toOne === undefined) {
      throw new PostgrestError(
        400,
        'PGRST118',
        `A related order on '${embed}' is not possible`,
        `'${embed}' is not a to-one embedded resource of this request`,
      );
    }
    if (entry === undefined) {
      throw new PostgrestError(400, '42703', `column ${embed}.${column} is not selected in this request`);
    }
    // jsonb orders numbers numerically and strings as text, close to the column's own order.
    sql = `(${toOne.body}::jsonb -> ${context.params.add(entry.alias)}::text)`;
  } else sql = fieldSql(context, spec.relation, spec.alias, parseField(term.column));
  const nulls = term.nulls === null ? '' : term.nulls === 'first' ? ' NULLS FIRST' : ' NULLS LAST';
  return `${sql} ${term.descending ? 'DESC' : 'ASC'}${nulls}`;
}

/** One level of the select tree as a SELECT statement, embeds as LATERAL joins like PostgREST's. */
function selectLevel(context: QueryContext, spec: LevelSpec): LevelSql {
  const { relation, alias } = spec;
  const level = context.level(...spec.paths);
  const whereFor = (embedsNull: Map<string, string>): string => {
    const where = [
      ...spec.where,
      ...level.filters.map((filter) => filterSql(context, relation, alias, filter, embedsNull)),
    ];
    return where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  };
  // `embed(count)` counts the embedded rows; at the root PostgREST has no such shorthand.
  if (spec.paths[0] !== '' && isCountOnly(relation, spec.select)) {
    const [item] = spec.select;
    const key = item && item.kind !== 'star' && item.alias ? item.alias : 'count';
    const countAlias = context.nextColumnAlias();
    return {
      sql: `SELECT count(*) AS ${quoteIdent(countAlias)} FROM ${spec.from}${whereFor(new Map())}`,
      shape: [{ alias: countAlias, key, embed: null }],
    };
  }
  checkDuplicateEmbeds(spec);
  const columns: string[] = [];
  const shape: Shape = [];
  const joins: string[] = [];
  const toOneEmbeds = new Map<string, { body: string; shape: Shape }>();
  const embedsNull = new Map<string, string>();
  const addColumn = (sql: string, key: string): void => {
    const columnAlias = context.nextColumnAlias();
    columns.push(`${sql} AS ${quoteIdent(columnAlias)}`);
    shape.push({ alias: columnAlias, key, embed: null });
  };
  for (const item of spec.select) {
    if (item.kind === 'star') {
      for (const name of relation.columns.keys()) addColumn(`${alias}.${quoteIdent(name)}`, name);
    } else if (item.kind === 'column') {
      const sql = castSql(context.schema, fieldSql(context, relation, alias, item.field), item.cast);
      addColumn(sql, outputKey(item));
    } else if (item.kind === 'count') {
      // count() beside other columns or at the root is an aggregate, off on Supabase; only the
      // embedded `embed(count)` shorthand above counts.
      throw aggregatesNotAllowed();
    } else {
      const embed = embedSql(context, spec, item);
      const key = item.alias ?? item.name;
      joins.push(embed.join);
      if (embed.column !== null) columns.push(embed.column);
      shape.push(...embed.shape);
      if (embed.toOne !== null) toOneEmbeds.set(key, embed.toOne);
      if (embed.isNull !== null) embedsNull.set(key, embed.isNull);
    }
  }
  let sql = `SELECT ${columns.join(', ') || 'NULL'} FROM ${spec.from}${joins.map((join) => ` ${join}`).join('')}${whereFor(embedsNull)}`;
  if (!spec.paged) return { sql, shape };
  if (level.order.length > 0) {
    sql += ` ORDER BY ${level.order.map((term) => orderTermSql(context, spec, term, toOneEmbeds)).join(', ')}`;
  }
  if (level.limit !== null) sql += ` LIMIT ${context.params.add(level.limit)}`;
  if (level.offset !== null) sql += ` OFFSET ${context.params.add(level.offset)}`;
  return { sql, shape };
}

/**
 * The whole read as one statement returning the JSON body, the page size and (for
 * `count=exact`) the total, like PostgREST's single-statement reads; `shape` renames the body's
 * generated keys to the requested ones.
 */
export function readStatement(
  context: QueryContext,
  root: Omit<LevelSpec, 'paged' | 'where' | 'paths'>,
  options: { countExact: boolean; with?: string; csv?: boolean; inserted?: boolean },
): { text: string; shape: Shape } {
  const spec: LevelSpec = { ...root, paths: [''], where: [], paged: true };
  const paged = selectLevel(context, spec);
  const total = options.countExact
    ? `(SELECT count(*) FROM (${selectLevel(context, { ...spec, paged: false }).sql}) AS _c)`
    : 'NULL';
  context.assertAllLevelsUsed();
  const ctes = [options.with, `pgrst_source AS (${paged.sql})`].filter((cte) => cte !== undefined).join(', ');
  // CSV rows as PostgREST writes them: each row's composite text without its parentheses.
  const body = options.csv
    ? `coalesce(string_agg(substring(_s::text, 2, length(_s::text) - 2), chr(10)), '')`
    : `coalesce(json_agg(_s), '[]'::json)`;
  // How many rows an upsert inserted rather than updated (see mutations.ts).
  const inserted = options.inserted
    ? ', (SELECT count(*) FROM pgrst_mutation WHERE pgrst_mutation.pgrst_inserted)::bigint AS inserted'
    : '';
  return {
    text: `WITH ${ctes} SELECT ${total}::bigint AS total, count(*)::bigint AS page_total, ${body} AS body${inserted} FROM pgrst_source AS _s`,
    shape: paged.shape,
  };
}
