/**
 * The keys a request asked for (aliases, column names, embed names) never reach SQL: every
 * selected column gets a generated alias, and the shape maps those back to the requested keys.
 */
export interface ShapeEntry {
  alias: string;
  key: string;
  /** The shape of an embedded resource's rows. */
  embed: Shape | null;
}

export type Shape = ShapeEntry[];

/** Renames the generated keys of a read's JSON result (an array, an object or null) to the requested ones. */
export function reshape(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return value.map((item) => reshape(item, shape));
  if (value === null || typeof value !== 'object') return value;
  const row = value as Record<string, unknown>;
  return Object.fromEntries(
    shape.map(({ alias, key, embed }) => {
      const field = row[alias] ?? null;
      return [key, embed === null ? field : reshape(field, embed)];
    }),
  );
}
