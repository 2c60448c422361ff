/**
 * Recall and precision on a labelled mini-corpus of realistic repositories (see
 * scripts/make-corpus.py): every secret line is labelled; every other line is a negative,
 * including the precision traps (placeholders, interpolations, references, hashes, lockfiles,
 * docs examples, i18n strings, test passwords, public keys). Repository-level `.env` findings
 * are labelled separately.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_RULES } from '../rules/index.js';
import { DETECTORS, findTokens } from '../tokens.js';
import { runFixture } from './harness.js';

const corpus = fileURLToPath(new URL('./corpus/', import.meta.url));
const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<
  string,
  { secrets: Record<string, number[]>; repoFindings: Array<{ ruleId: string; file: string }> }
>;
const repoRuleIds = new Set(REPO_RULES.map((r) => r.meta.id));

/** Replaces `@@token:<detector>@@` with a value generated from that detector's own samples. */
function materialize(text: string): string {
  return text.replace(/@@token:([a-z0-9-]+)@@/g, (_, id: string) => {
    const d = DETECTORS.find((x) => x.id === id);
    if (!d) throw new Error(`unknown detector ${id}`);
    for (const sample of d.samples.positive) {
      const hit = findTokens(sample).find((t) => t.detectorId === id);
      if (hit) return hit.secret.replace(/\r?\n/g, '\\n');
    }
    throw new Error(`no usable sample for ${id}`);
  });
}

describe('labelled corpus', () => {
  const totals = { tp: 0, fp: 0, fn: 0, contextLow: 0 };
  const errors: string[] = [];
  for (const [repo, label] of Object.entries(labels)) {
    it(`${repo}: line-level findings and repository-level .env findings`, async () => {
      const run = await runFixture(join(corpus, repo), {}, materialize);
      // A finding rated low because of where it sits (a test input, docs, a comment) is the
      // "noise" class: reported, but not a claim that the line is a live secret. The corpus labels
      // test passwords as negatives, so those count as predictions only at medium and above.
      const predicted = new Set(
        run.findings
          .filter((f) => !repoRuleIds.has(f.ruleId) && !(f.severity === 'low' && f.properties?.context !== undefined))
          .map((f) => `${f.file}:${f.range.startLine}`),
      );
      for (const f of run.findings)
        if (!repoRuleIds.has(f.ruleId) && f.severity === 'low' && f.properties?.context !== undefined)
          totals.contextLow++;
      const expected = new Set(
        Object.entries(label.secrets).flatMap(([file, lines]) => lines.map((l) => `${file}:${l}`)),
      );
      for (const p of predicted) {
        if (expected.has(p)) totals.tp++;
        else {
          totals.fp++;
          const f = run.findings.find((x) => `${x.file}:${x.range.startLine}` === p);
          errors.push(`FP ${repo}/${p} ${f?.ruleId}`);
        }
      }
      for (const e of expected) {
        if (!predicted.has(e)) {
          totals.fn++;
          errors.push(`FN ${repo}/${e}`);
        }
      }
      const repoFound = run.findings.filter((f) => repoRuleIds.has(f.ruleId)).map((f) => `${f.ruleId} ${f.file}`);
      for (const want of label.repoFindings) expect(repoFound).toContain(`${want.ruleId} ${want.file}`);
    });
  }
  it('scores recall and precision above 0.95', () => {
    const recall = totals.tp / (totals.tp + totals.fn);
    const precision = totals.tp / (totals.tp + totals.fp);
    console.log(
      `corpus: tp=${totals.tp} fp=${totals.fp} fn=${totals.fn} recall=${recall.toFixed(3)} precision=${precision.toFixed(3)} context-rated-low=${totals.contextLow}`,
    );
    if (errors.length > 0) console.log(errors.join('\n'));
    expect(totals.tp + totals.fn).toBeGreaterThan(40);
    expect(recall).toBeGreaterThan(0.95);
    expect(precision).toBeGreaterThan(0.95);
  });
});
