import { ContractError } from './errors';

/** Where a listPosts page ends: the keyset (createdAt desc, id desc) of its last post. */
export interface CursorPosition {
  /** The platform's own sortable form of createdAt (full precision), not necessarily ISO. */
  createdAt: string;
  id: string;
}

/** The filters a cursor belongs to; a cursor is only valid for the query that returned it. */
export interface CursorScope {
  authorId?: string | undefined;
  tag?: string | undefined;
}

const VERSION = 1;

// base64url over UTF-8 with btoa/atob, not Buffer: this also runs inside Convex's V8 runtime.
function toBase64Url(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw new Error('not base64url');
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const scopeKey = (scope: CursorScope) => [scope.authorId ?? null, scope.tag ?? null];

export function encodeCursor(scope: CursorScope, position: CursorPosition): string {
  return toBase64Url(JSON.stringify([VERSION, scopeKey(scope), position.createdAt, position.id]));
}

/** The position a cursor encodes, or VALIDATION when it was not returned by this same query. */
export function decodeCursor(cursor: string, scope: CursorScope): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 4) throw invalidCursor();
  const [version, key, createdAt, id] = decoded as unknown[];
  if (
    version !== VERSION ||
    JSON.stringify(key) !== JSON.stringify(scopeKey(scope)) ||
    typeof createdAt !== 'string' ||
    typeof id !== 'string' ||
    createdAt === '' ||
    id === ''
  ) {
    throw invalidCursor();
  }
  return { createdAt, id };
}

function invalidCursor(): ContractError {
  return ContractError.validation({ cursor: ['Not a cursor returned by this query'] });
}
