import { defineRule, FILE_RANGE, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { baseName, isEnvFile, type RepoInput } from '../../repo.js';

/** An env file that .gitignore lists but git tracks anyway (added with `git add -f`, or before the ignore). */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/env-file-force-added',
    title: 'Ignored env file is tracked anyway',
    severity: 'high',
    docs: DOCS['env/env-file-force-added'],
    aliases: [],
    tags: ['secret', 'dotenv', 'cwe-538'],
    messages: { forced: '`{{name}}` matches .gitignore but is tracked, so the ignore rule does not protect it.' },
  },
  check(input) {
    const out: Report[] = [];
    for (const f of input.files) {
      if (!isEnvFile(f) || f.tracked !== true || f.gitignored !== true) continue;
      out.push({
        messageId: 'forced',
        data: { name: baseName(f.path) },
        range: FILE_RANGE,
        fileLevel: true,
        properties: { file: f.path },
        fix: `git rm --cached ${f.path} (the ignore rule then applies) and rotate the values it held.`,
      });
    }
    return out;
  },
});
