import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) throw new Error('Set E2E_BASE_URL to the running app, e.g. E2E_BASE_URL=http://127.0.0.1:3001');
const app = process.env.E2E_APP ?? new URL(baseURL).host;

const RESTART_SPEC = 'restart.spec.ts';
const REPLACE_SPEC = 'replace.spec.ts';
const restarts = Boolean(process.env.E2E_RESTART_URL);
const chromium = {
  ...devices['Desktop Chrome'],
  // Debian's build of the headless shell, the browser Playwright runs headless tests on (its own
  // download is not reachable from these machines). The full chromium's --headless runs the whole
  // browser, UI renderers included: this suite took 1.7× as long on it and timed out under CI's load.
  launchOptions: { executablePath: '/usr/bin/chromium-headless-shell' },
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores on the dev machines and CI; each test signs up its own users, so workers never share data.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: `playwright-report/${app}`, open: 'never' }]],
  outputDir: `test-results/${app}`,
  use: {
    baseURL,
    // Recorded for every test, kept for failing ones. Without its screencast (the frames the browser
    // encodes as a page changes), which cost about a seventh of the suite's CPU time on two cores;
    // the DOM snapshots of each action stay, and `screenshot` keeps the failing page's last frame.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium', use: chromium, testIgnore: [RESTART_SPEC, REPLACE_SPEC] },
    // The backend restarts under every open page: only once the other tests are done, and only when
    // the app's e2e/run.ts says how (E2E_RESTART_URL).
    ...(restarts
      ? [{ name: 'restart', use: chromium, testMatch: RESTART_SPEC, dependencies: ['chromium'] }]
      : []),
    // A new, empty backend replaces the old one (E2E_REPLACE_URL): last of all, since it ends every
    // session and drops every test's data.
    ...(process.env.E2E_REPLACE_URL
      ? [
          {
            name: 'replace',
            use: chromium,
            testMatch: REPLACE_SPEC,
            dependencies: [restarts ? 'restart' : 'chromium'],
          },
        ]
      : []),
  ],
});
