import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, Platform } from './create-app';

interface ReadmeInput {
  name: string;
  platform: Platform;
  appName: string;
  app: AppInfo;
  /** The workspace folders copied in, e.g. `packages/domain`. */
  packages: string[];
  root: string;
  pnpmVersion: string;
}

/** The generated project's README: what it is, its two commands, and where everything lives. */
export function projectReadme({
  name,
  platform,
  appName,
  app,
  packages,
  root,
  pnpmVersion,
}: ReadmeInput): string {
  const describe = (folder: string) =>
    (JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { description?: string })
      .description ?? '';
  const rows = [`apps/${platform}`, ...packages].map(
    (folder) => `| [\`${folder}\`](${folder}) | ${describe(folder).replaceAll('|', '\\|')} |`,
  );
  return `# ${name}

${describe(`apps/${platform}`)}

Written by \`pnpm create-app ${platform}\` from Parity: the ${app.title} app (\`${appName}\`) and the packages it builds on, file for file; only the versions (Parity's catalog, written out), these root files and the app's header links to the other Parity apps differ.

## Quick start

On a machine with only Node.js (see \`engines\` in package.json) and npm:

\`\`\`sh
npm start    # the app in dev mode on ${app.url}, on ${app.backend}
npm test     # format check, then typecheck, lint, the app's tests (contract suite included) and its e2e suite
\`\`\`

Both commands bring in pnpm ${pnpmVersion} (pinned in \`packageManager\`) when it is missing, into \`.cache/\` rather than globally, install the workspace and hand over to turbo (\`tooling/bootstrap.mjs\`).

- **Stop:** Ctrl-C. Every service stops and the command exits 0.
- **Data:** ${app.data}.
- The end-to-end tests drive Debian's Chromium headless shell, \`/usr/bin/chromium-headless-shell\`
  (\`apt-get install chromium-headless-shell\`).

How to point the app at the real service, its env variables and its numbers: [\`apps/${platform}/README.md\`](apps/${platform}/README.md). The behaviour it implements: [\`packages/contract/SPEC.md\`](packages/contract/SPEC.md).

## Layout

A small pnpm workspace (\`pnpm-workspace.yaml\`): the app and the workspace packages it depends on.

| folder | what |
| --- | --- |
${rows.join('\n')}
`;
}
