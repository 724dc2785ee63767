import { parse as parseArray } from 'postgres-array';

/**
 * A JSON query parameter as Neon passes it to PostgreSQL (text format): null stays NULL, strings go
 * unchanged, numbers, booleans and objects as their JSON text, arrays as PostgreSQL array literals.
 * The driver already sends strings (pg's prepareValue); this matters for other HTTP clients.
 */
export function parameterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return arrayLiteral(value);
    // Inside an array literal strings (objects as their JSON text) are quoted and escaped.
    const text = typeof value === 'object' ? JSON.stringify(value) : value;
    return JSON.stringify(text);
  });
  return `{${items.join(',')}}`;
}

const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const FLOAT4 = 700;
const FLOAT8 = 701;
const JSON_TYPE = 114;
const JSONB = 3802;

/** Element type of each array type (pg_type.typelem), for output without Neon-Raw-Text-Output. */
export type ArrayElementTypes = ReadonlyMap<number, number>;

/**
 * A column value as Neon returns it when the client did not ask for raw text: booleans, int2/int4 and
 * finite floats as JSON values, json/jsonb parsed, arrays as JSON arrays; everything else (int8,
 * numeric, dates…) stays PostgreSQL's text.
 */
export function jsonValue(text: string, typeId: number, arrayElements: ArrayElementTypes): unknown {
  const elementType = arrayElements.get(typeId);
  if (elementType !== undefined)
    return parseArray(text, (item) => jsonValue(item, elementType, arrayElements));
  switch (typeId) {
    case BOOL:
      return text === 't';
    case INT2:
    case INT4:
      return Number.parseInt(text, 10);
    case FLOAT4:
    case FLOAT8: {
      const number = Number(text);
      return Number.isFinite(number) ? number : text; // NaN and ±Infinity stay strings, as on Neon
    }
    case JSON_TYPE:
    case JSONB:
      return JSON.parse(text) as unknown;
    default:
      return text;
  }
}
