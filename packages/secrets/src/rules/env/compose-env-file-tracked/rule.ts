import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { envFileSeverity, type RepoInput } from '../../repo.js';

/**
 * compose `env_file:` points at a file git tracks: the service's settings live in the repository.
 * One finding per tracked file, at its first reference (shipped compose files before test ones).
 */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/compose-env-file-tracked',
    title: 'Compose env_file points at a tracked file',
    severity: 'medium',
    docs: DOCS['env/compose-env-file-tracked'],
    aliases: [],
    tags: ['secret', 'compose', 'dotenv', 'cwe-538'],
    messages: {
      tracked:
        '`env_file: {{target}}` points at a file git tracks ({{uses}} reference(s) in compose files) and it holds {{count}} credential(s), reported on their lines.',
      hygiene:
        '`env_file: {{target}}` points at a file git tracks ({{uses}} reference(s) in compose files); it holds no credential now, but the next one added is committed.',
    },
  },
  check(input) {
    const out: Report[] = [];
    const tracked = new Map(input.files.map((f) => [f.path, f] as const));
    const testLike = (p: string) => /(^|[/._-])(test|tests|ci|e2e|dev)[._-]|(^|\/)(tests?|e2e|ci)\//i.test(p);
    const refs = [...input.composeEnvFiles].sort(
      (a, b) =>
        Number(testLike(a.composeFile)) - Number(testLike(b.composeFile)) ||
        a.composeFile.localeCompare(b.composeFile) ||
        a.range.startLine - b.range.startLine,
    );
    const uses = new Map<string, number>();
    for (const ref of refs) uses.set(ref.target, (uses.get(ref.target) ?? 0) + 1);
    const done = new Set<string>();
    for (const ref of refs) {
      const f = tracked.get(ref.target);
      if (f?.tracked !== true || f.kinds.includes('env-template') || done.has(ref.target)) continue;
      done.add(ref.target);
      const count = input.secretCounts.get(ref.target) ?? 0;
      out.push({
        messageId: count > 0 ? 'tracked' : 'hygiene',
        data: { target: ref.target, uses: uses.get(ref.target) ?? 1, count },
        range: ref.range,
        severity: envFileSeverity(input, ref.target),
        properties: { file: ref.composeFile, envFile: ref.target },
        fix: `Untrack ${ref.target}, ignore it in .gitignore and commit a template with placeholders.`,
      });
    }
    return out;
  },
});
