import { queryGeneric } from 'convex/server';
import { v, type PropertyValidators, type Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { argumentError } from './validate';

const noIds = () => undefined;
// The validator as a deployment receives it: what the registered function's exportArgs() gives.
const check = (args: PropertyValidators, value: Record<string, Value>) => {
  const query = queryGeneric({ args, handler: () => null }) as unknown as { exportArgs(): string };
  return argumentError(query.exportArgs(), value, noIds);
};

// The wording of the cases the HTTP tests do not reach, as the backend's Display writes them.
describe('argumentError', () => {
  it('passes what matches, optional fields absent', () => {
    expect(check({ a: v.string(), b: v.optional(v.number()) }, { a: 'x' })).toBeUndefined();
  });

  it('prints floats and strings as Rust debug-prints them', () => {
    expect(check({ n: v.string() }, { n: 1e21 })).toBe(
      'Value does not match validator.\nPath: .n\nValue: 1e21\nValidator: v.string()',
    );
    expect(check({ n: v.number() }, { n: 'a "b"\n\u0001' })).toBe(
      'Value does not match validator.\nPath: .n\nValue: "a \\"b\\"\\n\\u{1}"\nValidator: v.float64()',
    );
  });

  it('names nested paths, records and literals', () => {
    expect(check({ o: v.object({ p: v.array(v.boolean()) }) }, { o: { p: [true, 0.5] } })).toBe(
      'Value does not match validator.\nPath: .o.p[1]\nValue: 0.5\nValidator: v.boolean()',
    );
    expect(check({ r: v.record(v.string(), v.int64()) }, { r: { k: 1 } })).toBe(
      'Value does not match validator.\nPath: .r.values()\nValue: 1.0\nValidator: v.int64()',
    );
    expect(check({ l: v.literal(3) }, { l: 4 })).toBe(
      '`4.0` does not match literal validator `v.literal(3.0)`.Path: .l',
    );
  });

  it('reports the first of several problems in field-name order', () => {
    expect(check({ b: v.string(), a: v.string() }, { b: 1, c: 2 })).toBe(
      'Object is missing the required field `a`. Consider wrapping the field validator in `v.optional(...)` if this is expected.\n\nObject: {b: 1.0, c: 2.0}\nValidator: v.object({a: v.string(), b: v.string()})',
    );
  });
});
