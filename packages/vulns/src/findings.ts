import { type Finding, reportToFinding } from '@shipshape/core';
import { PinLocator } from './locate.js';
import type { VulnMatch } from './match.js';
import { rule } from './rules/known-vulnerability/rule.js';

/**
 * `vulns/known-vulnerability` findings of matches, each on the line of its component's lockfile
 * that pins it. `texts` holds the lockfiles' text by path; a match without a readable file is
 * reported at line 1 of its file.
 */
export function vulnFindings(matches: readonly VulnMatch[], texts: ReadonlyMap<string, string>): Finding[] {
  const byFile = new Map<string, VulnMatch[]>();
  for (const m of matches) {
    const file = m.component.file ?? '';
    const list = byFile.get(file);
    if (list) list.push(m);
    else byFile.set(file, [m]);
  }
  const findings: Finding[] = [];
  for (const [file, list] of byFile) {
    const locator = new PinLocator(texts.get(file) ?? '');
    for (const report of rule.check({ file, locator, matches: list }, {}))
      findings.push(reportToFinding(rule.meta, report, file, locator.lines));
  }
  return findings;
}
