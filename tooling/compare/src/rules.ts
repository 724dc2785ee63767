/** Resolves the checked map of `rules-map.ts` to files and lines in the current tree. */
import { PLATFORMS, type Platform, type RuleRow, type RuleSite } from './report';
import { RULES, type SiteAnchor } from './rules-map';
import { appSources, isTestFile, type SourceFile } from './sources';

export class AnchorError extends Error {}

function locate(platform: Platform, files: SourceFile[], site: SiteAnchor): RuleSite {
  const hits = files.flatMap((file) =>
    file.text
      .split('\n')
      .flatMap((text, index) => (text.includes(site.anchor) ? [{ file, line: index + 1 }] : [])),
  );
  if (hits.length !== 1) {
    const where = hits.map((hit) => `${hit.file.repoPath}:${hit.line}`).join(', ') || 'nowhere';
    throw new AnchorError(
      `${platform}: anchor "${site.anchor}" must occur once outside tests, found ${where}`,
    );
  }
  return { file: hits[0]!.file.repoPath, line: hits[0]!.line, mechanism: site.mechanism };
}

export function resolveRules(): RuleRow[] {
  const sources = Object.fromEntries(
    PLATFORMS.map((platform) => [platform, appSources(platform).filter((file) => !isTestFile(file.path))]),
  ) as Record<Platform, SourceFile[]>;
  return RULES.map((entry) => ({
    rule: entry.rule,
    spec: entry.spec,
    sites: Object.fromEntries(
      PLATFORMS.map((platform) => [
        platform,
        entry.sites[platform].map((site) => locate(platform, sources[platform], site)),
      ]),
    ) as Record<Platform, RuleSite[]>,
  }));
}
