import { PostgrestError } from './errors';
import { type Filter, sqlOperator } from './query-parser';
import { qualifiedName, type QueryContext } from './query-context';
import { type Relation, type Schema } from './schema-cache';
import { type Field, parseField } from './select-parser';
import { quoteIdent } from './sql';

/**
 * A column, or a computed field: a function `name(relation)` returning one scalar, called with
 * the row as PostgREST does (the cast makes a CTE's row, as after a write, the table's type).
 */
function columnRef(schema: Schema, relation: Relation, alias: string, name: string): string {
  if (relation.columns.has(name)) return `${alias}.${quoteIdent(name)}`;
  const computed = schema.functions
    .get(name)
    ?.find(
      (fn) =>
        fn.rowArgTable === relation.name &&
        fn.args.length === 1 &&
        fn.returnKind === 'scalar' &&
        !fn.returnsSet,
    );
  if (computed) return `${qualifiedName(schema, name)}(${alias}::${qualifiedName(schema, relation.name)})`;
  throw new PostgrestError(400, '42703', `column ${relation.name}.${name} does not exist`);
}

/** A column with its JSON path; keys are bind parameters, numeric keys index arrays as in PostgREST. */
export function fieldSql(context: QueryContext, relation: Relation, alias: string, field: Field): string {
  let sql = columnRef(context.schema, relation, alias, field.name);
  for (const step of field.path) {
    const isIndex = /^-?\d+$/.test(step.key);
    sql = `(${sql} ${step.arrow} ${context.params.add(isIndex ? Number(step.key) : step.key)}::${isIndex ? 'integer' : 'text'})`;
  }
  return sql;
}

export function castSql(schema: Schema, sql: string, cast: string | null): string {
  if (cast === null) return sql;
  const type = schema.types.get(cast.toLowerCase());
  if (type === undefined) throw new PostgrestError(400, '42704', `type "${cast}" does not exist`);
  return `(${sql})::${type}`;
}

/** The key PostgREST gives a selected column: its alias, else the last JSON key, else its name. */
export const outputKey = (item: { field: Field; alias: string | null }): string =>
  item.alias ?? item.field.path.at(-1)?.key ?? item.field.name;

/**
 * A filter as SQL. `embedsNull` maps the keys of this level's embeds to their emptiness test,
 * for PostgREST's `embed=is.null` / `embed=not.is.null` (also inside logic trees).
 */
export function filterSql(
  context: QueryContext,
  relation: Relation,
  alias: string,
  filter: Filter,
  embedsNull: ReadonlyMap<string, string> = new Map(),
): string {
  const negated = (sql: string): string => (filter.negate ? `NOT (${sql})` : sql);
  switch (filter.kind) {
    case 'logic': {
      const children = filter.children.map((child) => filterSql(context, relation, alias, child, embedsNull));
      // Always bracketed: the tree is ANDed with the level's other filters, and `a OR b AND c`
      // would bind the AND first.
      const joined = children.map((child) => `(${child})`).join(filter.operator === 'and' ? ' AND ' : ' OR ');
      return negated(`(${joined})`);
    }
    case 'in': {
      const column = fieldSql(context, relation, alias, parseField(filter.column));
      return negated(
        filter.values.length === 0 ? 'FALSE' : `${column} = ANY(${context.params.add(filter.values)})`,
      );
    }
    case 'is': {
      const embedIsNull = relation.columns.has(filter.column) ? undefined : embedsNull.get(filter.column);
      if (embedIsNull !== undefined && (filter.value === 'null' || filter.value === 'not_null')) {
        return negated(filter.value === 'null' ? embedIsNull : `NOT (${embedIsNull})`);
      }
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
