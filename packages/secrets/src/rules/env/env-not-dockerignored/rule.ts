import { defineRule, FILE_RANGE, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { baseName, isEnvFile, type RepoInput } from '../../repo.js';

/** An env file inside a build context that a Dockerfile copies wholesale, not excluded by .dockerignore. */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/env-not-dockerignored',
    title: 'Env file would be copied into the image',
    severity: 'high',
    docs: DOCS['env/env-not-dockerignored'],
    aliases: [],
    tags: ['secret', 'dotenv', 'docker', 'cwe-538'],
    messages: {
      missing:
        '`{{name}}` is in the build context that `{{dockerfile}}` copies (line {{line}}) and there is no .dockerignore excluding it.',
      notExcluded:
        '`{{name}}` is in the build context that `{{dockerfile}}` copies (line {{line}}) and `{{dockerignore}}` does not exclude it.',
      negated:
        '`{{dockerignore}}` re-includes `{{name}}` with a negation, so `{{dockerfile}}` (line {{line}}) copies it into the image.',
    },
  },
  check(input) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const copy of input.contextCopies) {
      const prefix = copy.contextDir === '' ? '' : `${copy.contextDir}/`;
      for (const f of input.files) {
        if (!isEnvFile(f) || !f.path.startsWith(prefix) || seen.has(f.path)) continue;
        const verdict = input.isDockerignored(copy.contextDir, f.path);
        if (verdict.ignored) continue;
        seen.add(f.path);
        const messageId = verdict.negated ? 'negated' : verdict.dockerignore ? 'notExcluded' : 'missing';
        // A tracked file scanned clean goes into the image without a secret: hygiene.
        const clean = f.tracked === true && (input.secretCounts.get(f.path) ?? 0) === 0;
        out.push({
          messageId,
          data: {
            name: baseName(f.path),
            dockerfile: copy.dockerfile,
            line: copy.line,
            dockerignore: verdict.dockerignore ?? '.dockerignore',
          },
          range: FILE_RANGE,
          fileLevel: true,
          ...(clean ? { severity: 'low' as const } : {}),
          properties: { file: f.path, dockerfile: copy.dockerfile },
          fix: 'Add `.env` and `.env.*` (and `**/.env`) to .dockerignore and drop any `!.env` negation; pass runtime secrets with build secrets or at run time.',
        });
      }
    }
    return out;
  },
});
