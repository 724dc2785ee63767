/** `pnpm create-app <neon-drizzle|supabase|convex> <dir>`: see README.md. */
import { relative, resolve } from 'node:path';
import { createApp, PLATFORMS, type Platform } from './create-app';

const [platform, target] = process.argv.slice(2);
if (!PLATFORMS.includes(platform as Platform) || !target) {
  console.error(`usage: pnpm create-app <${PLATFORMS.join('|')}> <dir>`);
  process.exit(2);
}
const dir = resolve(target);
try {
  const created = await createApp(platform as Platform, dir);
  console.log(`Wrote ${created.appName} and ${created.packages.length} packages to ${dir}:\n`);
  console.log(`  cd ${relative(process.cwd(), dir) || '.'}`);
  console.log('  npm start    # or npm test\n');
} catch (error) {
  console.error(`create-app: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
