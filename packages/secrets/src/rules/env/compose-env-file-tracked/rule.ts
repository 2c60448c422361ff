import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import type { RepoInput } from '../../repo.js';

/** compose `env_file:` points at a file git tracks: the service's secrets live in the repository. */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/compose-env-file-tracked',
    title: 'Compose env_file points at a tracked file',
    severity: 'high',
    docs: DOCS['env/compose-env-file-tracked'],
    aliases: [],
    tags: ['secret', 'compose', 'dotenv', 'cwe-538'],
    messages: { tracked: '`env_file: {{target}}` points at a file git tracks, so its values are committed.' },
  },
  check(input) {
    const out: Report[] = [];
    const tracked = new Map(input.files.map((f) => [f.path, f] as const));
    for (const ref of input.composeEnvFiles) {
      const f = tracked.get(ref.target);
      if (f?.tracked !== true || f.kinds.includes('env-template')) continue;
      out.push({
        messageId: 'tracked',
        data: { target: ref.target },
        range: ref.range,
        properties: { file: ref.composeFile },
        fix: `Untrack ${ref.target}, ignore it in .gitignore and commit a template with placeholders.`,
      });
    }
    return out;
  },
});
