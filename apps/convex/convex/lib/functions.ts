import { ContractError, fieldErrorsOf, type ValidationIssue } from '@parity/domain';
import { customCtx, NoOp } from 'convex-helpers/server/customFunctions';
import { zCustomMutation, zCustomQuery } from 'convex-helpers/server/zod4';
import { ConvexError } from 'convex/values';
import { mutation, query } from '../_generated/server';
import { requireUser } from './auth';
import { contractFailure } from './errors';

/**
 * Public functions whose arguments are the domain's zod schemas (convex-helpers' zod functions):
 * the generated `api` types the arguments, and the handler receives them parsed by the same
 * rules as on every platform. Two adjustments, made where convex-helpers hands the function to
 * Convex's own builder:
 *
 * - Arguments are judged by the schema alone. A Convex validator derived from a strict schema
 *   would refuse an unknown or mistyped field before the handler, with an argument error naming
 *   one path; the contract answers VALIDATION naming every bad field (SPEC.md §3, §6). `returns`
 *   stays a Convex validator.
 * - A failed parse leaves as the contract's error data, `{code, message, fields}`, instead of
 *   convex-helpers' `{ZodError: issues}`, so every client reads one shape.
 */
export const zodQuery = zCustomQuery(judgedBySchema(query), NoOp);

/**
 * A signed-in user's write: the caller is found (or UNAUTHENTICATED) before the arguments are
 * judged, the order every platform answers in; the handler gets them as `ctx.user`.
 */
export const userMutation = zCustomMutation(
  judgedBySchema(mutation),
  customCtx(async (ctx) => ({ user: await requireUser(ctx) })),
);

type Args = Record<string, unknown>;
type Definition = { args?: unknown; handler: (ctx: unknown, args: Args) => unknown };

function judgedBySchema<Builder>(builder: Builder): Builder {
  const register = builder as unknown as (definition: Definition) => unknown;
  const judged = ({ args: _convexValidators, handler, ...definition }: Definition) =>
    register({
      ...definition,
      handler: async (ctx, args) => {
        try {
          return await handler(ctx, args);
        } catch (error) {
          throw validationFailure(error, args) ?? error;
        }
      },
    });
  return judged as unknown as Builder;
}

function validationFailure(error: unknown, args: Args): ReturnType<typeof contractFailure> | null {
  if (!(error instanceof ConvexError)) return null;
  const issues = (error.data as { ZodError?: ValidationIssue[] }).ZodError;
  if (!Array.isArray(issues)) return null;
  return contractFailure(ContractError.validation(fieldErrorsOf(issues.map((i) => withinInput(i, args)))));
}

/**
 * An issue's path starts with the argument. Inside an input object (`post`, `patch`, `query`…)
 * the contract names the field within it (`post.title` → `title`, an unknown key by itself);
 * otherwise the argument is the field: a value (setPostTags' `tags: {}` or `[1]`), or an input
 * that is not an object at all.
 */
function withinInput(issue: ValidationIssue, args: Args): ValidationIssue {
  const [argument, ...path] = issue.path;
  const value = typeof argument === 'string' ? args[argument] : undefined;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const inside = path.length > 0 || issue.code === 'unrecognized_keys';
  return isObject && inside ? { ...issue, path } : issue;
}
