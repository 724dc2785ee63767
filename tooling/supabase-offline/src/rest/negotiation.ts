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
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
  const tokens = new Set(
    [header ?? '']
      .flat()
      .join(',')
      .split(',')
      .map((token) => token.trim()),
  );
  return {
    representation: tokens.has('return=representation'),
    countExact: ['count=exact', 'count=planned', 'count=estimated'].some((token) => tokens.has(token)),
    resolution: tokens.has('resolution=merge-duplicates')
      ? 'merge'
      : tokens.has('resolution=ignore-duplicates')
        ? 'ignore'
        : null,
    missingDefault: tokens.has('missing=default'),
  };
}

export const singularError = (rows: number): PostgrestError =>
  new PostgrestError(
    406,
    'PGRST116',
    'Cannot coerce the result to a single JSON object',
    `The result contains ${rows} rows`,
  );

export function wantsObject(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('application/vnd.pgrst.object+json');
}

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
