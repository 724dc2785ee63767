import { join } from 'node:path';
import { PLATFORMS, type PlatformName } from '../exercises';
import { convexUpgrade } from './convex';
import { neonUpgrade, supabaseUpgrade } from './sql';

/**
 * `tsx src/upgrade/cli.ts <platform> <before dir>`, run inside the tree being checked (its own
 * node_modules, its app): the upgrade check of exercise 4. Prints each problem; exit 1 if any.
 */
const [platform, beforeDir] = process.argv.slice(2);
if (!(PLATFORMS as readonly string[]).includes(platform ?? '') || !beforeDir) {
  console.error('usage: tsx src/upgrade/cli.ts <neon-drizzle|supabase|convex> <before dir>');
  process.exit(2);
}
const appDir = join(import.meta.dirname, '../../../../apps', platform!);
const checks: Record<PlatformName, () => Promise<string[]>> = {
  'neon-drizzle': () => neonUpgrade(appDir, beforeDir!),
  supabase: () => supabaseUpgrade(appDir, beforeDir!),
  convex: () => convexUpgrade(appDir),
};
const problems = await checks[platform as PlatformName]();
for (const problem of problems) console.log(`UPGRADE PROBLEM: ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
