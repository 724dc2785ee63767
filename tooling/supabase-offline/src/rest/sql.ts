/** Quotes an identifier that was already checked against the schema cache. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Collects bind parameters while a statement is assembled, so request values only ever
 * reach PostgreSQL as `$n` parameters, never as SQL text.
 */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
