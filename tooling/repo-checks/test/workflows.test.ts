import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// GitHub only reports a broken workflow once it runs: validate them here against the workflow
// schema with action-validator's CLI, as a pre-commit hook would.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const workflowsDir = join(root, '.github/workflows');
const validator = resolve(dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/action-validator');

function validate(file: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(validator, [file], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

describe('GitHub workflows', () => {
  it('include the CI and the preview-branch workflow', () => {
    expect(workflows.sort()).toEqual([
      'ci.yml',
      'preview-convex.yml',
      'preview-neon.yml',
      'preview-supabase.yml',
    ]);
  });

  it.each(workflows)('%s is valid against the workflow schema', (name) => {
    const { ok, output } = validate(join(workflowsDir, name));
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('the validator rejects a workflow with a misspelt key (so the check above can fail)', () => {
    const broken = readFileSync(join(workflowsDir, 'ci.yml'), 'utf8').replace('runs-on:', 'runs_on:');
    const file = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'ci.yml');
    writeFileSync(file, broken);
    const { ok, output } = validate(file);
    expect(ok).toBe(false);
    expect(output).toContain("Additional property 'runs_on' is not allowed");
  });

  it('CI runs .ci/run, so it has the same steps as the CI entry point', () => {
    expect(readFileSync(join(workflowsDir, 'ci.yml'), 'utf8')).toMatch(/^\s+run: \.ci\/run$/m);
  });
});
