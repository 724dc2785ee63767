import { modules } from '../contract/convex-test';

export interface RegisteredFunction {
  /** As `getFunctionName` spells it: `module/path:export`. */
  name: string;
  kind: 'query' | 'mutation' | 'action';
  visibility: 'public' | 'internal';
}

/** The flags convex/server sets on every registered function (RegisteredQuery & co.). */
interface RegistrationFlags {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
}

/** Every Convex function the app's modules export, read from the modules themselves. */
export async function registeredFunctions(): Promise<RegisteredFunction[]> {
  const found: RegisteredFunction[] = [];
  for (const [path, load] of Object.entries(modules)) {
    const modulePath = path.replace(/^\.\.\/convex\//, '').replace(/\.[jt]s$/, '');
    if (modulePath.startsWith('_generated/')) continue;
    for (const [exportName, value] of Object.entries((await load()) as Record<string, unknown>)) {
      if (typeof value !== 'function') continue;
      const flags = value as RegistrationFlags;
      const kind = flags.isQuery ? 'query' : flags.isMutation ? 'mutation' : flags.isAction ? 'action' : null;
      if (kind === null) continue;
      if (flags.isPublic === flags.isInternal)
        throw new Error(`${modulePath}:${exportName} has no visibility`);
      found.push({
        name: `${modulePath}:${exportName}`,
        kind,
        visibility: flags.isPublic ? 'public' : 'internal',
      });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
