import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuthConfig, SchemaDefinition } from 'convex/server';
import { register, type NamespacedUnregister } from 'tsx/esm/api';
import { functionInfo, type FunctionInfo } from './functions';

export type { FunctionInfo, FunctionKind } from './functions';

/**
 * An app's `convex/` folder as convex-test's `modules` argument wants it (what `import.meta.glob`
 * gives in vitest), loaded through Node's own import. `reload()` makes the next call of every
 * loader import a fresh copy of the files, so the functions change while the data stays.
 */
export class ConvexApp {
  readonly modules: Record<string, () => Promise<unknown>>;
  private generation = 0;
  // tsx's namespaced loader: each generation imports its own copy of the whole module graph, so an
  // edit to `convex/lib/*.ts` is seen too (Node's module cache would otherwise keep the old one).
  private loader: NamespacedUnregister = register({ namespace: 'convex-functions-0' });

  constructor(readonly functionsDir: string) {
    this.modules = Object.fromEntries(
      listModules(functionsDir).map((file) => [
        // convex-test strips the prefix up to `_generated` and the extension: `./users.ts` → `users`.
        `./${relative(functionsDir, file).split('\\').join('/')}`,
        () => this.importFile(file),
      ]),
    );
  }

  reload(): void {
    this.generation++;
    this.loader = register({ namespace: `convex-functions-${this.generation}` });
  }

  async schema(): Promise<SchemaDefinition<never, boolean> | undefined> {
    const file = join(this.functionsDir, 'schema.ts');
    if (!this.modules['./schema.ts']) return undefined;
    return ((await this.importFile(file)) as { default: SchemaDefinition<never, boolean> }).default;
  }

  /** auth.config.ts, read as a deployment reads it when the functions are pushed. */
  async authConfig(): Promise<AuthConfig> {
    try {
      const file = join(this.functionsDir, 'auth.config.ts');
      return ((await this.importFile(file)) as { default: AuthConfig }).default;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return { providers: [] };
      throw error;
    }
  }

  /**
   * The function a path such as `posts:listPosts` (or `posts.js:listPosts`) names, if any, with its
   * `args` validator as `exportArgs()` serializes it.
   */
  async lookup(path: string): Promise<(FunctionInfo & { argsValidator: string }) | undefined> {
    const [modulePath, exportName = 'default'] = path.split(':');
    if (!modulePath || modulePath.startsWith('_generated/')) return undefined;
    const base = modulePath.replace(/\.js$/, '');
    const loader = this.modules[`./${base}.ts`] ?? this.modules[`./${base}.js`];
    if (!loader) return undefined;
    const value = ((await loader()) as Record<string, unknown>)[exportName];
    const info = functionInfo(value);
    return info && { ...info, argsValidator: (value as { exportArgs(): string }).exportArgs() };
  }

  private importFile(file: string): Promise<unknown> {
    return this.loader.import(pathToFileURL(file).href, import.meta.url);
  }
}

// What `npx convex dev` bundles: every module but declaration files and the deployment's config.
function listModules(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => file !== 'auth.config.ts' && !file.startsWith('node_modules'))
    .map((file) => join(dir, file));
}
