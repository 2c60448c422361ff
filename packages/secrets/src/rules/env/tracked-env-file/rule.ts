import { defineRule, FILE_RANGE, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { baseName, envFileSeverity, isEnvFile, type RepoInput } from '../../repo.js';

/**
 * A `.env`-family file (not a template) that git tracks: one finding per file. Files a compose
 * `env_file:` names are reported by `env/compose-env-file-tracked` instead, once.
 */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/tracked-env-file',
    title: 'Env file committed to git',
    severity: 'medium',
    docs: DOCS['env/tracked-env-file'],
    aliases: [],
    tags: ['secret', 'dotenv', 'cwe-538'],
    messages: {
      tracked:
        '`{{name}}` is tracked by git and holds {{count}} credential(s), reported on their lines; env files hold local secrets and belong outside the repository.',
      hygiene:
        '`{{name}}` is tracked by git; it holds no credential now, but the next secret added to it is committed too.',
    },
  },
  check(input) {
    const out: Report[] = [];
    const composeTargets = new Set(input.composeEnvFiles.map((r) => r.target));
    for (const f of input.files) {
      if (!isEnvFile(f) || f.tracked !== true || composeTargets.has(f.path)) continue;
      const count = input.secretCounts.get(f.path) ?? 0;
      out.push({
        messageId: count > 0 ? 'tracked' : 'hygiene',
        data: { name: baseName(f.path), count },
        range: FILE_RANGE,
        fileLevel: true,
        severity: envFileSeverity(input, f.path),
        properties: { file: f.path },
        fix: `git rm --cached ${f.path}, add it to .gitignore, rotate what it held and commit a ${baseName(f.path)}.example with placeholders instead.`,
      });
    }
    return out;
  },
});
