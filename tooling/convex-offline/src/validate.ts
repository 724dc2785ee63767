import type { Value } from 'convex/values';

/**
 * A function's arguments checked against its `args` validator as a Convex deployment checks them,
 * before the function runs, with the deployment's wording: the messages, the order fields are
 * checked in (sorted by name) and the way values and validators are printed follow the backend's
 * `ValidationError` in crates/common/src/schemas/validator.rs and `ConvexValue`'s Display in
 * crates/value (github.com/get-convex/convex-backend); the caller prefixes `ArgumentValidationError: `
 * as crates/isolate does. convex-test checks the same rules but words them its own way
 * (`Validator error: Expected …`), and clients that show or match the message see the difference.
 */

/** A validator as `exportArgs()` serializes it (convex/values' `Validator.json`). */
type ValidatorJson =
  | { type: 'null' | 'number' | 'bigint' | 'boolean' | 'string' | 'bytes' | 'any' }
  | { type: 'id'; tableName: string }
  | { type: 'literal'; value: string | number | boolean | { $integer: string } }
  | { type: 'array'; value: ValidatorJson }
  | { type: 'record'; keys: ValidatorJson; values: FieldJson }
  | { type: 'object'; value: Record<string, FieldJson> }
  | { type: 'union'; value: ValidatorJson[] };

interface FieldJson {
  fieldType: ValidatorJson;
  optional: boolean;
}

/** What an ID string names: its table, or undefined when it is not an ID at all. */
export type IdTable = (id: string) => { table: string; system: boolean } | undefined;

/** The deployment's message for arguments that do not match, or undefined when they do. */
export function argumentError(validatorJson: string, args: Value, idTable: IdTable): string | undefined {
  const validator = JSON.parse(validatorJson) as ValidatorJson;
  return check(validator, args, '', idTable);
}

function check(validator: ValidatorJson, value: Value, path: string, idTable: IdTable): string | undefined {
  const context = path ? `Path: ${path}` : '';
  const noMatch = () =>
    `Value does not match validator.\n${context}\nValue: ${show(value)}\nValidator: ${showValidator(validator)}`;
  switch (validator.type) {
    case 'any':
      return undefined;
    case 'null':
      return value === null ? undefined : noMatch();
    case 'number':
      return typeof value === 'number' ? undefined : noMatch();
    case 'bigint':
      return typeof value === 'bigint' ? undefined : noMatch();
    case 'boolean':
      return typeof value === 'boolean' ? undefined : noMatch();
    case 'string':
      return typeof value === 'string' ? undefined : noMatch();
    case 'bytes':
      return value instanceof ArrayBuffer ? undefined : noMatch();
    case 'id': {
      const found = typeof value === 'string' ? idTable(value) : undefined;
      if (!found) return noMatch();
      if (found.table === validator.tableName) return undefined;
      const expected = `\`v.id("${validator.tableName}")\``;
      return found.system
        ? `Found ID "${String(value)}" from a system table, which does not match the table name in validator ${expected}.${context}`
        : `Found ID "${String(value)}" from table \`${found.table}\`, which does not match the table name in validator ${expected}.${context}`;
    }
    case 'literal': {
      const literal = literalValue(validator.value);
      if (value === literal) return undefined;
      return `\`${show(value)}\` does not match literal validator \`v.literal(${showLiteral(literal)})\`.${context}`;
    }
    case 'array':
      if (!Array.isArray(value)) return noMatch();
      for (const [index, element] of value.entries()) {
        const error = check(validator.value, element, `${path}[${index}]`, idTable);
        if (error) return error;
      }
      return undefined;
    case 'record':
      if (!isObject(value)) return noMatch();
      for (const key of sortedKeys(value)) {
        const error =
          check(validator.keys, key, `${path}.keys()`, idTable) ??
          check(validator.values.fieldType, value[key]!, `${path}.values()`, idTable);
        if (error) return error;
      }
      return undefined;
    case 'object': {
      if (!isObject(value)) return noMatch();
      const fields = validator.value;
      const object = () => `\n${context}\nObject: ${show(value)}\nValidator: ${showValidator(validator)}`;
      for (const name of sortedKeys(fields)) {
        const field = fields[name]!;
        if (value[name] !== undefined) {
          const error = check(field.fieldType, value[name], `${path}.${name}`, idTable);
          if (error) return error;
        } else if (!field.optional) {
          return `Object is missing the required field \`${name}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.${object()}`;
        }
      }
      const extra = sortedKeys(value).find((name) => !(name in fields));
      if (extra !== undefined)
        return `Object contains extra field \`${extra}\` that is not in the validator.${object()}`;
      return undefined;
    }
    case 'union': {
      if (validator.value.length === 1) return check(validator.value[0]!, value, path, idTable);
      return validator.value.some((option) => !check(option, value, path, idTable)) ? undefined : noMatch();
    }
  }
}

