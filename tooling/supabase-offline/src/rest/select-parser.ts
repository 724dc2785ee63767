import { parseError, PostgrestError } from './errors';

export const aggregatesNotAllowed = (): PostgrestError =>
  new PostgrestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');

export interface JsonStep {
  arrow: '->' | '->>';
  key: string;
}

/** A column, optionally followed by a JSON path (`data->a->>b`). */
export interface Field {
  name: string;
  path: JsonStep[];
}

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; cast: string | null; alias: string | null }
  | { kind: 'count'; alias: string | null }
  | {
      kind: 'embed';
      name: string;
      alias: string | null;
      hints: string[];
      inner: boolean;
      spread: boolean;
      select: SelectItem[];
    };

/** A tiny cursor over the `select` parameter; PostgREST's grammar is small enough for a hand-written parser. */
class Reader {
  position = 0;

  constructor(readonly text: string) {}

  peek(): string | undefined {
    return this.text[this.position];
  }

  done(): boolean {
    return this.position >= this.text.length;
  }

  consume(token: string): boolean {
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  expect(token: string): void {
    if (!this.consume(token)) throw this.error(`"${token}"`);
  }

  name(): string {
    if (this.consume('"')) {
      let value = '';
      while (!this.done() && this.peek() !== '"') value += this.text[this.position++];
      this.expect('"');
      return value;
    }
    const match = /^(?:[^,()!:.\s"-]|-(?!>))+/.exec(this.text.slice(this.position));
    if (!match) throw this.error('a name');
    this.position += match[0].length;
    return match[0];
  }

  error(expected: string): Error {
    return parseError(
      `"failed to parse select parameter (${this.text})"`,
      `unexpected "${this.peek() ?? 'end of input'}" expecting ${expected}`,
    );
  }
}

function parseItem(reader: Reader): SelectItem {
  if (reader.consume('*')) return { kind: 'star' };
  const spread = reader.consume('...');
  let name = reader.name();
  let alias: string | null = null;
  if (reader.peek() === ':' && reader.text[reader.position + 1] !== ':') {
    reader.expect(':');
    alias = name;
    name = reader.name();
  }
  const hints: string[] = [];
  let inner = false;
  while (reader.consume('!')) {
    const hint = reader.name();
    if (hint === 'inner') inner = true;
    else if (hint !== 'left') hints.push(hint);
  }
  if (reader.consume('(')) {
    if (name === 'count' && reader.consume(')')) return { kind: 'count', alias };
    // An empty embed (`users()`) filters the parent without adding a key, as in PostgREST.
    if (reader.consume(')')) return { kind: 'embed', name, alias, hints, inner, spread, select: [] };
    const select = parseList(reader);
    reader.expect(')');
    return { kind: 'embed', name, alias, hints, inner, spread, select };
  }
  if (hints.length > 0 || inner || spread) throw reader.error('"(" after an embedded resource');
  const path = parsePath(reader);
  // `col.sum()` and friends: aggregates are off on Supabase (db-aggregates-enabled), as here.
  if (/^\.(?:sum|avg|max|min|count)\(\)/.test(reader.text.slice(reader.position)))
    throw aggregatesNotAllowed();
  let cast: string | null = null;
  if (reader.consume('::')) cast = reader.name();
  return { kind: 'column', field: { name, path }, cast, alias };
}

function parsePath(reader: Reader): JsonStep[] {
  const path: JsonStep[] = [];
  for (;;) {
    const arrow = reader.consume('->>') ? '->>' : reader.consume('->') ? '->' : null;
    if (arrow === null) return path;
    path.push({ arrow, key: reader.name() });
  }
}

/** Parses the column of a filter or order term: a name with an optional JSON path. */
export function parseField(text: string): Field {
  const reader = new Reader(text);
  const name = reader.name();
  const path = parsePath(reader);
  if (!reader.done()) throw reader.error('"->", "->>" or end of column');
  return { name, path };
}

function parseList(reader: Reader): SelectItem[] {
  const items: SelectItem[] = [];
  do {
    while (reader.peek() === ' ') reader.position++;
    items.push(parseItem(reader));
    while (reader.peek() === ' ') reader.position++;
  } while (reader.consume(','));
  return items;
}

/** Parses PostgREST's `select` parameter, e.g. `id,title,author:users!author_id(name),tags!inner(*)`. */
export function parseSelect(text: string | null): SelectItem[] {
  if (text === null || text.trim() === '') return [{ kind: 'star' }];
  const reader = new Reader(text.replaceAll(/\s*\n\s*/g, ''));
  const items = parseList(reader);
  if (!reader.done()) throw reader.error('"," or end of input');
  return items;
}
