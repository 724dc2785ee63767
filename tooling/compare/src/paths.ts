import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** `pnpm compare` writes here; `npm test`'s tiny run passes another folder (COMPARE_OUT_DIR). */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../../compare/', import.meta.url));
