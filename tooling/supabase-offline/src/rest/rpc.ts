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

/** The function a call resolves to; `wholeBody` when it takes the JSON body as its one unnamed argument. */
export interface ResolvedFunction {
  fn: DbFunction;
  wholeBody: boolean;
}

/**
 * PostgREST's overload resolution: a function matches when the argument keys are exactly its
 * required parameters plus any of its optional ones. Only when none matches does a POSTed JSON
 * body go to a function with a single unnamed json or jsonb parameter. Several matches: 300 PGRST203.
 */
export function findFunction(
  schema: Schema,
  name: string,
  argNames: string[],
  isPostJson: boolean,
): ResolvedFunction {
  const overloads = schema.functions.get(name) ?? [];
  const keys = new Set(argNames);
  const matchesParams = (fn: DbFunction): boolean => {
    const names = fn.args.map((arg) => arg.name);
    const required = names.slice(0, names.length - fn.defaultCount);
    const optional = new Set(names.slice(names.length - fn.defaultCount));
    const rest = [...keys].filter((key) => !optional.has(key));
    return rest.length === required.length && required.every((arg) => keys.has(arg));
  };
  const singleUnnamed = (fn: DbFunction): boolean =>
    isPostJson &&
    fn.args.length === 1 &&
    fn.args[0]?.name === '' &&
    ['json', 'jsonb'].includes(fn.args[0].type);
  const matched = overloads.filter(matchesParams);
  const fallback = matched.length === 0 ? overloads.filter(singleUnnamed) : [];
  const candidates = matched.length > 0 ? matched : fallback;
  const [only] = candidates;
  if (only && candidates.length === 1) return { fn: only, wholeBody: matched.length === 0 };
  if (candidates.length > 1) {
    const signatures = candidates.map(
      (fn) => `${schema.name}.${fn.name}(${fn.args.map((arg) => `${arg.name} => ${arg.type}`).join(', ')})`,
    );
    throw new PostgrestError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${signatures.join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    );
  }
  const sorted = [...keys].sort();
  const listed = sorted.length > 0 ? `(${sorted.join(', ')})` : ' without parameters';
  const searched =
    sorted.length > 0
      ? ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`
      : ' without parameters';
  throw new PostgrestError(
    404,
    'PGRST202',
    `Could not find the function ${schema.name}.${name}${listed} in the schema cache`,
    `Searched for the function ${schema.name}.${name}${searched}${isPostJson ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    null,
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
  resolved: ResolvedFunction,
  args: unknown,
  query: ParsedQuery,
  options: { countExact: boolean; csv: boolean },
): RpcStatement {
  const { countExact } = options;
  const { fn } = resolved;
  const params = new Params();
  let argsFrom = '';
  let call: string;
  if (resolved.wholeBody) {
    // The single unnamed json/jsonb parameter receives the request body itself.
    call = `${qualifiedName(schema, fn.name)}(${params.add(JSON.stringify(args ?? {}))}::${fn.args[0]?.type ?? 'json'})`;
  } else {
    const named = args as Record<string, unknown>;
    const given = fn.args.filter((arg) => arg.name in named);
    if (given.length > 0) {
      argsFrom = `json_to_record(${params.add(JSON.stringify(named))}::json) AS _args(${given.map((arg) => `${quoteIdent(arg.name)} ${arg.type}`).join(', ')})`;
    }
    const lastIndex = fn.args.length - 1;
    const passed = given.map(
      (arg) =>
        `${fn.variadic && arg === fn.args[lastIndex] ? 'VARIADIC ' : ''}${quoteIdent(arg.name)} := _args.${quoteIdent(arg.name)}`,
    );
    call = `${qualifiedName(schema, fn.name)}(${passed.join(', ')})`;
  }
  const fromArgs = argsFrom === '' ? '' : ` FROM ${argsFrom}`;
  const lateralArgs = argsFrom === '' ? '' : `${argsFrom} CROSS JOIN LATERAL `;
  if (fn.returnKind === 'void')
    return { text: `SELECT ${call}${fromArgs}`, values: params.values, shape: null, result: 'void' };
  if (fn.returnKind === 'scalar') {
    // Counted like PostgREST's one-column read: one row for a scalar, one per element of a setof.
    const total = (rows: string): string => (countExact ? `${rows}::bigint` : 'NULL::bigint');
    const text = fn.returnsSet
      ? `SELECT ${total('count(*)')} AS total, count(*)::bigint AS page_total, coalesce(json_agg(_r.value), '[]'::json) AS body FROM ${lateralArgs}${call} AS _r(value)`
      : `SELECT ${total('1')} AS total, 1::bigint AS page_total, to_json(${call}) AS body${fromArgs}`;
    return { text, values: params.values, shape: null, result: 'scalar' };
  }
  const context = new QueryContext(schema, params, query.levels);
  const { text, shape } = readStatement(
    context,
    {
      relation: resultRelation(schema, fn),
      from: `${lateralArgs}${call} AS "t0"`,
      alias: '"t0"',
      select: query.select,
    },
    { countExact, csv: options.csv && fn.returnsSet },
  );
  return {
    text,
    values: params.values,
    shape,
    csv: options.csv && fn.returnsSet,
    result: fn.returnsSet ? 'rows' : 'single-row',
  };
}
