import { defineRule, FILE_RANGE, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { baseName, isEnvFile, type RepoInput } from '../../repo.js';

/** A `.env`-family file (not a template) that git tracks. */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/tracked-env-file',
    title: 'Env file committed to git',
    severity: 'high',
    docs: DOCS['env/tracked-env-file'],
    aliases: [],
    tags: ['secret', 'dotenv', 'cwe-538'],
    messages: {
      tracked: '`{{name}}` is tracked by git; env files hold local secrets and must stay out of the repository.',
    },
  },
  check(input) {
    const out: Report[] = [];
    for (const f of input.files) {
      if (!isEnvFile(f) || f.tracked !== true) continue;
      out.push({
        messageId: 'tracked',
        data: { name: baseName(f.path) },
        range: FILE_RANGE,
        fileLevel: true,
        properties: { file: f.path },
        fix: `git rm --cached ${f.path}, add it to .gitignore, rotate what it held and commit a ${baseName(f.path)}.example with placeholders instead.`,
      });
    }
    return out;
  },
});
