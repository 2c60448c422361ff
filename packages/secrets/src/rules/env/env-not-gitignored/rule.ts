import { defineRule, FILE_RANGE, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { baseName, isEnvFile, type RepoInput } from '../../repo.js';

/** An env file that no .gitignore pattern covers (e.g. `.env.production` escaping a bare `.env` line). */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/env-not-gitignored',
    title: 'Env file not covered by .gitignore',
    severity: 'medium',
    docs: DOCS['env/env-not-gitignored'],
    aliases: [],
    tags: ['secret', 'dotenv', 'cwe-538'],
    messages: { uncovered: '`{{name}}` is not matched by any .gitignore pattern; one `git add .` commits it.' },
  },
  check(input) {
    const out: Report[] = [];
    for (const f of input.files) {
      // A tracked env file is reported once, as tracked (whose fix adds the ignore rule).
      if (!isEnvFile(f) || f.gitignored !== false || f.tracked === true) continue;
      out.push({
        messageId: 'uncovered',
        data: { name: baseName(f.path) },
        range: FILE_RANGE,
        fileLevel: true,
        properties: { file: f.path },
        fix: 'Add `.env` and `.env.*` (with `!.env.example`) to .gitignore.',
      });
    }
    return out;
  },
});
