import { parseError } from './errors';
import { parseSelect, type SelectItem } from './select-parser';

const comparisonOperators = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  ilike: 'ILIKE',
  match: '~',
  imatch: '~*',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  isdistinct: 'IS DISTINCT FROM',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const;

// Full-text search operators and the tsquery function each one calls.
const textSearchFunctions = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
} as const;

export type ComparisonOperator = keyof typeof comparisonOperators;
export const sqlOperator = (operator: ComparisonOperator): string => comparisonOperators[operator];

export type Filter =
  | {
      kind: 'compare';
      column: string;
      negate: boolean;
      operator: ComparisonOperator;
      quantifier: 'any' | 'all' | null;
      value: string | string[];
    }
  | { kind: 'in'; column: string; negate: boolean; values: string[] }
  | {
      kind: 'text-search';
      column: string;
      negate: boolean;
      tsquery: (typeof textSearchFunctions)[keyof typeof textSearchFunctions];
      /** The text search configuration of `fts(english)`, bound as a regconfig parameter. */
      config: string | null;
      value: string;
    }
  | { kind: 'is'; column: string; negate: boolean; value: 'null' | 'not_null' | 'true' | 'false' | 'unknown' }
  | { kind: 'logic'; operator: 'and' | 'or'; negate: boolean; children: Filter[] };

export interface OrderTerm {
  column: string;
  descending: boolean;
  nulls: 'first' | 'last' | null;
}

/** Filters, order and paging that apply to one level of the select tree ('' is the root). */
export interface LevelOptions {
  filters: Filter[];
  order: OrderTerm[];
  limit: number | null;
  offset: number | null;
}

export interface ParsedQuery {
  select: SelectItem[];
  levels: Map<string, LevelOptions>;
  onConflict: string[] | null;
  columns: string[] | null;
}

/** Splits on commas that are outside parentheses, braces and double quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted && char === '\\') {
      current += char + (text[++index] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '(' || char === '{')) depth++;
    else if (!quoted && (char === ')' || char === '}')) depth--;
    if (char === ',' && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replaceAll(/\\(.)/g, '$1');
  }
  return trimmed;
}

function parseList(text: string, open: string, close: string): string[] {
  if (!text.startsWith(open) || !text.endsWith(close))
    throw parseError(`"failed to parse filter (${text})"`, `expecting a list in "${open}${close}"`);
  const inner = text.slice(1, -1);
  return inner === '' ? [] : splitTopLevel(inner).map(unquote);
}

/** Parses the part after the column: `[not.]operator[(any|all)].value`. */
function parseOperation(column: string, text: string, insideLogic: boolean): Filter {
  let rest = text;
  let negate = false;
  if (rest.startsWith('not.')) {
    negate = true;
    rest = rest.slice(4);
  }
  const match = /^([a-z]+)(?:\(([^()]*)\))?\.([\s\S]*)$/.exec(rest);
  if (!match) throw parseError(`"failed to parse filter (${text})"`, 'unexpected operator');
  const [, operator = '', modifier, rawValue = ''] = match;
  const value = insideLogic ? unquote(rawValue) : rawValue;
  if (operator in textSearchFunctions) {
    const tsquery = textSearchFunctions[operator as keyof typeof textSearchFunctions];
    return { kind: 'text-search', column, negate, tsquery, config: modifier ?? null, value };
  }
  const quantifier = modifier;
  if (quantifier !== undefined && quantifier !== 'any' && quantifier !== 'all') {
    throw parseError(
      `"failed to parse filter (${text})"`,
      `unexpected "(${quantifier})" after "${operator}"`,
    );
  }
  if (operator === 'in') return { kind: 'in', column, negate, values: parseList(rawValue, '(', ')') };
  if (operator === 'is') {
    const normalized = value.toLowerCase();
    if (!['null', 'not_null', 'true', 'false', 'unknown'].includes(normalized)) {
      throw parseError(
        `"failed to parse filter (${text})"`,
        'expecting null, not_null, true, false or unknown after "is."',
      );
    }
    return {
      kind: 'is',
      column,
      negate,
      value: normalized as 'null' | 'not_null' | 'true' | 'false' | 'unknown',
    };
  }
  if (!(operator in comparisonOperators))
    throw parseError(`"failed to parse filter (${text})"`, `unknown operator "${operator}"`);
  const typedOperator = operator as ComparisonOperator;
  const isPattern = typedOperator === 'like' || typedOperator === 'ilike';
  const toPattern = (item: string): string => (isPattern ? item.replaceAll('*', '%') : item);
  if (quantifier === 'any' || quantifier === 'all') {
    return {
      kind: 'compare',
      column,
      negate,
      operator: typedOperator,
      quantifier,
      value: parseList(value, '{', '}').map(toPattern),
    };
  }
  return {
    kind: 'compare',
    column,
    negate,
    operator: typedOperator,
    quantifier: null,
    value: toPattern(value),
  };
}

