import { defineConfig, devices } from '@playwright/test';

// The report is a static file: no server, one worker, Debian's headless shell as in tooling/e2e.
export default defineConfig({
  testDir: './e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1200, height: 1400 },
        launchOptions: { executablePath: '/usr/bin/chromium-headless-shell' },
      },
    },
  ],
});
