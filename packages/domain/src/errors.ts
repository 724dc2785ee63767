export const ERROR_CODES = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field name → messages; only VALIDATION errors carry it. */
export type FieldErrors = Record<string, string[]>;

/** The only error a platform may let reach the contract (SPEC.md §2). */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.code = code;
    this.fields = fields;
  }

  static validation(fields: FieldErrors, message = 'Invalid input'): ContractError {
    return new ContractError('VALIDATION', message, fields);
  }

  /** Plain data, for platforms that carry errors across a wire (ConvexError data, JSON bodies). */
  toJSON(): { code: ErrorCode; message: string; fields?: FieldErrors } {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Rebuilds a ContractError from its JSON form; null when the value is not one. */
export function contractErrorFromData(data: unknown): ContractError | null {
  if (typeof data !== 'object' || data === null) return null;
  const { code, message, fields } = data as { code?: unknown; message?: unknown; fields?: unknown };
  if (!isErrorCode(code)) return null;
  return new ContractError(
    code,
    typeof message === 'string' ? message : code,
    code === 'VALIDATION' && typeof fields === 'object' && fields !== null
      ? (fields as FieldErrors)
      : undefined,
  );
}
