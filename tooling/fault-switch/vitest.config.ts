import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'fault-switch', include: ['test/**/*.test.ts'] },
});
