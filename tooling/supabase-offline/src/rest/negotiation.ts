import { type IncomingMessage } from 'node:http';
import { PostgrestError } from './errors';
import { type ParsedQuery } from './query-parser';

// What a request asks for through Prefer, Accept and Range, and the Content-Range it gets back.

export interface Preferences {
  representation: boolean;
  /** count=exact; planned and estimated counts are answered exactly too. */
  countExact: boolean;
  resolution: 'merge' | 'ignore' | null;
  missingDefault: boolean;
  /** `tx=rollback`: the request runs and answers as usual, then its transaction is rolled back. */
  rollback: boolean;
  strict: boolean;
  maxAffected: number | null;
  /** `timezone=…`: the session time zone timestamps are written in (PostgreSQL refuses unknown ones). */
  timezone: string | null;
  /** The preferences PostgREST applied, for the Preference-Applied header. */
  applied: string[];
}

// Every preference PostgREST knows; `timezone=` and `max-affected=` take a value.
const known = [
  'resolution=merge-duplicates',
  'resolution=ignore-duplicates',
  'return=representation',
  'return=minimal',
  'return=headers-only',
  'count=exact',
  'count=planned',
  'count=estimated',
  'tx=commit',
  'tx=rollback',
  'missing=default',
  'missing=null',
  'handling=strict',
  'handling=lenient',
];

/**
 * Reads Prefer like PostgREST: the first value of each preference wins; with `handling=strict`
 * an unknown one is 400 PGRST122, otherwise it is ignored.
 */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const tokens = [header ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  const first = (name: string): string | null =>
    tokens
      .find((token) => token.startsWith(`${name}=`) && (known.includes(token) || name === 'max-affected'))
      ?.slice(name.length + 1) ?? null;
  const invalid = tokens.filter(
    (token) => !known.includes(token) && !token.startsWith('timezone=') && !token.startsWith('max-affected='),
  );
  const strict = first('handling') === 'strict';
  if (strict && invalid.length > 0) {
    throw new PostgrestError(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${invalid.join(', ')}`,
    );
  }
  const maxAffected = Number(first('max-affected') ?? Number.NaN);
  const timezone = tokens.find((token) => token.startsWith('timezone='))?.slice('timezone='.length) ?? null;
  const chosen = ['resolution', 'missing', 'return', 'count', 'tx', 'handling'].flatMap((name) => {
    const value = first(name);
    return value === null ? [] : [`${name}=${value}`];
  });
  if (timezone !== null) chosen.push(`timezone=${timezone}`);
  return {
    representation: first('return') === 'representation',
    countExact: first('count') !== null,
    resolution:
      first('resolution') === 'merge-duplicates'
        ? 'merge'
        : first('resolution') === 'ignore-duplicates'
          ? 'ignore'
          : null,
    missingDefault: first('missing') === 'default',
    rollback: first('tx') === 'rollback',
    strict,
    maxAffected: Number.isInteger(maxAffected) ? maxAffected : null,
    timezone,
    applied: chosen,
  };
}

/** With handling=strict, a write or call touching more rows than `max-affected` is 400 PGRST124 (and rolled back). */
export function checkMaxAffected(prefer: Preferences, affected: number): void {
  if (prefer.strict && prefer.maxAffected !== null && affected > prefer.maxAffected) {
    throw new PostgrestError(
      400,
      'PGRST124',
      'Query result exceeds max-affected preference constraint',
      `The query affects ${affected} rows`,
    );
  }
}

export const singularError = (rows: number): PostgrestError =>
  new PostgrestError(
    406,
    'PGRST116',
    'Cannot coerce the result to a single JSON object',
    `The result contains ${rows} rows`,
  );

/** The response format an Accept header asks for, among those PostgREST produces for rows. */
export interface MediaType {
  kind: 'array' | 'object' | 'csv';
  /** `nulls=stripped` on PostgREST's vendor types: null fields are left out. */
  stripNulls: boolean;
}

/**
 * PostgREST's content negotiation: the most preferred acceptable type wins (`*\/*` is JSON);
 * when none is acceptable, 406 PGRST107. Plans (`application/vnd.pgrst.plan`) are disabled on
 * Supabase and answered the same way.
 */
export function negotiate(request: IncomingMessage): MediaType {
  const header = request.headers.accept;
  if (header === undefined || header.trim() === '') return { kind: 'array', stripNulls: false };
  const ranges = header
    .split(',')
    .map((range, index) => {
      const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
      const q = params.find((param) => param.startsWith('q='));
      return { type, params, q: q === undefined ? 1 : Number(q.slice(2)), index };
    })
    .filter((range) => range.q > 0)
    .sort((left, right) => right.q - left.q || left.index - right.index);
  for (const { type, params } of ranges) {
    const stripNulls = params.includes('nulls=stripped');
    if (type === 'application/json' || type === '*/*') return { kind: 'array', stripNulls: false };
    if (type === 'application/vnd.pgrst.array+json' || type === 'application/vnd.pgrst.array')
      return { kind: 'array', stripNulls };
    if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object')
      return { kind: 'object', stripNulls };
    if (type === 'text/csv') return { kind: 'csv', stripNulls: false };
  }
  throw new PostgrestError(406, 'PGRST107', `None of these media types are available: ${header}`);
}

/** json_strip_nulls: object fields that are null are removed, at every depth; array items stay. */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, stripNulls(field)]),
  );
}

export const contentTypes = {
  array: 'application/json; charset=utf-8',
  object: 'application/vnd.pgrst.object+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

/** `Range: 0-9` (the header form) when the query string has no limit/offset of its own. */
export function applyRangeHeader(request: IncomingMessage, query: ParsedQuery): void {
  const match = /^(?:items=)?(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  const root = query.levels.get('');
  if (!match || !root) return;
  const from = Number(match[1]);
  root.offset ??= from;
  if (match[2] !== '' && match[2] !== undefined) root.limit ??= Number(match[2]) - from + 1;
}

export function contentRange(offset: number, rows: number, total: number | null): string {
  const range = rows === 0 ? '*' : `${offset}-${offset + rows - 1}`;
  return `${range}/${total ?? '*'}`;
}
