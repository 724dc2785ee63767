/**
 * What a module export is as a Convex function, read from the flags convex/server sets on every
 * registered function. One reading for the server's lookup and for the app's own tests (which list
 * every function to check their visibility); no Node APIs, so it also runs in convex-test's runtime.
 */
export type FunctionKind = 'query' | 'mutation' | 'action';

export interface FunctionInfo {
  kind: FunctionKind;
  visibility: 'public' | 'internal';
}

export interface RegisteredFunction extends FunctionInfo {
  /** As `getFunctionName` spells it: `module/path:export`. */
  name: string;
}

/** The flags convex/server sets on every registered function (RegisteredQuery & co.). */
interface RegistrationFlags {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
}

/** The export as a Convex function, or undefined when it is none (a helper, a constant, …). */
export function functionInfo(value: unknown): FunctionInfo | undefined {
  if (typeof value !== 'function') return undefined;
  const flags = value as RegistrationFlags;
  const kind = flags.isQuery ? 'query' : flags.isMutation ? 'mutation' : flags.isAction ? 'action' : null;
  if (!kind) return undefined;
  if (flags.isPublic === flags.isInternal) throw new Error(`A registered ${kind} with no visibility`);
  return { kind, visibility: flags.isPublic ? 'public' : 'internal' };
}

/**
 * Every function the modules export, sorted by name. `modules` maps a module's path under `convex/`
 * (`posts`, `lib/auth`; no extension) to its loader, as convex-test's modules do after their prefix.
 */
export async function registeredFunctions(
  modules: Record<string, () => Promise<unknown>>,
): Promise<RegisteredFunction[]> {
  const found: RegisteredFunction[] = [];
  for (const [modulePath, load] of Object.entries(modules)) {
    if (modulePath.startsWith('_generated/')) continue;
    for (const [exportName, value] of Object.entries((await load()) as Record<string, unknown>)) {
      const info = functionInfo(value);
      if (info) found.push({ name: `${modulePath}:${exportName}`, ...info });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
