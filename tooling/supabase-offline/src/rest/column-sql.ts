import { PostgrestError } from './errors';
import { type Filter, sqlOperator } from './query-parser';
import { type QueryContext } from './query-context';
import { type Relation, type Schema } from './schema-cache';
import { type Field, parseField } from './select-parser';
import { quoteIdent } from './sql';

function columnRef(relation: Relation, alias: string, name: string): string {
  if (!relation.columns.has(name)) {
    throw new PostgrestError(400, '42703', `column ${relation.name}.${name} does not exist`);
  }
  return `${alias}.${quoteIdent(name)}`;
}

/** A column with its JSON path; keys are bind parameters, numeric keys index arrays as in PostgREST. */
export function fieldSql(context: QueryContext, relation: Relation, alias: string, field: Field): string {
  let sql = columnRef(relation, alias, field.name);
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
