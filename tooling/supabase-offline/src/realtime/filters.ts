/**
 * The `filter` of a postgres_changes binding, `column=op.value`, with the operators Realtime accepts
 * (eq, neq, lt, lte, gt, gte, in). Values are compared by PostgreSQL after casting to the column's
 * type (see catalog.ts), as Realtime's walrus does, never as JavaScript strings.
 */
export type FilterOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'in';

export interface Filter {
  column: string;
  op: FilterOp;
  /** One value, or the list of `in.(a,b)`. */
  values: string[];
}

const operators: Record<FilterOp, string> = {
  eq: '=',
  neq: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  in: '=',
};

export const sqlOperator = (op: FilterOp): string => operators[op];

const isOp = (value: string): value is FilterOp => Object.hasOwn(operators, value);

export class FilterParseError extends Error {}

/** Throws FilterParseError with Realtime's message for a filter it cannot read. */
export function parseFilter(text: string): Filter {
  const match = /^([^=]+)=([a-z]+)\.(.*)$/s.exec(text);
  const op = match?.[2];
  if (!match || op === undefined || !isOp(op)) {
    throw new FilterParseError(`Error parsing \`filter\` params: ${JSON.stringify(text.split(/[=.]/))}`);
  }
  const [, column = '', , raw = ''] = match;
  if (op !== 'in') return { column, op, values: [raw] };
  const list = /^\((.*)\)$/s.exec(raw);
  if (!list)
    throw new FilterParseError(`Error parsing \`filter\` params: ${JSON.stringify([column, op, raw])}`);
  return { column, op, values: (list[1] ?? '').split(',').map((value) => value.trim()) };
}

/** How Realtime prints a binding in its errors: `[event: *, schema: public, table: t, filters: [], select: nil]`. */
export function describeBinding(binding: {
  event: string;
  schema: string;
  table: string;
  filter: Filter | null;
}): string {
  const { filter } = binding;
  const filters = filter
    ? `[{${JSON.stringify(filter.column)}, ${JSON.stringify(filter.op)}, ${JSON.stringify(
        filter.op === 'in' ? `{${filter.values.join(',')}}` : filter.values[0],
      )}, false}]`
    : '[]';
  return `[event: ${binding.event}, schema: ${binding.schema}, table: ${binding.table}, filters: ${filters}, select: nil]`;
}
