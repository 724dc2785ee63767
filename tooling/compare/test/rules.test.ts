import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../src/report';
import { resolveRules } from '../src/rules';
import { RULES } from '../src/rules-map';

describe('where the rules live: the checked map', () => {
  it('covers visibility, ownership, validation, audit, soft delete and counts on every platform', () => {
    const topics = RULES.map((rule) => rule.rule.split(':')[0]);
    for (const topic of ['Visibility', 'Ownership', 'Validation', 'Audit', 'Soft delete', 'Counts']) {
      expect(topics).toContain(topic);
    }
    for (const rule of RULES)
      for (const platform of PLATFORMS) expect(rule.sites[platform].length).toBeGreaterThan(0);
  });

  it('finds every anchor exactly once in its app, outside tests, so no line number can be stale', () => {
    // resolveRules throws on an anchor found nowhere or more than once, naming it.
    const rules = resolveRules();
    for (const rule of rules) {
      for (const platform of PLATFORMS) {
        for (const site of rule.sites[platform]) {
          expect(site.file.startsWith(`apps/${platform}/`)).toBe(true);
          expect(site.line).toBeGreaterThan(0);
        }
      }
    }
  });
});
