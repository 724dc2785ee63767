import fc from 'fast-check';

/**
 * Hostile inputs for the fuzz suite and the differential runner: wrong types, unknown and
 * prototype-named keys, huge and control-character strings, Unicode edge cases, NaN/Infinity,
 * deep objects and arrays where objects belong.
 */

/** Keys an attacker tries: Object.prototype members, keys Convex cannot carry, platform columns. */
export const HOSTILE_KEYS = [
  'toString',
  'constructor',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  '$where',
  '$gt',
  'a b',
  ' title',
  'é',
  '名前',
  '😀',
  '',
  '_id',
  'id',
  'authorId',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'tags',
] as const;

/** Text every platform must refuse: NUL and other control characters, lone surrogates. */
export const unstorableText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u009f',
      '\ud800',
      '\udfff',
      '\udc00x',
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Valid but unusual text: emoji, combining marks, zero-width and bidi characters, line breaks. */
export const unusualText = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      '😀',
      '👩‍💻',
      'e\u0301',
      '\u200b',
      '\u202e',
      '\u2028',
      '\t',
      '\n',
      'ß',
      'İ',
      '٣',
      ' ',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => `x${parts.join('')}x`);

const hugeText = fc.integer({ min: 20_001, max: 60_000 }).map((length) => 'h'.repeat(length));

/** A value of the wrong type for a text, boolean or list field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 4 }),
  fc.object({ maxDepth: 3, maxKeys: 3 }),
  fc.constant(Symbol('hostile')),
  unstorableText,
  hugeText,
);

/** Not an object where an object belongs. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant([]),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(Number.NaN),
);

export type FieldArbitraries = Record<string, fc.Arbitrary<unknown>>;

/**
 * An input object for an operation with the given valid field values: every field is left out,
 * valid or hostile, and zero to two unknown keys are added. Built with Object.fromEntries, so even
 * `__proto__` is an own key, as a parsed request body has it.
 */
export function hostileObject(valid: FieldArbitraries): fc.Arbitrary<unknown> {
  const fields = Object.entries(valid).map(([name, value]) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant([] as [string, unknown][]) },
      { weight: 2, arbitrary: value.map((v): [string, unknown][] => [[name, v]]) },
      {
        weight: 2,
        arbitrary: fc.oneof(wrongValue, unusualText).map((v): [string, unknown][] => [[name, v]]),
      },
    ),
  );
  const unknownKeys = fc.uniqueArray(
    fc.tuple(
      fc
        .oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 }))
        .filter((key) => !(key in valid)),
      fc.oneof(wrongValue, fc.string({ maxLength: 5 })),
    ),
    { maxLength: 2, selector: ([key]) => key },
  );
  return fc
    .tuple(fc.tuple(...fields), unknownKeys)
    .map(([given, extra]) => Object.fromEntries([...given.flat(), ...extra]));
}
