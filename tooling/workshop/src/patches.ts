/** Per file of a unified diff (as `git diff` writes it): how many lines it adds and removes. */
export function patchStats(patchText: string): Map<string, { added: number; removed: number }> {
  const stats = new Map<string, { added: number; removed: number }>();
  let current: { added: number; removed: number } | undefined;
  for (const line of patchText.split('\n')) {
    const header = /^diff --git a\/(\S+) b\/\S+$/.exec(line);
    if (header) {
      current = { added: 0, removed: 0 };
      stats.set(header[1]!, current);
    } else if (current && line.startsWith('+') && !line.startsWith('+++ ')) current.added++;
    else if (current && line.startsWith('-') && !line.startsWith('--- ')) current.removed++;
  }
  return stats;
}

/**
 * Why a starting patch could break a test that is not the exercise's, or [] when it cannot: it
 * may change no app and remove no line outside documentation, so every existing test and every
 * implementation stays as on main, where the apps' own test tasks prove the whole contract.
 */
export function startPatchProblems(patchText: string): string[] {
  return [...patchStats(patchText)].flatMap(([file, { removed }]) => [
    ...(file.startsWith('apps/') ? [`${file}: a starting state changes no app`] : []),
    ...(removed > 0 && !file.endsWith('.md') && !isTypeOnly(file) && !isUiTest(file)
      ? [`${file}: removes ${removed} line(s); a starting state only adds tests and types`]
      : []),
  ]);
}

// The Client interface grows in the starting state: its lines change, but a type cannot fail a test.
// A UI test whose expectation the spec change alters (a form that sends one more field): the proof
// runs packages/ui's tests in the starting state and with the reference (exercise.json `ui`).
const isUiTest = (file: string) => file.startsWith('packages/ui/') && /\.test\.tsx?$/.test(file);

const isTypeOnly = (file: string) =>
  file === 'packages/contract/src/platform.ts' || file.endsWith('/types.ts');
