import { PostgrestError } from './errors';
import { type LevelOptions } from './query-parser';
import { type Schema } from './schema-cache';
import { type Params, quoteIdent } from './sql';

/** State shared while one request's statement is assembled. */
export class QueryContext {
  // "t0" is always the root relation, so generated aliases start at 1.
  private aliasCount = 1;
  private readonly usedLevels = new Set<string>();

  constructor(
    readonly schema: Schema,
    readonly params: Params,
    private readonly levels: Map<string, LevelOptions>,
  ) {}

  nextAlias(prefix: string): string {
    return quoteIdent(`${prefix}${this.aliasCount++}`);
  }

  /** A generated output column name, unique in the statement (unquoted, for the result shape). */
  nextColumnAlias(): string {
    return `k${this.aliasCount++}`;
  }

  level(...paths: string[]): LevelOptions {
    const merged: LevelOptions = { filters: [], order: [], limit: null, offset: null };
    for (const path of new Set(paths)) {
      const level = this.levels.get(path);
      if (!level) continue;
      this.usedLevels.add(path);
      merged.filters.push(...level.filters);
      merged.order.push(...level.order);
      merged.limit = level.limit ?? merged.limit;
      merged.offset = level.offset ?? merged.offset;
    }
    return merged;
  }

  /** PostgREST rejects filters and order on an embed the select does not contain (PGRST108). */
  assertAllLevelsUsed(): void {
    for (const path of this.levels.keys()) {
      if (path !== '' && !this.usedLevels.has(path)) {
        throw new PostgrestError(
          400,
          'PGRST108',
          `'${path}' is not an embedded resource in this request`,
          null,
          `Verify that '${path}' is included in the 'select' query parameter.`,
        );
      }
    }
  }
}

export const qualifiedName = (schema: Schema, name: string): string =>
  `${quoteIdent(schema.name)}.${quoteIdent(name)}`;