function isObject(value: Value): value is { [key: string]: Value } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer)
  );
}

// The backend's objects and object validators are BTreeMaps: fields in byte order of their names.
function sortedKeys(object: object): string[] {
  return Object.keys(object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function literalValue(json: string | number | boolean | { $integer: string }): Value {
  if (typeof json !== 'object') return json;
  return Buffer.from(json.$integer, 'base64').readBigInt64LE();
}

/** ConvexValue's Display: Rust's Debug for strings and floats, `{a: 1.0}` objects, `[…]` arrays. */
function show(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return showFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return showString(value);
  if (value instanceof ArrayBuffer) return `b${showString(Buffer.from(value).toString('latin1'))}`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (!isObject(value)) return String(value);
  return `{${sortedKeys(value)
    .map((key) => `${key}: ${show(value[key]!)}`)
    .join(', ')}}`;
}

// Rust's `{:?}` of an f64: always a fraction or an exponent, exponents without "+".
function showFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e16 || magnitude < 1e-4))
    return value.toExponential().replace('e+', 'e');
  if (Number.isInteger(value)) return `${Object.is(value, -0) ? '-0' : value}.0`;
  return String(value);
}

const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
};

// Rust's `{:?}` of a str: double quotes, backslash escapes, `\u{…}` for other control characters.
function showString(value: string): string {
  let escaped = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    escaped += NAMED_ESCAPES[char] ?? (code < 0x20 || code === 0x7f ? `\\u{${code.toString(16)}}` : char);
  }
  return `"${escaped}"`;
}

// LiteralValidator's Display: JSON as serde_json writes it (floats with a fraction), `<bigint>` for an int64.
function showLiteral(value: Value): string {
  if (typeof value === 'bigint') return '<bigint>';
  if (typeof value === 'number') return Number.isFinite(value) ? showFloat(value) : '<number>';
  return JSON.stringify(value);
}

function showValidator(validator: ValidatorJson): string {
  switch (validator.type) {
    case 'number':
      return 'v.float64()';
    case 'bigint':
      return 'v.int64()';
    case 'id':
      return `v.id("${validator.tableName}")`;
    case 'literal':
      return `v.literal(${showLiteral(literalValue(validator.value))})`;
    case 'array':
      return `v.array(${showValidator(validator.value)})`;
    case 'record':
      return `v.record(${showValidator(validator.keys)}, ${showField(validator.values)})`;
    case 'object':
      return `v.object({${sortedKeys(validator.value)
        .map((name) => `${name}: ${showField(validator.value[name]!)}`)
        .join(', ')}})`;
    case 'union':
      return `v.union(${validator.value.map(showValidator).join(', ')})`;
    default:
      return `v.${validator.type}()`;
  }
}

function showField(field: FieldJson): string {
  return field.optional ? `v.optional(${showValidator(field.fieldType)})` : showValidator(field.fieldType);
}