/** Parses `(a.eq.1,or(b.is.null,c.gt.2))`, the value of `or=` / `and=` and their nested forms. */
function parseLogic(operator: 'and' | 'or', negate: boolean, text: string): Filter {
  if (!text.startsWith('(') || !text.endsWith(')'))
    throw parseError(`"failed to parse logic tree (${text})"`, 'expecting "("');
  const inner = text.slice(1, -1);
  // As PostgREST's grammar: a tree holds at least one condition, so `or=()` is a parse error.
  if (inner.trim() === '')
    throw parseError(`"failed to parse logic tree (${text})"`, 'expecting a condition or a logic operator');
  const children = splitTopLevel(inner).map((part) => parseLogicItem(part.trim()));
  return { kind: 'logic', operator, negate, children };
}

function parseLogicItem(text: string): Filter {
  const logic = /^(not\.)?(and|or)(\(.*\))$/s.exec(text);
  if (logic) return parseLogic(logic[2] as 'and' | 'or', logic[1] !== undefined, logic[3] as string);
  const dot = text.indexOf('.');
  if (dot <= 0)
    throw parseError(`"failed to parse logic tree (${text})"`, 'expecting "column.operator.value"');
  return parseOperation(text.slice(0, dot), text.slice(dot + 1), true);
}

function parseOrder(text: string): OrderTerm[] {
  return splitTopLevel(text).map((term) => {
    const [column = '', ...modifiers] = term.split('.');
    const order: OrderTerm = { column, descending: false, nulls: null };
    for (const modifier of modifiers) {
      if (modifier === 'asc' || modifier === 'desc') order.descending = modifier === 'desc';
      else if (modifier === 'nullsfirst' || modifier === 'nullslast')
        order.nulls = modifier === 'nullsfirst' ? 'first' : 'last';
      else throw parseError(`"failed to parse order (${text})"`, `unexpected "${modifier}"`);
    }
    if (column === '') throw parseError(`"failed to parse order (${text})"`, 'expecting a column');
    return order;
  });
}

function parseNonNegative(name: string, text: string): number {
  if (!/^\d+$/.test(text))
    throw parseError(`"failed to parse ${name} (${text})"`, 'expecting a non-negative integer');
  return Number(text);
}

function levelOf(levels: Map<string, LevelOptions>, path: string): LevelOptions {
  let level = levels.get(path);
  if (!level) {
    level = { filters: [], order: [], limit: null, offset: null };
    levels.set(path, level);
  }
  return level;
}

/** Splits `author.posts.limit` into the embed path (`author.posts`) and the last segment. */
function splitPath(key: string): [string, string] {
  const dot = key.lastIndexOf('.');
  return dot === -1 ? ['', key] : [key.slice(0, dot), key.slice(dot + 1)];
}

/**
 * Parses a request's query string the way PostgREST reads it. `ignored` names parameters that
 * are not filters (the arguments of a GET /rpc call).
 */
export function parseQuery(params: URLSearchParams, ignored: ReadonlySet<string> = new Set()): ParsedQuery {
  const parsed: ParsedQuery = {
    select: parseSelect(params.get('select')),
    levels: new Map(),
    onConflict: null,
    columns: null,
  };
  levelOf(parsed.levels, '');
  for (const [key, value] of params) {
    if (key === 'select' || ignored.has(key)) continue;
    if (key === 'on_conflict') parsed.onConflict = value.split(',').map((column) => column.trim());
    else if (key === 'columns') parsed.columns = splitTopLevel(value).map(unquote);
    else {
      const [path, last] = splitPath(key);
      if (last === 'order') levelOf(parsed.levels, path).order.push(...parseOrder(value));
      else if (last === 'limit') levelOf(parsed.levels, path).limit = parseNonNegative('limit', value);
      else if (last === 'offset') levelOf(parsed.levels, path).offset = parseNonNegative('offset', value);
      else if (last === 'or' || last === 'and') {
        const negate = path === 'not' || path.endsWith('.not');
        const levelPath = negate ? path.slice(0, -'not'.length).replace(/\.$/, '') : path;
        levelOf(parsed.levels, levelPath).filters.push(parseLogic(last, negate, value));
      } else levelOf(parsed.levels, path).filters.push(parseOperation(last, value, false));
    }
  }
  return parsed;
}
