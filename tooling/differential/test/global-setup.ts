import neonSetup from '@parity/neon-drizzle/contract/local-stack';
import supabaseSetup from '@parity/supabase/test/global-setup';
import type { TestProject } from 'vitest/node';

/** Every platform's own test stack, in one process: the apps' global setups, unchanged. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stopNeon = await neonSetup();
  try {
    const stopSupabase = await supabaseSetup(project);
    return async () => {
      await stopSupabase();
      await stopNeon();
    };
  } catch (error) {
    await stopNeon();
    throw error;
  }
}
