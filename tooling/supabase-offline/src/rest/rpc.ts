import { PostgrestError } from './errors';
import { type Statement } from './mutations';
import { type ParsedQuery } from './query-parser';
import { QueryContext, qualifiedName } from './query-context';
import { readStatement } from './read-query';
import { type DbFunction, type Relation, type Schema } from './schema-cache';
import { Params, quoteIdent } from './sql';

export interface RpcStatement extends Statement {
  /**
   * 'rows' and 'single-row': a read returning (total, page_total, body), answered as an array or
   * as its one object; 'scalar': one `body` value; 'void': nothing.
   */
  result: 'rows' | 'single-row' | 'scalar' | 'void';
}

/** Picks the overload whose named parameters cover the given arguments and all required ones. */
export function findFunction(schema: Schema, name: string, argNames: string[]): DbFunction {
  const overloads = schema.functions.get(name) ?? [];
  const match = overloads.find((candidate) => {
    const names = candidate.args.map((arg) => arg.name);
    const required = names.slice(0, names.length - candidate.defaultCount);
    return argNames.every((arg) => names.includes(arg)) && required.every((arg) => argNames.includes(arg));
  });
  if (match) return match;
  const signature = `${schema.name}.${name}(${[...argNames].sort().join(', ')})`;
  throw new PostgrestError(
    404,
    'PGRST202',
    `Could not find the function ${signature} in the schema cache`,
    `Searched for the function ${signature.replace(/\(.*\)$/, '')} with parameters ${argNames.length > 0 ? [...argNames].sort().join(', ') : 'without parameters'}, but no matches were found in the schema cache.`,
    'If a new function was created in the database with this name and parameters, try reloading the schema cache.',
  );
}

/** The function's result columns as a relation, so select, filters and order apply to it. */
function resultRelation(schema: Schema, fn: DbFunction): Relation {
  const table = fn.returnTable === null ? undefined : schema.relations.get(fn.returnTable);
  if (table) return table;
  if (fn.resultColumns.length === 0) {
    throw new PostgrestError(
      400,
      'PGRST100',
      `The offline API cannot read ${fn.name}(): it returns an anonymous record`,
    );
  }
  return {
    name: fn.name,
    isView: false,
    columns: new Map(fn.resultColumns.map((column) => [column.name, column])),
    primaryKey: [],
    uniqueKeys: [],
  };
}

/**
 * Calls `fn` with named arguments converted by json_to_record from the JSON body, so each value
 * is cast to the parameter's catalog type (the type names come from pg_proc, never the request).
 */
export function rpcStatement(
  schema: Schema,
  fn: DbFunction,
  args: Record<string, unknown>,
  query: ParsedQuery,
  countExact: boolean,
): RpcStatement {
  const params = new Params();
  const given = fn.args.filter((arg) => arg.name in args);
  const argsFrom =
    given.length === 0
      ? ''
      : `json_to_record(${params.add(JSON.stringify(args))}::json) AS _args(${given.map((arg) => `${quoteIdent(arg.name)} ${arg.type}`).join(', ')})`;
  const call = `${qualifiedName(schema, fn.name)}(${given.map((arg) => `${quoteIdent(arg.name)} := _args.${quoteIdent(arg.name)}`).join(', ')})`;
  const fromArgs = argsFrom === '' ? '' : ` FROM ${argsFrom}`;
  if (fn.returnKind === 'void')
    return { text: `SELECT ${call}${fromArgs}`, values: params.values, shape: null, result: 'void' };
  if (fn.returnKind === 'scalar') {
    const text = fn.returnsSet
      ? `SELECT coalesce(json_agg(_r.value), '[]'::json) AS body FROM ${argsFrom === '' ? '' : `${argsFrom} CROSS JOIN LATERAL `}${call} AS _r(value)`
      : `SELECT to_json(${call}) AS body${fromArgs}`;
    return { text, values: params.values, shape: null, result: 'scalar' };
  }
  const context = new QueryContext(schema, params, query.levels);
  const from = `${argsFrom === '' ? '' : `${argsFrom} CROSS JOIN LATERAL `}${call} AS "t0"`;
  const { text, shape } = readStatement(
    context,
    { relation: resultRelation(schema, fn), from, alias: '"t0"', select: query.select },
    { countExact },
  );
  return { text, values: params.values, shape, result: fn.returnsSet ? 'rows' : 'single-row' };
}
